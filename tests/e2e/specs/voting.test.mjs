// Dot voting in the real window, as a facilitator runs it on the demo project: vote mode, two
// participants with 3 dots each, clicks on opportunities, a 4th dot refused with a message, undo,
// reset (asked first, one undoable change) — and the dots are in the file, where the CLI reads them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDemo, repo, waymark } from '../harness.mjs';

let app;
let opened;
let dir;
let file;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const until = (what, check, timeout = 10000) => app.until(what, check, timeout);

// The demo's opportunity cards, and one card of another kind.
const demo = JSON.parse(readFileSync(path.join(repo, 'assets/demo/demo.json'), 'utf8')).project;
const kindOf = (card) => demo.lanes.find((l) => l.id === card.lane).kind;
const [first, second, third] = demo.cards.filter((c) => kindOf(c) === 'opportunities');
const action = demo.cards.find((c) => kindOf(c) === 'actions');
const cardEl = (card) => app.browser.$(`[data-card="${card.id}"]`);

/** The dots shown on a card, as "title=count" per participant. */
const dotsOn = (card) =>
  app.browser.execute(
    (id) => [...document.querySelectorAll(`[data-card="${id}"] [data-dot-participant]`)].map((d) => `${d.getAttribute('title')}`),
    card.id,
  );
const totalDots = () => app.browser.execute(() => [...document.querySelectorAll('[data-dot-participant]')].reduce((n, d) => n + Number(d.dataset.count), 0));
const chip = (name) => app.browser.$(`[data-testid="participant"][data-participant="${name}"]`);
const left = async (name) => (await chip(name)).$('[data-testid="dots-left"]').getText();
const message = () => byTest('vote-message').getText();

/** What the file holds: participants by name and each dot as "participant→card". */
function saved() {
  const out = path.join(dir, `export-${Date.now()}.json`);
  waymark('export', file, '-o', out);
  const project = JSON.parse(readFileSync(out, 'utf8')).project;
  const names = new Map(project.participants.map((p) => [p.id, p.name]));
  return {
    participants: project.participants.map((p) => `${p.name}:${p.dots}`),
    dots: project.dots.map((d) => `${names.get(d.participant)}→${d.card}`).sort(),
  };
}

/** A card in the middle of the map's view, clear of the sticky headers, and its text. */
async function shown(card) {
  const text = await (await cardEl(card)).$('.text');
  await text.scrollIntoView({ block: 'center', inline: 'center' });
  return text;
}

async function click(card) {
  await (await shown(card)).click();
}

before(async () => {
  opened = await openDemo({ failures: 'voting' });
  ({ app, dir, file } = opened);
});

after(() => opened?.close());

test('vote mode: two participants with 3 dots each', async () => {
  await byTest('vote-button').click();
  await byTest('vote-bar').waitForDisplayed({ timeout: 5000 });
  for (const name of ['Anna', 'Bartek']) {
    await byTest('participant-name').setValue(name);
    await byTest('add-participant').click();
    await chip(name).waitForExist({ timeout: 5000 });
  }
  const dots = await byTest('dots-each');
  await dots.clearValue();
  await dots.setValue('3');
  await app.browser.keys('Enter');
  await until('3 dots each', async () => (await left('Anna')) === '3 of 3 dots left' && (await left('Bartek')) === '3 of 3 dots left');
  assert.deepEqual(saved().participants, ['Anna:3', 'Bartek:3']);
  // The last one added votes first.
  assert.equal(await (await chip('Bartek')).$('button.chip').getAttribute('aria-pressed'), 'true');
});

test('clicks on opportunities place dots of the active participant; other cards and editing stay out', async () => {
  await (await chip('Anna')).$('button.chip').click();
  await click(first);
  await until('Anna’s first dot', async () => (await totalDots()) === 1);
  await click(first);
  await click(second);
  await until('three dots of Anna', async () => (await totalDots()) === 3);
  assert.deepEqual(await dotsOn(first), ['Anna: 2 dots']);
  assert.equal(await left('Anna'), '0 of 3 dots left');
  // Key 2 makes Bartek the voter.
  await app.browser.keys('2');
  await until('Bartek to vote', async () => (await (await chip('Bartek')).$('button.chip').getAttribute('aria-pressed')) === 'true');
  await click(first);
  await click(third);
  await until('Bartek’s dots', async () => (await totalDots()) === 5);
  assert.deepEqual(await dotsOn(first), ['Anna: 2 dots', 'Bartek: 1 dot']);
  assert.match(await (await cardEl(first)).getText(), new RegExp(`${first.votes + 3} votes`));

  // Not an opportunity: nothing, and a message says why; a double-click does not edit.
  await click(action);
  await until('the refusal for an action card', async () => /Only opportunities take dots/.test(await message()));
  await (await shown(third)).doubleClick();
  // Both clicks have been handled once both dots are there: by then an editor would be open.
  await until('the double-click’s dots', async () => (await totalDots()) === 6);
  assert.equal(await byTest('card-editor').isExisting(), false, 'vote mode never opens a card for typing');
  assert.equal(await left('Bartek'), '0 of 3 dots left');
  await app.screenshot('voting-mode');
});

