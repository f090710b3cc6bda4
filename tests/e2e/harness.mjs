// The end-to-end harness: a virtual display, tauri-driver in front of WebKitWebDriver, and the
// real waymark-app binary opened on a project file. Every spec uses it the same way:
//
//   const app = await openApp({ file });      // Xvfb + driver + window
//   await app.screenshot('name');             // out/e2e/name.png, captured from the display
//   await app.close();                        // window, driver and display, in that order
//
// Paths can be overridden: WAYMARK_APP (the binary), TAURI_DRIVER, WAYMARK_E2E_OUT.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const appBinary = process.env.WAYMARK_APP ?? path.join(repo, 'target/debug/waymark-app');
export const cliBinary = process.env.WAYMARK_CLI ?? path.join(repo, 'target/debug/waymark');
export const driverBinary = process.env.TAURI_DRIVER ?? path.join(repo, '.tools/bin/tauri-driver');
export const outDir = process.env.WAYMARK_E2E_OUT ?? path.join(repo, 'out/e2e');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Kills a child and waits until it is gone. */
async function stop(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

/** Starts Xvfb on a free display number; resolves once its socket is there. */
export async function startDisplay({ width = 1440, height = 900 } = {}) {
  let number = 90;
  for (let attempt = 0; ; attempt++) {
    while (existsSync(`/tmp/.X${number}-lock`) || existsSync(`/tmp/.X11-unix/X${number}`)) number++;
    try {
      return await startXvfb(number, width, height);
    } catch (error) {
      // Another run may have taken the same number a moment ago: move on to the next one.
      if (attempt >= 5) throw error;
      number++;
    }
  }
}

async function startXvfb(number, width, height) {
  const display = `:${number}`;
  const child = spawn('Xvfb', [display, '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const failed = new Promise((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Xvfb ${display} exited (${code}): ${stderr.trim()}`))),
  );
  failed.catch(() => {});
  await Promise.race([waitFor(`Xvfb on ${display}`, () => existsSync(`/tmp/.X11-unix/X${number}`), 10000), failed]);
  return { display, child, stop: () => stop(child) };
}

/** Starts tauri-driver (which starts WebKitWebDriver) on free ports of the loopback. */
export async function startDriver(env) {
  if (!existsSync(driverBinary)) {
    throw new Error(`${driverBinary} is missing: run scripts/setup.sh (it installs tauri-driver into .tools)`);
  }
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn(driverBinary, ['--port', String(port), '--native-port', String(nativePort)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  await waitFor(
    `tauri-driver on port ${port}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`tauri-driver exited (${child.exitCode}): ${log.trim()}`);
      try {
        return (await fetch(`http://127.0.0.1:${port}/status`)).ok;
      } catch {
        return false;
      }
    },
    15000,
  );
  return { port, child, log: () => log, stop: () => stop(child) };
}

/**
 * Opens the real app on `file` under its own Xvfb display. Returns the WebdriverIO browser plus
 * helpers; always call close().
 */
// The display is the window's size (tauri.conf.json), so a capture of the display is the window.
export async function openApp({ file, args = [], env: extra = {}, width = 1440, height = 900, failures = 'e2e' } = {}) {
  if (!existsSync(appBinary)) throw new Error(`${appBinary} is missing: build it with cargo build --workspace`);
  const started = [];
  const closeAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => {});
  };
  try {
    // The app never sees the runner's own HOME or XDG folders: recent files, preferences,
    // templates and WebKit's data of one spec must not reach another, nor a person's own.
    // A spec that passes HOME keeps it (to see a preference survive a relaunch); else a fresh one.
    if (!('HOME' in extra)) {
      const home = mkdtempSync(path.join(tmpdir(), `waymark-${failures}-home-`));
      started.push({ stop: async () => rmSync(home, { recursive: true, force: true }) });
      extra = { ...extra, HOME: home };
    }
    const display = await startDisplay({ width, height });
    started.push(display);
    const env = {
      ...process.env,
      DISPLAY: display.display,
      // Software rendering: Xvfb has no GPU, and WebKit's compositor/DMA-BUF paths need one.
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
      NO_AT_BRIDGE: '1',
      // The UI follows the OS locale: specs that read visible text expect English unless they
      // set LANG themselves (LC_ALL and LC_MESSAGES would win over it, so they go).
      LANG: 'en_US.UTF-8',
      ...extra,
    };
    delete env.WAYLAND_DISPLAY;
    for (const name of ['LC_ALL', 'LC_MESSAGES', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
      if (!(name in extra)) delete env[name];
    }
    const driver = await startDriver(env);
    started.push(driver);
    const browser = await remote({
      hostname: '127.0.0.1',
      port: driver.port,
      logLevel: 'error',
      connectionRetryCount: 0,
      capabilities: {
        'tauri:options': { application: appBinary, args: [...(file ? [path.resolve(file)] : []), ...args] },
      },
    });
    started.push({ stop: () => browser.deleteSession() });
    return {
      browser,
      display: display.display,
      driverLog: driver.log,
      /** tauri-driver's process: the app and its WebKit processes are its descendants. */
      driverPid: driver.child.pid,
      /**
       * Saves a PNG of the window to out/e2e/NAME.png (or an absolute path) and returns its path.
       * It captures the X display itself — what a person would see, and the display is the
       * window's size. (WebKitWebDriver's own screenshot can hang on a page that does not repaint.)
       */
      async screenshot(name) {
        const target = path.isAbsolute(name) ? name : path.join(outDir, `${name}.png`);
        mkdirSync(path.dirname(target), { recursive: true });
        // Let pending layout and image decoding reach the screen first.
        await browser.execute(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const result = spawnSync('import', ['-display', display.display, '-window', 'root', target], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`import could not capture ${display.display}: ${result.stderr}`);
        return target;
      },
      /** The names of the top-level X windows on this display, as a window manager would show them. */
      windowTitles() {
        const result = spawnSync('xwininfo', ['-display', display.display, '-root', '-children'], { encoding: 'utf8' });
        if (result.status !== 0) throw new Error(`xwininfo failed: ${result.stderr}`);
        return [...result.stdout.matchAll(/^\s+0x[0-9a-f]+ "(.*)":/gm)].map((m) => m[1]);
      },
      /**
       * Waits until `check` holds; on a timeout the window is captured as out/e2e/NAME-failed.png
       * (NAME: the spec's `failures` name), so a failed run leaves a picture to look at.
       */
      async until(what, check, timeout = 10000) {
        try {
          await browser.waitUntil(check, { timeout, timeoutMsg: `waited for ${what}` });
        } catch (error) {
          await this.screenshot(`${failures}-failed`).catch(() => {});
          throw error;
        }
      },
      /** Waits until the map (or the error screen) has rendered. */
      async waitForMap(timeout = 15000) {
        await browser.$('.map, main[role="alert"]').waitForExist({ timeout });
        const alert = await browser.$('main[role="alert"]');
        if (await alert.isExisting()) throw new Error(`the app shows an error: ${await alert.getText()}`);
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Runs the waymark CLI; throws with its message when it fails. */
export function waymark(...args) {
  const result = spawnSync(cliBinary, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`waymark ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * A copy of the demo project alone in a fresh folder, opened in the app (with a fresh HOME, as
 * every app the harness opens) with its map on screen. `close()` quits the app and removes both.
 */
export async function openDemo({ env = {}, failures = 'e2e', ...options } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), `waymark-${failures}-`));
  const file = path.join(dir, 'demo.waymark');
  waymark('import', path.join(repo, 'assets/demo/demo.json'), '-o', file);
  const app = await openApp({ file, failures, env, ...options });
  const close = async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await app.waitForMap();
  } catch (e) {
    await close();
    throw e;
  }
  return { app, dir, file, close };
}
