// One window per file on this machine (Linux, through a D-Bus session bus): launching Waymark
// again with the file a window has open hands over to that window and exits at once; launching
// it with another file opens a second window. Without a bus (every other spec) the app starts
// normally. A private bus is started for this spec.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { appBinary, openApp, waymark } from '../harness.mjs';

let app;
let dir;
let file;
let bus;
let env;

/** Launches the app binary as a person would from a terminal, on the spec's display and bus. */
function launch(...args) {
  const child = spawn(appBinary, args, {
    env: {
      ...process.env,
      ...env,
      DISPLAY: app.display,
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      WEBKIT_DISABLE_DMABUF_RENDERER: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
      NO_AT_BRIDGE: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

const within = (ms, promise) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(null), ms))]);

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-instance-'));
  file = path.join(dir, 'Team map.waymark');
  waymark('new', file, '--template', 'blank', '--name', 'Team map');
  const started = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { encoding: 'utf8' });
  assert.equal(started.status, 0, `dbus-daemon: ${started.stderr}`);
  const [address, pid] = started.stdout.trim().split('\n');
  bus = { address, pid: Number(pid) };
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir, DBUS_SESSION_BUS_ADDRESS: address };
  app = await openApp({ file, env });
  await app.waitForMap();
});

after(async () => {
  await app?.close();
  if (bus) process.kill(bus.pid);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a second launch with the open file (spelt differently) hands over and exits at once', async () => {
  const roundabout = path.join(dir, '.', '..', path.basename(dir), path.basename(file));
  const second = launch(roundabout);
  const ended = await within(10000, second.exited);
  assert.ok(ended, 'the second launch is still running after 10 s');
  assert.equal(ended.code, 0, `exit ${ended.code} ${ended.signal ?? ''}: ${ended.stderr}`);
  assert.equal(await app.browser.getTitle(), 'Team map.waymark — Waymark', 'the first window is still there');
  assert.deepEqual(app.windowTitles().filter((t) => t.endsWith('— Waymark')), ['Team map.waymark — Waymark']);
  await app.screenshot('instance-1-one-window');
});

test('a launch with another file gets a window of its own', async () => {
  const other = path.join(dir, 'Other map.waymark');
  waymark('new', other, '--template', 'blank', '--name', 'Other map');
  const second = launch(other);
  try {
    assert.equal(await within(4000, second.exited), null, 'the launch with another file keeps running');
    const deadline = Date.now() + 15000;
    while (!app.windowTitles().includes('Other map.waymark — Waymark') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(app.windowTitles().includes('Other map.waymark — Waymark'), `windows: ${app.windowTitles()}`);
    assert.ok(app.windowTitles().includes('Team map.waymark — Waymark'));
  } finally {
    second.child.kill('SIGTERM');
    await within(5000, second.exited);
  }
});
