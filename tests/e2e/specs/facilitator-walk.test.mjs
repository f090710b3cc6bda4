// The walk a facilitator makes in front of a room: a new project from the start screen, a stage,
// a step, a lane and cards, a card dragged to another cell, a persona and an emotion point dragged,
// a moment of truth, undo and redo — then quit, relaunch, and everything is still there (and the
// CLI reads the same from the file). Screenshots of each state go to out/e2e/walk-*.png.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, waymark } from '../harness.mjs';

let app;
let dir;
let file;
let env;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const texts = async (selector) => app.browser.$$(selector).map((el) => el.getText());
/** Waits for a state; on a timeout the window is captured as out/e2e/walk-failed.png to look at. */
const until = (what, check, timeout = 10000) => app.until(what, check, timeout);

/**
 * Types into a new card and presses Enter. (addValue rather than keys(): WebKitWebDriver drops a
 * space that follows a non-ASCII character when a string is sent key by key.)
 */
async function typeAndEnter(field, text) {
  await field.addValue(text);
  await app.browser.keys('Enter');
}

/** Types a new name over the selected one in a rename field, as a person would, and confirms. */
async function rename(text) {
  await byTest('rename').waitForDisplayed();
  await app.browser.keys([...text, 'Enter']);
}

async function drag(from, to, { x = 0, y = 0 } = {}) {
  const [element, target] = [await from, await to];
  await element.waitForExist();
  await app.browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: element })
    .down({ button: 0 })
    .pause(50)
    .move({ origin: 'pointer', x: 8, y: 8, duration: 50 })
    .move({ origin: target, x, y, duration: 250 })
    .pause(50)
    .up({ button: 0 })
    .perform();
}

const cellOf = (lane, step) => app.browser.$(`[data-cell="${lane}:${step}"]`);
const cardTexts = async (lane, step) => (await cellOf(lane, step)).$$('[data-card] .text').map((el) => el.getText());

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-walk-'));
  file = path.join(dir, 'Workshop März.waymark');
  // Recent files live in the config folder: a fresh one per run.
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir };
  app = await openApp({ failures: 'walk', env });
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the start screen offers templates, Open and a new project', async () => {
  await byTest('start-screen').waitForDisplayed({ timeout: 15000 });
  assert.ok(await byTest('template-blank').isDisplayed());
  await app.screenshot('walk-1-start');
  await byTest('template-blank').click();
  await byTest('new-name').setValue('Workshop März');
  await byTest('new-path').clearValue();
  await byTest('new-path').setValue(file);
  await byTest('create-project').click();
  await app.waitForMap();
  assert.ok(existsSync(file), 'the project file was created');
  await until('the title to name the file', async () => (await app.browser.getTitle()) === 'Workshop März.waymark — Waymark');
  assert.ok(app.windowTitles().includes('Workshop März.waymark — Waymark'), `${app.windowTitles()}`);
});

test('a stage, a step and a lane are added and named in place', async () => {
  await byTest('add-stage').click();
  await rename('Kaufen');
  await until('the new stage', async () => (await texts('.stage-name')).some((t) => t.startsWith('Kaufen')));

  // The new stage stays selected after naming it, with its tools showing.
  assert.ok(await app.browser.$('[data-stage="Kaufen"].selected').isExisting(), 'the new stage is selected');
  await byTest('add-step').click();
  await rename('Bezahlen');
  await until('the new step', async () => (await texts('.step-title')).includes('Bezahlen'));

  await byTest('add-lane').click();
  await rename('Gedanken');
  await until('the new lane', async () => (await app.browser.$('[data-lane="Gedanken"]').isExisting()));
  await app.screenshot('walk-2-structure');
});

test('cards are made by double-click and by keyboard, typed in place', async () => {
  await cellOf('Actions', 'Step 1').doubleClick();
  await byTest('card-editor').waitForDisplayed();
  await typeAndEnter(byTest('card-editor'), 'Zażółć gęślą jaźń');
  await until('the first card', async () => (await cardTexts('Actions', 'Step 1')).includes('Zażółć gęślą jaźń'));

  // Arrow down from the card's cell to the touchpoints below; Enter makes a card there.
  await app.browser.keys('ArrowDown');
  await app.browser.keys('Enter');
  await byTest('card-editor').waitForDisplayed();
  await typeAndEnter(byTest('card-editor'), 'Größe wählen');
  await until('the second card', async () => (await cardTexts('Touchpoints', 'Step 1')).includes('Größe wählen'));
  await app.screenshot('walk-3-cards');
});

test('a card dragged to another cell moves there', async () => {
  await drag((await cellOf('Actions', 'Step 1')).$('[data-card]'), cellOf('Actions', 'Bezahlen'));
  await until('the card in its new cell', async () => (await cardTexts('Actions', 'Bezahlen')).includes('Zażółć gęślą jaźń'));
  assert.deepEqual(await cardTexts('Actions', 'Step 1'), []);
  await app.screenshot('walk-4-dragged');
});

