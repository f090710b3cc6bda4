// A file on a shared drive. A colleague on another machine has it open: the window opens it
// read-only with a banner naming them, refuses edits without touching the file, opens a copy
// at a typed path for editing, and takes the file over after a warning. Then the file is
// replaced from outside while open: the banner says so, edits are refused, and Reload shows the
// outside change. Screenshots go to out/e2e/shared-*.png.

import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, waymark } from '../harness.mjs';

let app;
let dir;
let file;
let env;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const hash = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');
const markOf = (p) => path.join(path.dirname(p), `.~${path.basename(p)}.lock`);
const cellOf = (lane, step) => app.browser.$(`[data-cell="${lane}:${step}"]`);
const cardTexts = async (lane, step) => (await cellOf(lane, step)).$$('[data-card] .text').map((el) => el.getText());
const toastTexts = async () => app.browser.$$('[data-testid="toast"]').map((el) => el.getText());
/** A toast says the edit was refused because the file changed outside. */
const refused = async () => (await toastTexts()).some((t) => /changed by another program|changed-on-disk/.test(t));
/** The project as the CLI reads it from the file. */
function stored(p) {
  const out = path.join(dir, `read-${randomUUID()}.json`);
  waymark('export', p, '-o', out);
  return JSON.parse(readFileSync(out, 'utf8')).project;
}

const until = (what, check, timeout = 10000) => app.until(what, check, timeout);

/** A new card typed into an empty cell, as a person would make it. */
async function addCard(lane, text, step = 'Step 1') {
  await cellOf(lane, step).doubleClick();
  await until('the card editor', () => byTest('card-editor').isDisplayed(), 5000);
  await byTest('card-editor').addValue(text);
  await app.browser.keys('Enter');
  await until(`the card "${text}"`, async () => (await cardTexts(lane, step)).includes(text));
}

before(async () => {
  assert.notEqual(hostname(), 'laptop-7', 'the colleague must be on another machine');
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-shared-'));
  file = path.join(dir, 'Shared map.waymark');
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir };
  waymark('new', file, '--template', 'blank', '--name', 'Shared map');
  // What Alice's Waymark on her laptop writes while she has the file open (docs/file-format.md).
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  writeFileSync(
    markOf(file),
    JSON.stringify({ user: 'alice', host: 'laptop-7', pid: 4242, since: now, heartbeat: now, app_version: '0.1.0', session: randomUUID() }),
  );
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a file a colleague has open shows read-only, names them and refuses edits', async () => {
  const before = hash(file);
  app = await openApp({ failures: 'shared', file, env });
  await app.waitForMap();
  await byTest('read-only-banner').waitForDisplayed({ timeout: 10000 });
  assert.equal(await byTest('in-use-by').getText(), 'alice');
  assert.match(await byTest('read-only-banner').getText(), /alice on laptop-7 has had this file open since/);
  assert.ok(await byTest('take-over').isDisplayed(), 'take over is offered');

  await cellOf('Actions', 'Step 1').doubleClick();
  await until('a toast saying the file is read-only', async () => (await toastTexts()).some((t) => /read-only/.test(t)));
  assert.equal(await byTest('card-editor').isExisting(), false, 'no card editor opened');
  assert.deepEqual(await cardTexts('Actions', 'Step 1'), []);
  await app.screenshot('shared-1-read-only');
  assert.equal(hash(file), before, 'the file is byte for byte as it was');
  assert.match(readFileSync(markOf(file), 'utf8'), /laptop-7/, 'Alice’s mark is left alone');
});

