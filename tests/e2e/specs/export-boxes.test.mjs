// The export dialog names the cards that will print empty boxes: a character no installed font
// has (U+0378 is unassigned in Unicode) is listed above the page preview.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, repo, waymark } from '../harness.mjs';

let app;
let home;
let dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-boxes-'));
  home = mkdtempSync(path.join(tmpdir(), 'waymark-boxes-home-'));
  const demo = JSON.parse(readFileSync(path.join(repo, 'assets/demo/demo.json'), 'utf8'));
  demo.project.cards[0].text = 'Rückruf \u0378 zusagen';
  const json = path.join(dir, 'boxes.json');
  writeFileSync(json, JSON.stringify(demo));
  const file = path.join(dir, 'boxes.waymark');
  waymark('import', json, '-o', file);
  app = await openApp({ file, failures: 'export-boxes', env: { XDG_CONFIG_HOME: path.join(home, 'config'), HOME: home } });
  await app.waitForMap();
});

after(async () => {
  await app?.close();
  for (const folder of [dir, home]) if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the dialog lists the card whose character no font has, with its code point', async () => {
  const { browser } = app;
  await browser.$('button.export-button').click();
  const boxes = await browser.$('dialog.export .boxes');
  await boxes.waitForDisplayed({ timeout: 30000, timeoutMsg: 'the preview never named the card that prints boxes' });
  await browser.$('.preview img.thumbnail').waitForExist({ timeout: 30000 });
  await app.screenshot('export-boxes');
  const items = await browser.$$('dialog.export .boxes li');
  assert.equal(items.length, 1, 'one card');
  assert.match(await items[0].getProperty('textContent'), /U\+0378 in “Rückruf .* zusagen”/);
});
