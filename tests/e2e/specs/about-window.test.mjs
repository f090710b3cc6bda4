// Help → About names the version the shell was built as (the one in tauri.conf.json, which the
// packages and `waymark --version` carry too).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, repo, waymark } from '../harness.mjs';

const version = JSON.parse(readFileSync(path.join(repo, 'tauri.conf.json'), 'utf8')).version;
let dir;
let env;
let file;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-about-'));
  env = { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config') };
  file = path.join(dir, 'demo.waymark');
  waymark('import', path.join(repo, 'assets/demo/demo.json'), '-o', file);
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function launch() {
  const app = await openApp({ file, env, failures: 'about-window' });
  await app.waitForMap();
  return app;
}

test('Help → About shows the version', async () => {
  assert.match(waymark('--version'), new RegExp(`^waymark ${version.replaceAll('.', '\\.')}\\n$`));
  const app = await launch();
  try {
    await (await app.browser.$('[data-testid="menu-help"]')).click();
    const item = await app.browser.$('//button[normalize-space()="About Waymark"]');
    await item.waitForDisplayed();
    await item.click();
    const shown = await app.browser.$('[data-testid="about-version"]');
    await app.until('the version in About', async () => (await shown.getText()) === `Version ${version}`);
    await app.screenshot('about');
    await (await app.browser.$('[data-testid="about-close"]')).click();
    await app.until('About closed', async () => !(await (await app.browser.$('[data-testid="about-dialog"]')).isExisting()));
  } finally {
    await app.close();
  }
});
