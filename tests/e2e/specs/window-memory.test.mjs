// The app remembers its window's size and position between launches, as desktop apps do. The
// window is resized and moved, the app quits the way a desktop session ends it (SIGTERM), and the
// next launch with the same HOME opens the window where and as large as it was.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, repo, waymark } from '../harness.mjs';

const identifier = JSON.parse(readFileSync(path.join(repo, 'tauri.conf.json'), 'utf8')).identifier;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let dir;
let env;
let file;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-window-'));
  env = { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config') };
  file = path.join(dir, 'demo.waymark');
  waymark('import', path.join(repo, 'assets/demo/demo.json'), '-o', file);
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function launch() {
  const app = await openApp({ file, env, failures: 'window-memory' });
  await app.waitForMap();
  return app;
}

/** The pid the file's in-use mark names: the app's own process, not the driver's. */
function appPid() {
  const mark = path.join(path.dirname(file), `.~${path.basename(file)}.lock`);
  return JSON.parse(readFileSync(mark, 'utf8')).pid;
}

const outer = (app) => app.browser.execute(() => [window.outerWidth, window.outerHeight, window.screenX, window.screenY]);

test('a relaunch opens the window at the size and place it had', async () => {
  const saved = path.join(dir, 'config', identifier, '.window-state.json');
  let app = await launch();
  try {
    assert.deepEqual((await outer(app)).slice(0, 2), [1440, 900], 'the first launch uses the configured size');
    await app.browser.setWindowRect(120, 80, 1000, 640);
    await app.until('the window resized and moved', async () => {
      const [w, h, x, y] = await outer(app);
      return w === 1000 && h === 640 && x === 120 && y === 80;
    });
    process.kill(appPid(), 'SIGTERM');
    for (let i = 0; i < 100 && !existsSync(saved); i++) await sleep(100);
  } finally {
    await app.close();
  }
  assert.ok(existsSync(saved), `quitting wrote ${saved}`);
  const state = Object.values(JSON.parse(readFileSync(saved, 'utf8')))[0];
  assert.equal(state.width, 1000);
  assert.equal(state.height, 640);

  app = await launch();
  try {
    await app.until('the window restored', async () => {
      const [w, h, x, y] = await outer(app);
      return w === 1000 && h === 640 && x === 120 && y === 80;
    });
    // Nothing in the header is pushed past the narrower window's edge.
    const outside = await app.browser.execute(() =>
      [...document.querySelectorAll('header.bar button')]
        .filter((b) => b.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((b) => b.textContent.trim()),
    );
    assert.deepEqual(outside, [], 'header buttons beyond the window edge');
    await app.screenshot('window-memory');
  } finally {
    await app.close();
  }
});