test('Open a copy at a typed path edits the copy and leaves the original alone', async () => {
  const before = hash(file);
  const copy = path.join(dir, 'Mine for now.waymark');
  assert.equal(await byTest('copy-path').getValue(), path.join(dir, 'Shared map (copy).waymark'));
  await byTest('copy-path').clearValue();
  await byTest('copy-path').setValue(path.join(dir, 'Mine for now'));
  await byTest('open-copy').click();
  await until('the window on the copy', async () => (await app.browser.getTitle()) === 'Mine for now.waymark — Waymark');
  assert.equal(await byTest('read-only-banner').isExisting(), false, 'no banner on the copy');
  await addCard('Actions', 'Only in my copy');
  await until('the save status to read Saved', async () => (await byTest('save-status').getText()) === 'Saved');
  await app.screenshot('shared-2-copy');
  assert.ok(stored(copy).cards.some((c) => c.text === 'Only in my copy'), 'the card is in the copy');
  assert.equal(hash(file), before, 'the original is untouched');
  waymark('validate', copy);
});

test('Take over warns that the colleague may lose work, then makes the file editable', async () => {
  await app.close();
  app = await openApp({ failures: 'shared', file, env });
  await app.waitForMap();
  await byTest('take-over').waitForDisplayed({ timeout: 10000 });
  await byTest('take-over').click();
  await byTest('confirm').waitForDisplayed();
  assert.match(await byTest('confirm').getText(), /alice on laptop-7 may still be editing.*may be lost/s);
  await app.screenshot('shared-3-take-over');
  await byTest('confirm-cancel').click();
  assert.ok(await byTest('read-only-banner').isDisplayed(), 'cancel leaves it read-only');

  await byTest('take-over').click();
  await byTest('confirm-ok').click();
  await until('the banner to go', async () => !(await byTest('read-only-banner').isExisting()));
  const mark = JSON.parse(readFileSync(markOf(file), 'utf8'));
  assert.equal(mark.host, hostname(), 'the mark is ours now');
  await addCard('Actions', 'Taken over');
  assert.ok(stored(file).cards.some((c) => c.text === 'Taken over'));
});

test('a file replaced from outside: the banner says so, edits wait, Reload shows the change', async () => {
  // Someone edits their copy of the file and it is saved over this one (a sync tool, a mail).
  const theirs = path.join(dir, 'theirs.waymark');
  copyFileSync(file, theirs);
  const stage = stored(theirs).stages[0];
  const change = { id: randomUUID(), edits: [{ op: 'update', before: { kind: 'stage', record: stage }, after: { kind: 'stage', record: { ...stage, name: 'Renamed outside' } } }] };
  writeFileSync(path.join(dir, 'change.json'), JSON.stringify(change));
  waymark('apply', theirs, path.join(dir, 'change.json'));
  renameSync(theirs, file);
  const replaced = hash(file);

  await byTest('outside-change-banner').waitForDisplayed({ timeout: 10000 });
  assert.match(await byTest('outside-change-banner').getText(), /Shared map\.waymark was changed outside Waymark/);
  await app.screenshot('shared-4-changed-outside');

  // An edit now is refused: the outside change is not written over.
  await cellOf('Touchpoints', 'Step 1').doubleClick();
  // The app may refuse at once, or only when the typing is saved: wait for either.
  await until('an editor or the refusal', async () => (await byTest('card-editor').isExisting()) || (await refused()));
  if (await byTest('card-editor').isExisting()) {
    await byTest('card-editor').addValue('Would bury theirs');
    await app.browser.keys('Enter');
  }
  await until('the refusal', refused);
  assert.equal(hash(file), replaced, 'nothing was written over the outside change');

  await byTest('reload').click();
  await until('the outside change on the map', async () => (await app.browser.$$('.stage-name').map((el) => el.getText())).some((t) => t.startsWith('Renamed outside')));
  assert.equal(await byTest('outside-change-banner').isExisting(), false);
  await addCard('Touchpoints', 'After reload');
  const after = stored(file);
  assert.equal(after.stages[0].name, 'Renamed outside');
  assert.ok(after.cards.some((c) => c.text === 'After reload'));
  await app.screenshot('shared-5-reloaded');
  waymark('validate', file);
});
