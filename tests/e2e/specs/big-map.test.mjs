// The stress map (`waymark sample --size stress`: 100 steps × 20 lanes × 2 000 cards): the map
// draws only what is in view, and nothing a person relies on is lost with the rest — the keyboard
// reaches a far cell and brings it into view, Find (Ctrl+F) reaches a card that is not drawn and
// selects it.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Key } from 'webdriverio';
import { openApp, waymark } from '../harness.mjs';

const FAR_TEXT = 'Größe des Vertrags: ŁÓDŹ';
let app;
let dir;
let farCard;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-big-'));
  const file = path.join(dir, 'stress.waymark');
  waymark('sample', '--size', 'stress', '-o', file);
  // One card far down and to the right gets a text no other card has, through the CLI.
  const twin = path.join(dir, 'stress.json');
  waymark('export', file, '-o', twin);
  const { project } = JSON.parse(readFileSync(twin, 'utf8'));
  const lane = [...project.lanes].sort((a, b) => (a.order < b.order ? -1 : 1))[16];
  const step = project.steps.find((s) => s.title === 'Step 17.3');
  const before = project.cards.find((c) => c.lane === lane.id && c.step === step.id);
  farCard = before.id;
  const change = {
    id: '6d1c6a52-3f0e-4c1e-9a0b-5b2f3c4d5e6f',
    edits: [{ op: 'update', before: { kind: 'card', record: before }, after: { kind: 'card', record: { ...before, text: FAR_TEXT } } }],
  };
  writeFileSync(path.join(dir, 'change.json'), JSON.stringify(change));
  waymark('apply', file, path.join(dir, 'change.json'));
  app = await openApp({ file, failures: 'big-map' });
  await app.waitForMap(60000);
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Whether the element is on screen and not under the sticky headers or lane titles. */
const inSight = (selector) =>
  app.browser.execute((selector) => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const r = element.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(12, r.height / 2));
    return hit !== null && element.contains(hit);
  }, selector);

test('the map holds 2 000 cards and draws a screenful of them', async () => {
  const map = await app.browser.$('[data-testid="map"]');
  assert.equal(Number(await map.getAttribute('data-cards')), 2000);
  const drawn = await app.browser.$$('[data-card]').length;
  assert.ok(drawn > 20 && drawn < 400, `${drawn} cards drawn`);
  assert.equal(await app.browser.$(`[data-card="${farCard}"]`).isExisting(), false, 'the far card is not drawn yet');
  await app.screenshot('big-map');
});

test('the keyboard reaches a far cell, brings it into view and names it for a screen reader', async () => {
  const lanes = await app.browser.execute(() => [...document.querySelectorAll('[data-lane-id]')].map((l) => l.dataset.lane));
  await (await app.browser.$(`[data-cell="${lanes[0]}:Step 1.1"]`)).click();
  // One press at a time: keys() given a list holds them all down together.
  for (const key of [...Array(59).fill(Key.ArrowRight), ...Array(12).fill(Key.ArrowDown)]) await app.browser.keys(key);
  const target = `[data-cell="${lanes[12]}:Step 12.5"]`;
  await app.until('the far cell is drawn', () => app.browser.$(target).isExisting());
  const cell = await app.browser.$(target);
  assert.equal(await cell.getAttribute('aria-selected'), 'true');
  const id = await cell.getAttribute('id');
  assert.equal(await app.browser.$('[data-testid="map"]').getAttribute('aria-activedescendant'), id);
  await app.until('the far cell in sight', () => inSight(target));
  const card = await cell.$('[data-card]');
  assert.ok((await card.getText()).length > 0, 'its card is drawn with its text');
  await app.screenshot('big-map-keyboard');
});

test('a selection box drawn across a scroll keeps its start and takes the cards it passed', async () => {
  await app.browser.execute(() => document.querySelector('.scroller').scrollTo(0, 0));
  const lanes = await app.browser.execute(() => [...document.querySelectorAll('[data-lane-id]')].map((l) => l.dataset.lane));
  const start = await app.browser.$(`[data-cell="${lanes[0]}:Step 1.1"]`);
  const first = await start.$('[data-card]').getAttribute('data-card');
  const card = await start.$('[data-card]').getSize();
  const size = await start.getSize();
  // From the cell's margin beside its card (not on the card: that would drag it), right and down
  // into the next lane; then the map scrolls four columns on under the held button, and the box
  // ends further right.
  const mouse = () => app.browser.action('pointer', { id: 'mouse', parameters: { pointerType: 'mouse' } });
  await mouse()
    .move({ origin: start, x: 4 - Math.round(size.width / 2), y: 10 + Math.round(card.height / 2) - Math.round(size.height / 2) })
    .down({ button: 0 })
    .move({ origin: 'pointer', x: 60, y: 60, duration: 50 })
    .perform(true);
  await app.browser.execute(() => document.querySelector('.scroller').scrollBy(4 * 224, 0));
  await mouse().move({ origin: 'pointer', x: 20, y: 40, duration: 50 }).up({ button: 0 }).perform();
  // Columns 1.1 to at least 1.5 of the first two lanes: ten cards or more, the first among them
  // although it is no longer drawn.
  const count = await app.browser.$('[data-testid="card-count"]');
  await app.until('several cards selected', () => count.isExisting());
  const selected = Number((await count.getText()).match(/\d+/)[0]);
  assert.ok(selected >= 10, `${selected} cards selected`);
  await app.browser.execute(() => document.querySelector('.scroller').scrollTo(0, 0));
  await app.until('the first card drawn again', () => app.browser.$(`[data-card="${first}"]`).isExisting());
  assert.match(await app.browser.$(`[data-card="${first}"]`).getAttribute('class'), /\bselected\b/);
  await app.browser.keys(Key.Escape);
});

test('Find reaches a card that is not drawn, selects it and brings it into view', async () => {
  await app.browser.execute(() => document.querySelector('.scroller').scrollTo(0, 0));
  await app.until('the far card out of the page', async () => !(await app.browser.$(`[data-card="${farCard}"]`).isExisting()));
  await app.browser.$('[data-testid="map"]').click();
  await app.browser.keys([Key.Ctrl, 'f']);
  const input = await app.browser.$('[data-testid="find-input"]');
  await input.waitForDisplayed();
  // German capitals with ß written as SS, and Polish capitals, find the same card.
  await input.setValue('GRÖSSE DES VERTRAGS');
  const status = await app.browser.$('[data-testid="find-status"]');
  await app.until('one match counted', async () => (await status.getText()) === '1 match');
  await app.browser.keys(Key.Enter);
  const selector = `[data-card="${farCard}"]`;
  await app.until('the card drawn', () => app.browser.$(selector).isExisting());
  await app.until('the card in sight', () => inSight(selector));
  assert.match(await app.browser.$(selector).getAttribute('class'), /\bselected\b/);
  assert.equal(await status.getText(), '1 of 1');
  await app.screenshot('big-map-find');

  await input.setValue('łódź');
  await app.until('the Polish query counted', async () => (await status.getText()) === '1 match');
  await input.setValue('Step 17.');
  await app.until('five steps counted', async () => (await status.getText()) === '5 matches');
  await app.browser.keys(Key.Escape);
  assert.equal(await app.browser.$('[data-testid="find-bar"]').isExisting(), false, 'Escape closes the find bar');
});
