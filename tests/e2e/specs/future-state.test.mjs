// Workshop mode on the demo: touchpoint gaps under the curve, persona curves switched on and
// off, a journey duplicated as its future state, edited, and compared with the current one.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDemo, waymark } from '../harness.mjs';

const EDITED = { lane: 'Customer actions', step: 'Bill shock after a trip abroad' };
const DELETED = { lane: 'Thoughts', step: 'Checks when the current contract ends' };
const ADDED = { lane: 'Delights', step: 'Bill shock after a trip abroad', text: 'Price alert before the trip' };
const POINT = "Anna Weber:Sees a friend's post about Lumo";

let app;
let opened;
let dir;
let file;
let deletedText;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const until = (what, check, timeout = 10000) => app.until(what, check, timeout);
const cellOf = ({ lane, step }) => app.browser.$(`[data-cell="${lane}:${step}"]`);
const cardTexts = async (where) => (await cellOf(where)).$$('[data-card] .text').map((el) => el.getText());
const count = (selector) => app.browser.execute((s) => document.querySelectorAll(s).length, selector);
const currentTab = () => app.browser.execute(() => document.querySelector('.tab[aria-current="page"]')?.textContent?.trim() ?? '');
const scrollTop = () => app.browser.execute(() => document.querySelector('.scroller')?.scrollTo(0, 0));

before(async () => {
  opened = await openDemo({ failures: 'future-state' });
  ({ app, dir, file } = opened);
});

after(() => opened?.close());

test('the gap row shows each step’s worst touchpoint gap, coloured', async () => {
  await byTest('gap-row').waitForExist({ timeout: 5000 });
  const porting = await app.browser.$('[data-testid="gap-row"] .gap[data-step="Porting day: no signal"]');
  assert.equal(await porting.getAttribute('data-gap'), '-3');
  assert.equal(await porting.getText(), '−3');
  assert.match(await porting.getAttribute('class'), /\bworse\b/);
  // Two touchpoints at the cancellation call (−2 and −1): the row shows the worse.
  const cancel = await app.browser.$('[data-testid="gap-row"] .gap[data-step="Cancels with the old provider by phone"]');
  assert.equal(await cancel.getAttribute('data-gap'), '-2');
  const better = await app.browser.$('[data-testid="gap-row"] .gap[data-step="Sets up the Lumo app"]');
  assert.match(await better.getAttribute('class'), /\bbetter\b/);
  assert.equal(await better.getText(), '+1');
  await app.screenshot('future-gap-row');
});

test('the worst gaps are listed, worst first, and a click selects the card', async () => {
  const items = await app.browser.$$('[data-testid="worst-gaps"] li');
  assert.equal(items.length, 5);
  const first = await items[0].getProperty('textContent');
  assert.match(first.trim(), /^−3/);
  assert.match(first, /Lumo hotline/);
  assert.match(first, /Retention › Porting day: no signal · Call centre · expected 4, experienced 1/);
  await byTest('worst-gaps').scrollIntoView({ block: 'end' });
  await app.screenshot('future-worst-gaps');
  const id = await items[0].$('button').getAttribute('data-gap-card');
  await items[0].$('button').click();
  await until('the card to be selected', async () => (await count(`.card.selected[data-card="${id}"]`)) === 1);
  await app.browser.$('.stage-corner').click();
});

test('a persona’s curve is switched off and on from the legend', async () => {
  await scrollTop();
  const marek = '.band .curve[data-persona="Marek Nowak"]';
  assert.equal(await count(marek), 1);
  const toggle = await app.browser.$('[data-curve-toggle="Marek Nowak"]');
  await toggle.click();
  await until('Marek’s curve to go', async () => (await count(marek)) === 0);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await count('.band .curve[data-persona="Anna Weber"]'), 1, 'Anna’s curve stays');
  await toggle.click();
  await until('Marek’s curve to come back', async () => (await count(marek)) === 1);
});

