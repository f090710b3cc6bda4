// The app killed with SIGKILL (a crash, a power cut, the task manager) while the user types and
// while a card is being dragged. After a relaunch everything the window had shown as saved is in
// the file, and `waymark validate` passes. The app's pid is the one its in-use mark names.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, waymark } from '../harness.mjs';

let app;
let dir;
let env;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const markOf = (p) => path.join(path.dirname(p), `.~${path.basename(p)}.lock`);
const cellOf = (lane, step = 'Step 1') => app.browser.$(`[data-cell="${lane}:${step}"]`);
const cardTexts = async (lane) => (await cellOf(lane)).$$('[data-card] .text').map((el) => el.getText());
function stored(p) {
  const out = path.join(dir, `read-${randomUUID()}.json`);
  waymark('export', p, '-o', out);
  return JSON.parse(readFileSync(out, 'utf8')).project;
}

const until = (what, check, timeout = 10000) => app.until(what, check, timeout);

/** Saved, and the card shows its text outside the editor: the window says the edit is on disk. */
async function acknowledged(lane, text) {
  await until(`"${text}" shown as saved`, async () => {
    if (await byTest('card-editor').isExisting()) return false;
    if ((await byTest('save-status').getText()) !== 'Saved') return false;
    return (await cardTexts(lane)).includes(text);
  });
}

async function addCard(lane, text) {
  await cellOf(lane).doubleClick();
  await until('the card editor', () => byTest('card-editor').isDisplayed(), 5000);
  await byTest('card-editor').addValue(text);
  await app.browser.keys('Enter');
  await acknowledged(lane, text);
}

async function launch(file) {
  app = await openApp({ failures: 'kill', file, env });
  await app.waitForMap();
  await until('the in-use mark', async () => existsSync(markOf(file)));
}

/** SIGKILL to the app process, found through its in-use mark; then the rest of the session goes. */
async function kill(file) {
  const { pid } = JSON.parse(readFileSync(markOf(file), 'utf8'));
  assert.ok(pid > 1, `a pid in the mark: ${pid}`);
  process.kill(pid, 'SIGKILL');
  await Promise.race([app.close(), sleep(15000)]);
  app = undefined;
}

function project(name) {
  const file = path.join(dir, `${name}.waymark`);
  waymark('new', file, '--template', 'blank', '--name', name);
  return file;
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-kill-'));
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir };
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('killed while typing: every card shown as saved is there after a relaunch', async () => {
  const file = project('Typing');
  await launch(file);
  await addCard('Actions', 'Saved before the kill');
  await addCard('Touchpoints', 'Also saved');

  // A burst into a new card, killed halfway through (its text commits 300 ms after a pause).
  const burst = 'This sentence is being typed when the power goes out, one key at a time';
  await cellOf('Pain points').doubleClick();
  await until('the card editor', () => byTest('card-editor').isDisplayed(), 5000);
  const typing = byTest('card-editor').then((field) => field.addValue(burst)).catch(() => {});
  // The driver answers questions while it types, so the kill lands as soon as keys arrive.
  await until('the burst under way', async () => (await byTest('card-editor').getValue()).length > 0, 5000);
  await kill(file);
  await Promise.race([typing, sleep(5000)]);

  waymark('validate', file);
  const cards = stored(file).cards.map((c) => c.text);
  assert.ok(cards.includes('Saved before the kill'), `${cards}`);
  assert.ok(cards.includes('Also saved'), `${cards}`);
  for (const text of cards) {
    assert.ok(['Saved before the kill', 'Also saved'].includes(text) || burst.startsWith(text), `a card holds "${text}", not a prefix of what was typed`);
  }

  await launch(file);
  assert.deepEqual(await cardTexts('Actions'), ['Saved before the kill']);
  assert.deepEqual(await cardTexts('Touchpoints'), ['Also saved']);
  assert.equal(await byTest('read-only-banner').isExisting(), false, 'the dead session’s mark was taken over');
  await app.screenshot('kill-1-after-typing');
  await app.close();
  app = undefined;
});

test('killed during a drag: the card is where its last drop put it', async () => {
  const file = project('Dragging');
  await launch(file);
  await addCard('Actions', 'Moved once');
  await app.browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: await (await cellOf('Actions')).$('[data-card]') })
    .down({ button: 0 })
    .pause(50)
    .move({ origin: 'pointer', x: 8, y: 8, duration: 50 })
    .move({ origin: await cellOf('Touchpoints'), duration: 250 })
    .pause(50)
    .up({ button: 0 })
    .perform();
  await acknowledged('Touchpoints', 'Moved once');

  // The second drag, towards Pain points, never ends: the app dies with the button held.
  const dragging = app.browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: await (await cellOf('Touchpoints')).$('[data-card]') })
    .down({ button: 0 })
    .pause(50)
    .move({ origin: 'pointer', x: 8, y: 8, duration: 50 })
    .move({ origin: await cellOf('Pain points'), duration: 3000 })
    .pause(2000)
    .up({ button: 0 })
    .perform()
    .catch(() => {});
  // The driver answers while it holds the button, so the kill comes once the drag is under way.
  await until('the drag under way', () => app.browser.$('.drag-ghost').isExisting(), 5000);
  await app.screenshot('kill-2-mid-drag');
  await kill(file);
  await Promise.race([dragging, sleep(5000)]);

  waymark('validate', file);
  const saved = stored(file);
  const touchpoints = saved.lanes.find((l) => l.title === 'Touchpoints');
  assert.equal(saved.cards.length, 1);
  assert.equal(saved.cards[0].lane, touchpoints.id, 'the card stays where its last drop put it');

  await launch(file);
  assert.deepEqual(await cardTexts('Touchpoints'), ['Moved once']);
  assert.deepEqual(await cardTexts('Pain points'), []);
  await app.screenshot('kill-3-after-drag');
});
