// The canvas by keyboard and the smaller moves a facilitator makes: Enter and Tab through cells,
// copy / paste / duplicate, multi-select and delete, Escape that takes typing or a drag back, the
// shortcut sheet, zoom, several journeys, and a delete that asks first. Read back with the CLI.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Key } from 'webdriverio';
import { openApp, waymark } from '../harness.mjs';

let app;
let dir;
let file;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const texts = async (selector) => app.browser.$$(selector).map((el) => el.getText());
const cell = (lane, step) => app.browser.$(`[data-cell="${lane}:${step}"]`);
const cardTexts = async (lane, step) => (await cell(lane, step)).$$('[data-card] .text').map((el) => el.getText());
const key = (...keys) => app.browser.keys(keys);

const until = (what, check, timeout = 8000) => app.until(what, check, timeout);

/** Types a card's text into the open card editor and leaves it with Enter. */
async function typeCard(text) {
  const field = await byTest('card-editor');
  await field.waitForDisplayed();
  await field.addValue(text);
  await key('Enter');
}

const info = () => JSON.parse(waymark('info', '--json', file)).journeys;
/** The cards' texts as the file holds them. */
function storedTexts() {
  const twin = path.join(dir, 'twin.json');
  waymark('export', file, '-o', twin);
  return JSON.parse(readFileSync(twin, 'utf8')).project.cards.map((c) => c.text);
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-keys-'));
  file = path.join(dir, 'keys.waymark');
  waymark('new', file, '--template', 'cx-phases', '--name', 'Keys');
  app = await openApp({ failures: 'keyboard', file, env: { XDG_CONFIG_HOME: path.join(dir, 'config') } });
  await app.waitForMap();
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('Enter makes a card in the selected cell, Tab moves on to the next cell', async () => {
  await (await cell('Actions', 'Notices the need')).click();
  await key('Enter');
  await typeCard('Alpha');
  await until('Alpha', async () => (await cardTexts('Actions', 'Notices the need')).includes('Alpha'));
  await key('Tab');
  await key('Enter');
  await typeCard('Beta');
  await until('Beta in the next cell', async () => (await cardTexts('Actions', 'Sees an ad')).includes('Beta'));
  assert.equal(info()[0].cards, 2);
});

test('the properties of a selected place say whether it holds cards', async () => {
  const inspector = await byTest('inspector');
  // Below the card, on the place itself.
  const place = await cell('Actions', 'Notices the need');
  const { height } = await place.getSize();
  await place.click({ y: Math.floor(height / 2) - 6 });
  await until('the place with Alpha', async () => (await inspector.getText()).includes('1 card here.'));
  await (await cell('Thoughts', 'Notices the need')).click();
  await until('an empty place', async () => (await inspector.getText()).includes('An empty place.'));
});

test('copy, paste and duplicate make new cards; the file has them', async () => {
  await (await cell('Actions', 'Notices the need')).$('[data-card]').click();
  await key('Control', 'c');
  await key('ArrowDown');
  await key('Control', 'v');
  await until('the pasted card', async () => (await cardTexts('Thoughts', 'Notices the need')).includes('Alpha'));
  await key('Control', 'd');
  await until('the duplicate', async () => (await cardTexts('Thoughts', 'Notices the need')).filter((t) => t === 'Alpha').length === 2);
  assert.equal(info()[0].cards, 4);
  await app.screenshot('keyboard-1-pasted');
});

test('shift-click selects two cards, Delete removes both, undo brings both back', async () => {
  const cards = await (await cell('Thoughts', 'Notices the need')).$$('[data-card]');
  await cards[0].click();
  await app.browser.action('key').down(Key.Shift).perform(true);
  await cards[1].click();
  await app.browser.action('key').up(Key.Shift).perform();
  assert.equal(await app.browser.$$('.card.selected').length, 2);
  await key('Delete');
  await until('both cards gone', async () => (await cardTexts('Thoughts', 'Notices the need')).length === 0);
  await key('Control', 'z');
  await until('both cards back', async () => (await cardTexts('Thoughts', 'Notices the need')).length === 2);
  assert.equal(info()[0].cards, 4);
});

test('Escape takes typing back; Escape during a drag leaves the card where it was', async () => {
  const alpha = await (await cell('Actions', 'Notices the need')).$('[data-card]');
  await alpha.doubleClick();
  const field = await byTest('card-editor');
  await field.waitForDisplayed();
  await field.addValue(' and more');
  // Escape must take back typing that already reached the file, not only what is on screen.
  await until('the typing saved', async () => storedTexts().includes('Alpha and more'));
  await key('Escape');
  await until('the text as it was', async () => (await cardTexts('Actions', 'Notices the need')).join() === 'Alpha');

  const target = await cell('Actions', 'Compares options');
  await app.browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: await (await cell('Actions', 'Notices the need')).$('[data-card]') })
    .down({ button: 0 })
    .move({ origin: 'pointer', x: 10, y: 10, duration: 50 })
    .move({ origin: target, duration: 200 })
    .perform(true);
  await until('the drag under way', () => app.browser.$('.drag-ghost').isExisting());
  await key('Escape');
  await app.browser.action('pointer', { parameters: { pointerType: 'mouse' } }).up({ button: 0 }).perform();
  await until('the drag cancelled', async () => !(await app.browser.$('.drag-ghost').isExisting()));
  assert.deepEqual(await cardTexts('Actions', 'Compares options'), []);
  assert.deepEqual(await cardTexts('Actions', 'Notices the need'), ['Alpha']);
  const cards = storedTexts();
  assert.ok(cards.includes('Alpha') && !cards.some((t) => t.includes('and more')), `${cards}`);
});