test('the journey is duplicated as its future state', async () => {
  await byTest('journey-menu').click();
  await byTest('journey-future').click();
  await until('the future journey in view', async () => /future state/.test(await currentTab()));
  assert.equal(await count('.tab'), 2);
  assert.match(await currentTab(), /Switching to Lumo Mobile \(future state\)/);
  // The copy has the original's cards.
  assert.ok((await cardTexts(DELETED)).length >= 1);
});

test('in the future journey a card is edited, one deleted, one added and a point moved', async () => {
  // Edit: append to a card's text.
  const edited = await (await cellOf(EDITED)).$('[data-card]');
  await edited.doubleClick();
  await byTest('card-editor').waitForDisplayed();
  await byTest('card-editor').addValue(' (redesigned)');
  await app.browser.keys('Enter');
  await until('the edit to land', async () => (await cardTexts(EDITED)).some((t) => t.endsWith('(redesigned)')));

  // Delete: select a card and press Delete.
  const deleted = await (await cellOf(DELETED)).$('[data-card]');
  deletedText = await deleted.$('.text').getText();
  await deleted.click();
  await app.browser.keys('Delete');
  await until('the card to go', async () => !(await cardTexts(DELETED)).includes(deletedText));
  await app.browser.$('.stage-corner').click();

  // Add: double-click the empty cell.
  const empty = await cellOf(ADDED);
  await empty.scrollIntoView({ block: 'center', inline: 'center' });
  await empty.doubleClick();
  await byTest('card-editor').waitForDisplayed();
  await byTest('card-editor').addValue(ADDED.text);
  await app.browser.keys('Enter');
  await until('the new card', async () => (await cardTexts(ADDED)).includes(ADDED.text));
  await app.browser.$('.stage-corner').click();

  // Move a point two up with the keyboard.
  await scrollTop();
  const point = await app.browser.$(`[data-point="${POINT}"]`);
  assert.equal(await point.getAttribute('data-value'), '1');
  // A pointer press on the dot selects it (WebDriver's click cannot aim at an SVG circle here).
  await app.browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ origin: point }).down({ button: 0 }).pause(50).up({ button: 0 }).perform();
  await until('the point selected', async () => (await point.getAttribute('aria-selected')) === 'true');
  await app.browser.keys('ArrowUp');
  await until('one up', async () => (await app.browser.$(`[data-point="${POINT}"]`).getAttribute('data-value')) === '2');
  await app.browser.keys('ArrowUp');
  await until('two up', async () => (await app.browser.$(`[data-point="${POINT}"]`).getAttribute('data-value')) === '3');
  await app.browser.$('.stage-corner').click();
});

test('compare with current marks the new, changed and removed cards and the emotion change', async () => {
  await byTest('compare-toggle').click();
  await until('the markers', async () => (await count('[data-diff="added"]')) === 1, 15000);
  assert.equal(await count('[data-diff="changed"]'), 1);
  assert.equal(await count('[data-diff="moved"]'), 0);
  const added = await app.browser.$('[data-diff="added"]');
  assert.equal(await added.$('.text').getText(), ADDED.text);
  assert.equal(await added.$('[data-testid="diff-badge"]').getProperty('textContent'), 'New');
  const changed = await app.browser.$('[data-diff="changed"]');
  assert.match(await changed.$('.text').getText(), /\(redesigned\)$/);
  assert.equal(await changed.getAttribute('title'), 'Changed: text');
  // Selected, the card says in Properties what changed and what its text was before.
  await changed.$('.text').click();
  await until('the comparison in Properties', async () => {
    const note = await byTest('inspector-diff');
    return (await note.isExisting()) && /^Changed: text\s*Before: “Opens the Telvia bill PDF/.test(await note.getText());
  });
  await app.screenshot('future-compare-properties');
  await app.browser.$('.stage-corner').click();
  // The removed card stands as a ghost in the step it left.
  const ghosts = await app.browser.$$('[data-testid="removed-row"] [data-removed]');
  assert.equal(ghosts.length, 1);
  assert.equal(await ghosts[0].getAttribute('data-removed'), deletedText);
  assert.match(await byTest('removed-row-label').getText(), /Removed \(1\)/);
  // Anna's point went from 1 to 3 at that step; Marek's stayed.
  const anna = await app.browser.$(`[data-testid="delta-row"] [data-persona="Anna Weber"][data-step="${POINT.split(':')[1]}"]`);
  assert.equal(await anna.getAttribute('data-delta'), '2');
  assert.equal((await anna.getText()).trim(), '▲ +2');
  assert.match(await anna.getAttribute('class'), /\bbetter\b/);
  const marek = await app.browser.$(`[data-testid="delta-row"] [data-persona="Marek Nowak"][data-step="${POINT.split(':')[1]}"]`);
  assert.equal(await marek.getAttribute('data-delta'), '0');
  // The current journey's curves are drawn dashed behind the future ones.
  assert.equal(await count('.band .reference'), 2);
  const key = await byTest('compare-key').getText();
  assert.match(key, /New \(1\)/);
  assert.match(key, /Changed \(1\)/);
  assert.match(key, /Removed \(1\)/);
  await scrollTop();
  await app.screenshot('future-compare');
});