test('a persona is added, shown on the journey, and its emotion point dragged', async () => {
  await byTest('personas-button').click();
  await byTest('add-persona').click();
  await byTest('persona-name').waitForDisplayed();
  await byTest('persona-name').clearValue();
  await byTest('persona-name').setValue('Anna Weber');
  await byTest('persona-quote').click();
  await until('the persona in the list', async () => (await app.browser.$('[data-testid="persona-0"] .name').getProperty('textContent')) === 'Anna Weber');
  const show = await byTest('persona-show-0');
  if ((await show.getAttribute('aria-pressed')) !== 'true' && !(await show.isSelected())) await show.click();
  await until('the persona on the journey', async () => (await texts('.personas li')).some((t) => t.includes('Anna Weber')));
  await byTest('persona-panel-close').click();

  // Click in the first column of the band, a little above the middle: a point appears.
  const column = await app.browser.$('[data-emotion-column="0"]');
  await column.click({ x: 0, y: -30 });
  const point = await app.browser.$('[data-point="Anna Weber:Step 1"]');
  await point.waitForExist({ timeout: 5000 });
  const before = Number(await point.getAttribute('data-value'));
  await app.browser
    .action('pointer', { parameters: { pointerType: 'mouse' } })
    .move({ origin: point })
    .down({ button: 0 })
    .move({ origin: 'pointer', x: 0, y: 30, duration: 100 })
    .move({ origin: 'pointer', x: 0, y: 30, duration: 100 })
    .up({ button: 0 })
    .perform();
  await until('the point to move down', async () => Number(await app.browser.$('[data-point="Anna Weber:Step 1"]').getAttribute('data-value')) < before);
  await app.screenshot('walk-5-emotion');
});

test('a card is marked as a moment of truth in the properties panel', async () => {
  await (await cellOf('Touchpoints', 'Step 1')).$('[data-card]').click();
  await byTest('moment-toggle').click();
  await byTest('moment-title').waitForDisplayed();
  await byTest('moment-title').clearValue();
  await byTest('moment-title').setValue('Die Größe passt');
  await byTest('moment-why').setValue('Wer hier falsch wählt, schickt zurück.');
  // Leave the field by clicking the map's corner: it gives the map the keyboard and touches
  // nothing (two clicks on a cell in a row would be a double-click, which makes a card).
  await app.browser.$('.stage-corner').click();
  await until('the marker on the card', async () => (await texts('.legend li strong')).includes('Die Größe passt'));
  await app.screenshot('walk-6-moment');
});

test('undo takes the last step back and redo brings it again', async () => {
  await app.browser.$('.stage-corner').click();
  const moments = async () => texts('.legend li strong');
  // What the moments legend says (titles and reasons); every step of the moment changes it.
  const legend = () => app.browser.execute(() => document.querySelector('.legend')?.textContent ?? '');
  /** Presses a shortcut and waits until its change has landed (the map shows something else). */
  async function step(keys, what) {
    const before = await legend();
    await app.browser.keys(keys);
    await until(what, async () => (await legend()) !== before);
  }
  // Undo until the moment of truth is gone: its reason, its title and the mark are steps.
  for (let i = 0; i < 4 && (await moments()).includes('Die Größe passt'); i++) await step(['Control', 'z'], `undo ${i + 1} to land`);
  assert.ok(!(await moments()).includes('Die Größe passt'), 'undo took the moment of truth back');
  await app.screenshot('walk-7-undone');
  for (let i = 0; i < 4 && !(await moments()).includes('Die Größe passt'); i++) await step(['Control', 'Shift', 'z'], `redo ${i + 1} to land`);
  assert.ok((await moments()).includes('Die Größe passt'), 'redo brought it back');
});

test('after quitting and relaunching everything is still there, and the CLI reads it too', async () => {
  await app.close();
  app = await openApp({ failures: 'walk', file, env });
  await app.waitForMap();
  assert.ok((await texts('.stage-name')).some((t) => t.startsWith('Kaufen')));
  assert.ok((await texts('.step-title')).includes('Bezahlen'));
  assert.ok(await app.browser.$('[data-lane="Gedanken"]').isExisting());
  assert.ok((await cardTexts('Actions', 'Bezahlen')).includes('Zażółć gęślą jaźń'));
  assert.ok((await cardTexts('Touchpoints', 'Step 1')).includes('Größe wählen'));
  assert.ok(await app.browser.$('[data-point="Anna Weber:Step 1"]').isExisting());
  assert.ok((await texts('.legend li strong')).includes('Die Größe passt'));
  await app.screenshot('walk-8-relaunched');

  const info = JSON.parse(waymark('info', '--json', file));
  assert.equal(info.name, 'Workshop März');
  const [journey] = info.journeys;
  assert.deepEqual(
    journey.stages.map((s) => s.name),
    ['Stage 1', 'Kaufen'],
  );
  assert.ok(journey.stages[1].steps.includes('Bezahlen'), JSON.stringify(journey.stages));
  assert.ok(journey.lanes.includes('Gedanken'));
  assert.equal(journey.cards, 2);
  assert.equal(journey.emotion_points, 1);
  assert.deepEqual(journey.personas, ['Anna Weber']);
  assert.equal(journey.moments_of_truth.length, 1);
  waymark('validate', file);
});
