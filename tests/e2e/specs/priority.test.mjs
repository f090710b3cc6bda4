// The priority board in the real window on the demo project: an opportunity dragged onto the cell
// impact 5 / effort 1 becomes the first to fix, the ratings are in the file, Escape cancels a
// drag, and Export CSV writes the ranking with that card in its first data row.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDemo, repo, waymark } from '../harness.mjs';

let app;
let opened;
let dir;
let file;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const until = (what, check, timeout = 10000) => app.until(what, check, timeout);

const demo = JSON.parse(readFileSync(path.join(repo, 'assets/demo/demo.json'), 'utf8')).project;
const kindOf = (card) => demo.lanes.find((l) => l.id === card.lane).kind;
const opportunities = demo.cards.filter((c) => kindOf(c) === 'opportunities');
// Answers the pain point that is a moment of truth ("Two days without a signal"): doubled at 5/1.
const mover = opportunities.find((c) => c.text.startsWith('Temporary number on an eSIM'));
const other = opportunities.find((c) => c.text.startsWith('Send the signed contract summary'));

const ranked = () => app.browser.execute(() => [...document.querySelectorAll('[data-testid="ranked"]')].map((r) => r.dataset.card));
const chipEl = (card) => app.browser.$(`[data-chip="${card.id}"]`);
const cell = (impact, effort) => app.browser.$(`[data-testid="board-cell"][data-impact="${impact}"][data-effort="${effort}"]`);
const cellOf = (card) =>
  app.browser.execute((id) => {
    const el = document.querySelector(`[data-chip="${id}"]`)?.closest('[data-impact]');
    return el ? `${el.dataset.impact}/${el.dataset.effort}` : null;
  }, card.id);

function saved(card) {
  const out = path.join(dir, `export-${Date.now()}.json`);
  waymark('export', file, '-o', out);
  const found = JSON.parse(readFileSync(out, 'utf8')).project.cards.find((c) => c.id === card.id);
  return `${found.impact}/${found.effort}`;
}

/** Presses on a chip and moves it over a target; `drop` false leaves the button down. */
async function dragTo(from, to, { drop = true } = {}) {
  const [element, target] = [await from, await to];
  const chain = app.browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: element })
    .down({ button: 0 })
    .pause(50)
    .move({ origin: 'pointer', x: 10, y: 10, duration: 60 })
    .move({ origin: target, duration: 250 })
    .pause(80);
  if (drop) chain.up({ button: 0 });
  await chain.perform(!drop);
}

before(async () => {
  opened = await openDemo({ failures: 'priority' });
  ({ app, dir, file } = opened);
});

after(() => opened?.close());

test('the board shows every opportunity in its cell, the rule and the ranked list', async () => {
  await byTest('board-button').click();
  await byTest('priority-board').waitForDisplayed({ timeout: 5000 });
  await until('the ranking', async () => (await ranked()).length === opportunities.length);
  assert.equal((await app.browser.$$('[data-testid="board-chip"]')).length, opportunities.length);
  assert.equal(await cellOf(mover), `${mover.impact}/${mover.effort}`);
  assert.match(await byTest('ranking-rule').getText(), /impact × \(6 − effort\) \+ votes, doubled/);
  for (const label of ['Quick wins', 'Big bets', 'Fill-ins', 'Money pits']) {
    assert.ok((await app.browser.$('.matrix').getText()).includes(label.toUpperCase()) || (await app.browser.$('.matrix').getText()).includes(label), label);
  }
  assert.notEqual((await ranked())[0], mover.id, 'the card to move is not first yet');
  await app.screenshot('priority-board');
});

test('Escape during a drag puts the chip back and writes nothing', async () => {
  await dragTo(chipEl(other), cell(5, 5), { drop: false });
  await until('the drag under way', () => app.browser.$('.drag-ghost').isExisting());
  await app.browser.keys('Escape');
  await app.browser.action('pointer', { parameters: { pointerType: 'mouse' } }).up({ button: 0 }).perform();
  await until('the drag cancelled', async () => !(await app.browser.$('.drag-ghost').isExisting()));
  assert.equal(await cellOf(other), `${other.impact}/${other.effort}`);
  assert.equal(saved(other), `${other.impact}/${other.effort}`);
  assert.ok(await byTest('priority-board').isDisplayed(), 'the Escape of a drag does not close the board');
});

test('dragging an opportunity to impact 5 / effort 1 makes it the first to fix, and saves it', async () => {
  await dragTo(chipEl(mover), cell(5, 1));
  await until('the chip in its new cell', async () => (await cellOf(mover)) === '5/1');
  await until('the card to rank first', async () => (await ranked())[0] === mover.id);
  assert.equal(saved(mover), '5/1');
  const first = await app.browser.$('[data-testid="ranked"]');
  assert.match(await first.getText(), /Temporary number on an eSIM/);
  assert.match(await first.getText(), /Moment of truth/);
  assert.equal(await first.$('[data-testid="score"]').getText(), String((25 + mover.votes) * 2));
  await app.screenshot('priority-moved');
});

test('Export CSV writes the ranking with that card first', async () => {
  const csv = path.join(dir, 'ranking.csv');
  const field = await byTest('csv-path');
  assert.match(await field.getValue(), /ranking\.csv$/, 'a default name beside the project');
  assert.equal(path.dirname(await field.getValue()), dir);
  await field.clearValue();
  await field.setValue(csv);
  await byTest('export-csv').click();
  await byTest('csv-done').waitForDisplayed({ timeout: 10000 });
  assert.ok(existsSync(csv));
  const lines = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  assert.ok(lines.length === opportunities.length + 1, `a header and one row per opportunity: ${lines.length}`);
  assert.match(lines[1], /Temporary number on an eSIM/);
  assert.match(lines[1], /^"?1"?,/, 'rank 1 first');
});

test('arrow keys move a focused chip one cell, each one undo step', async () => {
  await app.browser.execute((id) => document.querySelector(`[data-chip="${id}"]`).focus(), other.id);
  await app.browser.keys('ArrowRight');
  await until('the chip one cell to the right', async () => (await cellOf(other)) === `${other.impact}/${other.effort + 1}`);
  assert.equal(saved(other), `${other.impact}/${other.effort + 1}`);
  await until('the focus to follow the chip', async () => app.browser.execute((id) => document.activeElement?.dataset.chip === id, other.id));
  await app.browser.keys('ArrowUp');
  await until('the chip one cell up', async () => (await cellOf(other)) === `${other.impact + 1}/${other.effort + 1}`);
  await app.browser.keys(['Control', 'z']);
  await app.browser.keys(['Control', 'z']);
  await until('both moves undone', async () => (await cellOf(other)) === `${other.impact}/${other.effort}`);
  assert.equal(saved(other), `${other.impact}/${other.effort}`);
});

test('undo puts the card back; Escape closes the board', async () => {
  await app.browser.keys(['Control', 'z']);
  await until('the chip back in its cell', async () => (await cellOf(mover)) === `${mover.impact}/${mover.effort}`);
  assert.equal(saved(mover), `${mover.impact}/${mover.effort}`);
  await app.browser.keys('Escape');
  await byTest('priority-board').waitForExist({ reverse: true, timeout: 5000 });
  waymark('validate', file);
});
