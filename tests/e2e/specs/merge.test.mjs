// Merge another copy: a colleague edits a copy of the project (through the CLI, as their Waymark
// would), this window edits the original; File > Merge another copy… at a typed path shows what
// comes over and the conflicts, Merge brings it into the open file as one undoable step, and the
// file passes `waymark validate`. A copy of another project is refused in the dialog.
// Screenshots go to out/e2e/merge-*.png.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, waymark } from '../harness.mjs';

let app;
let dir;
let file;
let copy;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const cellOf = (lane, step = 'Step 1') => app.browser.$(`[data-cell="${lane}:${step}"]`);
const cardTexts = async (lane, step) => (await cellOf(lane, step)).$$('[data-card] .text').map((el) => el.getText());

/** The project as the CLI reads it from the file. */
function stored(p) {
  const out = path.join(dir, `read-${randomUUID()}.json`);
  waymark('export', p, '-o', out);
  return JSON.parse(readFileSync(out, 'utf8')).project;
}

/** Applies edits to a file with `waymark apply`, as another Waymark would have made them. */
function applyTo(p, edits) {
  const change = path.join(dir, `change-${randomUUID()}.json`);
  writeFileSync(change, JSON.stringify({ id: randomUUID(), edits }));
  waymark('apply', p, change);
}

function newCard(project, laneTitle, text) {
  const lane = project.lanes.find((l) => l.title === laneTitle);
  return {
    id: randomUUID(),
    lane: lane.id,
    step: project.steps[0].id,
    order: '80',
    text,
    channel: null,
    expected: null,
    experienced: null,
    severity: null,
    impact: null,
    effort: null,
    votes: 0,
    answers: [],
    image: null,
  };
}

const until = (what, check, timeout = 10000) => app.until(what, check, timeout);

async function saved() {
  await until('the save status to read Saved', async () => (await byTest('save-status').getText()) === 'Saved');
}

/** File > Merge another copy…, the copy's path typed, Compare. */
async function compareWith(p) {
  await byTest('menu-file').click();
  await app.browser.$('button*=Merge another copy').click();
  await byTest('merge-dialog').waitForDisplayed({ timeout: 5000 });
  await byTest('merge-path').setValue(p);
  await byTest('merge-look').click();
  await until('the comparison or an error', async () => (await byTest('merge-summary').isExisting()) || (await byTest('merge-error').isExisting()));
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-merge-'));
  file = path.join(dir, 'Team map.waymark');
  copy = path.join(dir, 'Team map (Bea).waymark');
  waymark('new', file, '--template', 'blank', '--name', 'Team map');
  applyTo(file, [{ op: 'add', record: { kind: 'card', record: newCard(stored(file), 'Actions', 'Shared card') } }]);
  // Mailed to Bea: a byte copy, which she edits on her own.
  copyFileSync(file, copy);
  applyTo(copy, [{ op: 'add', record: { kind: 'card', record: newCard(stored(copy), 'Touchpoints', 'Added by Bea') } }]);
  app = await openApp({ failures: 'merge', file, env: { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir } });
  await app.waitForMap();
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a copy edited apart merges without a question and both edits are on the map', async () => {
  // Mine: a card typed into the open window.
  await cellOf('Touchpoints').doubleClick();
  await byTest('card-editor').waitForDisplayed({ timeout: 5000 });
  await byTest('card-editor').addValue('Typed here');
  await app.browser.keys('Enter');
  await until('my card', async () => (await cardTexts('Touchpoints', 'Step 1')).includes('Typed here'));
  await saved();

  await compareWith(copy);
  assert.equal(await byTest('merge-counts').getText(), '1 added, 0 changed, 0 removed');
  assert.match(await byTest('merge-summary').getText(), /card "Added by Bea" added/);
  assert.equal((await app.browser.$$('[data-testid="merge-conflict"]')).length, 0);
  await app.screenshot('merge-1-plan');
  await byTest('merge-apply').click();
  await until('the dialog to close', async () => !(await byTest('merge-dialog').isExisting()));
  await until('both cards on the map', async () => {
    const texts = await cardTexts('Touchpoints', 'Step 1');
    return texts.includes('Typed here') && texts.includes('Added by Bea');
  });
  await saved();
  assert.equal(await byTest('undo').getAttribute('title'), `Undo Merge ${path.basename(copy)} (Ctrl+Z)`);
  await app.screenshot('merge-2-merged');

  const texts = stored(file).cards.map((c) => c.text).sort();
  assert.deepEqual(texts, ['Added by Bea', 'Shared card', 'Typed here']);
  waymark('validate', file);
});

test('the same card changed on both sides is a conflict; Theirs takes their text, Undo takes it back', async () => {
  const shared = stored(copy).cards.find((c) => c.text === 'Shared card');
  applyTo(copy, [{ op: 'update', before: { kind: 'card', record: shared }, after: { kind: 'card', record: { ...shared, text: 'Bea’s words' } } }]);

  const card = await (await cellOf('Actions')).$('[data-card]');
  await card.doubleClick();
  const field = await byTest('card-editor');
  await field.waitForDisplayed({ timeout: 5000 });
  await field.addValue(' as I say');
  await app.browser.keys('Enter');
  await until('my text', async () => (await cardTexts('Actions', 'Step 1')).join() === 'Shared card as I say');
  await saved();

  await compareWith(copy);
  assert.equal(await byTest('merge-counts').getText(), '0 added, 0 changed, 0 removed');
  const conflicts = await app.browser.$$('[data-testid="merge-conflict"]');
  assert.equal(conflicts.length, 1);
  const text = await conflicts[0].getText();
  assert.match(text, /card "Shared card as I say"/);
  assert.match(text, /Changed in both copies/);
  assert.match(text, /Mine \(this file\)\s+TEXT "Shared card as I say"/i);
  assert.match(text, /Theirs \(Team map \(Bea\)\.waymark\)\s+TEXT "Bea’s words"/i);
  assert.equal(await conflicts[0].$('[data-testid="choose-mine"]').isSelected(), true, 'mine by default');
  await conflicts[0].$('[data-testid="choose-theirs"]').click();
  assert.equal(await conflicts[0].$('[data-testid="choose-theirs"]').isSelected(), true);
  await app.screenshot('merge-3-conflict');
  await byTest('merge-apply').click();
  await until('their text on the map', async () => (await cardTexts('Actions', 'Step 1')).join() === 'Bea’s words');
  await saved();
  assert.equal(stored(file).cards.find((c) => c.id === shared.id).text, 'Bea’s words');
  waymark('validate', file);

  await byTest('undo').click();
  await until('my text again', async () => (await cardTexts('Actions', 'Step 1')).join() === 'Shared card as I say');
  await saved();
  assert.equal(stored(file).cards.find((c) => c.id === shared.id).text, 'Shared card as I say');
  await byTest('redo').click();
  await until('their text again', async () => (await cardTexts('Actions', 'Step 1')).join() === 'Bea’s words');
  await saved();
  waymark('validate', file);
});

test('a copy of another project is refused in the dialog and nothing changes', async () => {
  const other = path.join(dir, 'Other map.waymark');
  waymark('new', other, '--template', 'blank', '--name', 'Other map');
  const before = stored(file);
  await compareWith(other);
  assert.match(await byTest('merge-error').getText(), /copies of different projects; only copies of one project can be merged/);
  assert.equal(await byTest('merge-apply').isEnabled(), false);
  await app.screenshot('merge-4-different');
  await byTest('merge-dialog').$('button=Cancel').click();
  await until('the dialog to close', async () => !(await byTest('merge-dialog').isExisting()));
  assert.deepEqual(stored(file), before);
});