test('the compare markers follow the next edit', async () => {
  await app.browser.keys(['Control', 'z']);
  // Undo takes the point's move back: the delta goes to zero.
  await until('the delta to follow the undo', async () =>
    (await app.browser.$(`[data-testid="delta-row"] [data-persona="Anna Weber"][data-step="${POINT.split(':')[1]}"]`).getAttribute('data-delta')) === '0');
  await app.browser.keys(['Control', 'Shift', 'z']);
  await until('and the redo', async () =>
    (await app.browser.$(`[data-testid="delta-row"] [data-persona="Anna Weber"][data-step="${POINT.split(':')[1]}"]`).getAttribute('data-delta')) === '2');
});

test('switching to the current journey and back keeps the scroll position', async () => {
  await app.browser.execute(() => document.querySelector('.scroller')?.scrollTo(600, 200));
  const at = await app.browser.execute(() => [document.querySelector('.scroller').scrollLeft, document.querySelector('.scroller').scrollTop]);
  await byTest('compare-switch').click();
  await until('the current journey in view', async () => /current state/.test(await currentTab()));
  assert.equal(await count('[data-diff]'), 0, 'the current journey has no markers');
  assert.equal(await count('.band .reference'), 0, 'nor dashed curves');
  assert.ok((await cardTexts(DELETED)).includes(deletedText), 'the current journey still has the card');
  await until('the scroll position kept', async () =>
    JSON.stringify(await app.browser.execute(() => [document.querySelector('.scroller').scrollLeft, document.querySelector('.scroller').scrollTop])) === JSON.stringify(at));
  await app.browser.keys(['Control', 'Shift', 'j']);
  await until('the future journey again', async () => /future state/.test(await currentTab()));
  await until('its markers again', async () => (await count('[data-diff="added"]')) === 1);
});

test('the file says the future journey redesigns the current one', async () => {
  const out = path.join(dir, 'out.json');
  waymark('export', file, '-o', out);
  const { project } = JSON.parse(readFileSync(out, 'utf8'));
  const current = project.journeys.find((j) => j.state === 'current');
  const future = project.journeys.find((j) => j.state === 'future');
  assert.ok(current && future);
  assert.equal(future.redesigns, current.id);
  assert.equal(future.name, 'Switching to Lumo Mobile (future state)');
  const lanes = new Set(project.lanes.filter((l) => l.journey === future.id).map((l) => l.id));
  assert.ok(project.cards.some((c) => lanes.has(c.lane) && c.text === ADDED.text));
  const diff = waymark('diff', file);
  assert.match(diff, /“Switching to Lumo Mobile \(future state\)” redesigns “Switching to Lumo Mobile \(current state\)”/);
  assert.match(diff, /cards: 1 new, 1 changed, 0 moved, 1 removed/);
  assert.match(diff, /emotion: Anna Weber at Sees a friend's post about Lumo: 1 → 3 \(\+2\)/);
});