test('a 4th dot is refused with a message; undo takes the last dot back', async () => {
  await app.browser.keys('1');
  await click(third);
  // The refusal is the click's whole answer: once it shows, the click has been handled.
  await until('the refusal', async () => /Anna has placed all 3 dots/.test(await message()));
  assert.equal(await totalDots(), 6, 'the refused click placed nothing');
  await app.screenshot('voting-refused');

  await byTest('undo').click();
  await until('undo to remove one dot', async () => (await totalDots()) === 5);
  assert.equal(await left('Bartek'), '1 of 3 dots left');
  // Clicking one's own dot on a card takes it back too.
  await app.browser.keys('2');
  await shown(third);
  await app.browser.$(`[data-card="${third.id}"] [data-dot-participant]`).click();
  await until('Bartek’s own dot taken back', async () => (await totalDots()) === 4);
  assert.deepEqual(saved().dots, [`Anna→${first.id}`, `Anna→${first.id}`, `Anna→${second.id}`, `Bartek→${first.id}`].sort());
});

test('reset asks first, clears every dot in one change, and undo brings them back', async () => {
  await byTest('reset-votes').click();
  await byTest('confirm').waitForDisplayed({ timeout: 5000 });
  assert.match(await byTest('confirm').getText(), /4 dots/);
  await byTest('confirm-ok').click();
  await until('no dots', async () => (await totalDots()) === 0);
  assert.deepEqual(saved().dots, []);
  assert.equal(await left('Anna'), '3 of 3 dots left');
  await byTest('undo').click();
  await until('the 4 dots back in one undo', async () => (await totalDots()) === 4);
  const info = JSON.parse(waymark('info', '--json', file));
  assert.deepEqual(info.participants, ['Anna', 'Bartek']);
  assert.equal(info.dots, 4);
  waymark('validate', file);
});

test('fewer dots than placed is refused; renaming and removing a participant', async () => {
  const dots = await byTest('dots-each');
  await dots.clearValue();
  await dots.setValue('2');
  await app.browser.keys('Enter');
  await until('the refusal of 2 dots', async () => /Anna has already placed 3 dots/.test(await message()));
  assert.deepEqual(saved().participants, ['Anna:3', 'Bartek:3']);

  await (await chip('Bartek')).$('button.chip').doubleClick();
  const field = await app.browser.$('[data-testid="participant"] input');
  await field.waitForDisplayed({ timeout: 5000 });
  // The name is selected when the field opens: typing replaces it (a WebDriver clear would blur the field).
  await field.addValue('Bartosz Wójcik');
  await app.browser.keys('Enter');
  await chip('Bartosz Wójcik').waitForExist({ timeout: 5000 });
  assert.deepEqual(await dotsOn(first), ['Anna: 2 dots', 'Bartosz Wójcik: 1 dot']);

  await (await chip('Bartosz Wójcik')).$('button.remove').click();
  await byTest('confirm').waitForDisplayed({ timeout: 5000 });
  assert.match(await byTest('confirm').getText(), /dot goes with them/);
  await byTest('confirm-ok').click();
  await until('Bartosz and his dot gone', async () => (await totalDots()) === 3 && !(await chip('Bartosz Wójcik').isExisting()));
  assert.deepEqual(saved().participants, ['Anna:3']);
  await byTest('undo').click();
  await until('both back in one undo', async () => (await totalDots()) === 4 && (await chip('Bartosz Wójcik').isExisting()));
  assert.equal(saved().dots.length, 4);
});

test('the keyboard places and takes back a dot on a focused opportunity', async () => {
  await app.browser.keys('2');
  await until('Bartosz to be the voter', async () => (await (await chip('Bartosz Wójcik')).getAttribute('class')).includes('active'));
  const slot = await app.browser.$(`[data-vote-card="${third.id}"]`);
  await (await shown(third)).waitForDisplayed();
  assert.equal(await slot.getAttribute('tabindex'), '0');
  assert.match(await slot.getAttribute('aria-label'), /Enter puts a dot on it/);
  await app.browser.execute((el) => el.focus(), slot);
  await app.browser.keys('Enter');
  await until('a dot from the keyboard', async () => (await dotsOn(third)).join() === 'Bartosz Wójcik: 1 dot');
  assert.equal(saved().dots.length, 5);
  await app.browser.keys('Delete');
  await until('taken back from the keyboard', async () => (await dotsOn(third)).length === 0);
  assert.equal(saved().dots.length, 4);
});

test('Escape leaves vote mode; a click then selects again', async () => {
  await app.browser.keys('Escape');
  await byTest('vote-bar').waitForExist({ reverse: true, timeout: 5000 });
  await click(second);
  await until('the card to be selected', async () => (await (await cardEl(second)).getAttribute('class')).includes('selected'));
  assert.equal(await totalDots(), 4, 'outside vote mode a click places no dot');
});
