// The export dialog in the real window: options, page thumbnails, a PDF written where the path
// field says, checked with poppler as a print shop would.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDemo, outDir } from '../harness.mjs';

let app;
let opened;
let dir;
let file;
const exportDir = path.join(outDir, 'export');

before(async () => {
  rmSync(exportDir, { recursive: true, force: true });
  mkdirSync(exportDir, { recursive: true });
  opened = await openDemo();
  ({ app, dir, file } = opened);
});

after(() => opened?.close());

function poppler(tool, ...args) {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `${tool} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Page sizes in points, as pdfinfo reports them. */
function pageSizes(file) {
  const info = poppler('pdfinfo', '-f', '1', '-l', '999', file);
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Waits until the preview shows thumbnails for the current options and returns how many. */
async function settledThumbnails(browser) {
  await browser.waitUntil(
    async () =>
      browser.execute(() => {
        const preview = document.querySelector('.preview');
        const imgs = [...document.querySelectorAll('.preview img.thumbnail')];
        return preview?.getAttribute('aria-busy') === 'false' && imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
      }),
    { timeout: 30000, timeoutMsg: 'the preview never showed decoded page thumbnails' },
  );
  return (await browser.$$('.preview img.thumbnail')).length;
}

async function choose(browser, selector) {
  await browser.$(selector).click();
}

async function setValue(browser, selector, value) {
  const input = await browser.$(selector);
  await input.clearValue();
  await input.setValue(value);
}

async function exportTo(browser, file) {
  await setValue(browser, 'dialog.export input[name="path"]', file);
  await browser.$('dialog.export button[type="submit"]').click();
  await browser.$('dialog.export .done').waitForExist({ timeout: 60000, timeoutMsg: 'the export never finished' });
}

test('the Export button opens the dialog with the path beside the project', async () => {
  const { browser } = app;
  await browser.$('button.export-button').click();
  const dialog = await browser.$('dialog.export');
  await dialog.waitForDisplayed({ timeout: 5000 });
  const name = await browser.$("header.bar h1").getProperty("textContent");
  assert.equal(await browser.$('dialog.export input[name="path"]').getValue(), path.join(dir, `${name}.pdf`));
  assert.ok((await settledThumbnails(browser)) >= 1, 'a thumbnail of the default page');
});

test('A3 landscape: a thumbnail, then a real one-page PDF with the cards’ text', async () => {
  const { browser } = app;
  await browser.$('dialog.export select[name="paper"]').selectByAttribute('value', 'a3');
  await choose(browser, 'dialog.export input[name="orientation"][value="landscape"]');
  await choose(browser, 'dialog.export input[name="mode"][value="fit"]');
  assert.equal(await settledThumbnails(browser), 1);
  console.log(`A3 preview: ${await browser.$('.preview .count').getAttribute('title')}`);
  const ratio = await browser.execute(() => {
    const img = document.querySelector('.preview img.thumbnail');
    return img.naturalWidth / img.naturalHeight;
  });
  assert.ok(Math.abs(ratio - 420 / 297) < 0.02, `the thumbnail is an A3 landscape sheet (${ratio})`);
  await app.screenshot('export-dialog');

  const file = path.join(exportDir, 'demo-a3-landscape.pdf');
  await exportTo(browser, file);
  await app.screenshot('export-done');
  assert.ok(existsSync(file), `${file} was written`);
  const sizes = pageSizes(file);
  assert.equal(sizes.length, 1, 'fit puts the journey on one page');
  assert.ok(Math.abs(sizes[0][0] - 1190.55) < 1 && Math.abs(sizes[0][1] - 841.89) < 1, `A3 landscape, got ${sizes[0]}`);
  const text = poppler('pdftotext', file, '-');
  assert.match(text, /Größe/, 'a card’s text with diacritics is in the PDF');
  assert.match(await browser.$('dialog.export .done').getText(), /demo-a3-landscape\.pdf/);
  assert.deepEqual(readdirSync(exportDir), ['demo-a3-landscape.pdf'], 'no partial file is left beside it');
});

test('poster tiles: more than one thumbnail and as many pages in the PDF', async () => {
  const { browser } = app;
  await browser.$('dialog.export select[name="paper"]').selectByAttribute('value', 'a4');
  await choose(browser, 'dialog.export input[name="orientation"][value="portrait"]');
  await choose(browser, 'dialog.export input[name="mode"][value="poster"]');
  await setValue(browser, 'dialog.export input[name="scale"]', '150');
  await browser.waitUntil(async () => (await browser.$$('.preview img.thumbnail')).length > 1, {
    timeout: 30000,
    timeoutMsg: 'the poster preview never showed several sheets',
  });
  const thumbnails = await settledThumbnails(browser);
  assert.ok(thumbnails > 1, `${thumbnails} thumbnails`);
  console.log(`poster preview: ${await browser.$('.preview .count').getText()}; ${await browser.$('.preview .count').getAttribute('title')}`);
  await app.screenshot('export-poster');

  const file = path.join(exportDir, 'demo-poster-a4.pdf');
  await exportTo(browser, file);
  const sizes = pageSizes(file);
  assert.equal(sizes.length, thumbnails, 'one page per thumbnail');
  for (const [w, h] of sizes) assert.ok(Math.abs(w - 595.28) < 1 && Math.abs(h - 841.89) < 1, `A4 portrait, got ${w} x ${h}`);
  assert.match(poppler('pdftotext', file, '-'), /Row 1 · column 1/);
});

test('persona sheets add pages after the map, and the preview shows them', async () => {
  const { browser } = app;
  await choose(browser, 'dialog.export input[name="mode"][value="fit"]');
  await browser.waitUntil(async () => (await browser.$$('.preview img.thumbnail')).length === 1, {
    timeout: 30000,
    timeoutMsg: 'back to one page for fit',
  });
  await choose(browser, 'dialog.export input[name="personas"]');
  await browser.waitUntil(async () => (await browser.$$('.preview img.thumbnail')).length >= 3, {
    timeout: 30000,
    timeoutMsg: 'the two persona sheets never appeared in the preview',
  });
  assert.ok((await settledThumbnails(browser)) >= 3);
  await app.screenshot('export-personas');
});

test('a Waymark project under a .pdf name is refused and left as it was', async () => {
  const { browser } = app;
  // The dialog adds .pdf to what is typed, so a project is in the way only under such a name.
  const copy = path.join(exportDir, 'map-backup.pdf');
  copyFileSync(file, copy);
  const sha = () => createHash('sha256').update(readFileSync(copy)).digest('hex');
  const before = sha();
  await setValue(browser, 'dialog.export input[name="path"]', copy);
  await browser.$('dialog.export button[type="submit"]').click();
  const problem = await browser.$('dialog.export .problem[role="alert"]');
  await problem.waitForDisplayed({ timeout: 30000, timeoutMsg: 'the dialog never said why it refused' });
  const message = await problem.getText();
  assert.match(message, /map-backup\.pdf is a Waymark project/);
  await app.screenshot('export-over-project');
  assert.equal(sha(), before, 'the project is byte for byte as it was');
  assert.ok(!readdirSync(exportDir).some((name) => name.endsWith('.partial')), 'no partial file is left');
});

test('Escape closes the dialog and leaves the map', async () => {
  const { browser } = app;
  await browser.keys('Escape');
  await browser.$('dialog.export').waitForExist({ reverse: true, timeout: 5000 });
  assert.ok(await browser.$('.map').isDisplayed());
});