test('? shows the shortcut sheet from the action registry; Escape closes it', async () => {
  await app.browser.$('.stage-corner').click();
  await key('?');
  const sheet = await byTest('shortcut-sheet');
  await sheet.waitForDisplayed();
  const text = await sheet.getText();
  for (const line of ['Undo', 'Ctrl+Z', 'Redo', 'Ctrl+Shift+Z', 'Delete', 'Zoom in']) assert.ok(text.includes(line), `the sheet lists ${line}`);
  await app.screenshot('keyboard-2-sheet');
  await key('Escape');
  await until('the sheet to close', async () => !(await sheet.isExisting()));
});

test('zoom in, back to 100 % and fit', async () => {
  await app.browser.$('.stage-corner').click();
  await key('Control', '=');
  // The percentage is formatted for the UI's language: "110%" in English, "110 %" in German.
  const zoomIs = async (percent) => (await byTest('zoom').getText()).replace(/\s/g, '') === `${percent}%`;
  await until('110 %', () => zoomIs(110));
  await key('Control', '0');
  await until('100 %', () => zoomIs(100));
  await app.browser.$('button=Fit').click();
  await until('fit below 100 %', async () => parseInt(await byTest('zoom').getText(), 10) < 100);
  await app.screenshot('keyboard-3-fit');
  await key('Control', '0');
});

test('a second journey is added from the journey menu and switched to', async () => {
  await byTest('journey-menu').click();
  await byTest('journey-new').click();
  const tabs = () => app.browser.execute(() => [...document.querySelectorAll('[data-testid]')].filter((e) => /^journey-\d+$/.test(e.dataset.testid)).length);
  await until('two journeys', async () => (await tabs()) === 2);
  await until('the new journey shown', async () => !(await texts('.step-title')).includes('Notices the need'));
  assert.equal(info().length, 2);
  await byTest('journey-0').click();
  await until('the first journey again', async () => (await texts('.step-title')).includes('Notices the need'));
});

test('deleting a stage with cards asks first; Cancel keeps it, Delete removes it, undo restores it', async () => {
  await app.browser.$('[data-stage="Awareness"] .stage-name').click({ x: -40 });
  await byTest('delete-selected').click();
  await byTest('confirm').waitForDisplayed();
  assert.match(await byTest('confirm').getText(), /Its 2 steps and 4 cards go with it/);
  await app.screenshot('keyboard-4-confirm');
  await byTest('confirm-cancel').click();
  assert.ok(await app.browser.$('[data-stage="Awareness"]').isExisting());
  await byTest('delete-selected').click();
  await byTest('confirm-ok').click();
  await until('the stage gone', async () => !(await app.browser.$('[data-stage="Awareness"]').isExisting()));
  assert.equal(info()[0].cards, 0);
  await key('Control', 'z');
  await until('the stage back', async () => await app.browser.$('[data-stage="Awareness"]').isExisting());
  assert.deepEqual(await cardTexts('Actions', 'Notices the need'), ['Alpha']);
  assert.equal(info()[0].cards, 4);
  waymark('validate', file);
});
