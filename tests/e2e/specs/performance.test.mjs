// Figures for docs/performance.md on the benchmark map (40 steps × 10 lanes × 400 cards, 5
// personas): launch to painted map, and the work per frame while dragging a card and an emotion
// point, with the frame rate it allows. They are printed, not asserted: a shared machine's speed
// must not fail a test. What is asserted is that the measurements happened (the marks exist, the
// drags moved things).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { frameWork, handDrag as frameHandDrag, takeEntries } from '../frames.mjs';
import { openApp, waymark } from '../harness.mjs';

let app;
let dir;
let launchMs;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-perf-'));
  const file = path.join(dir, 'benchmark.waymark');
  waymark('sample', '-o', file);
  const started = Date.now();
  app = await openApp({ file, env: { XDG_CONFIG_HOME: path.join(dir, 'config') } });
  await app.waitForMap(30000);
  launchMs = Date.now() - started;
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const dragEntries = () => takeEntries(app.browser, 'drag');
const handDrag = (element, legs) => frameHandDrag(app.browser, element, legs);

/** Prints what a drag cost (frames.mjs says how a frame's work is counted). */
function dragReport(what, entries) {
  const report = frameWork(entries);
  console.log(report.describe(what));
  return report;
}

test('launch to painted map', async () => {
  const marks = await app.browser.execute(() =>
    Object.fromEntries(
      ['waymark:open-requested', 'waymark:project-received', 'waymark:map-mounted', 'waymark:map-painted'].map((n) => [
        n.slice('waymark:'.length),
        performance.getEntriesByName(n)[0]?.startTime ?? null,
      ]),
    ),
  );
  assert.ok(marks['map-painted'] !== null, 'the app marks its first painted map');
  const at = (n) => `${Math.round(marks[n])} ms`;
  console.log(
    `benchmark map, after navigation start: project asked for at ${at('open-requested')}, received at ${at('project-received')}, ` +
      `map mounted at ${at('map-mounted')} (${Math.round(marks['map-mounted'] - marks['project-received'])} ms to mount), ` +
      `first frame rendered at ${at('map-painted')}; ${launchMs} ms from asking the driver for a window to the map in the DOM`,
  );
  // The map holds 400 cards and draws only those in view (plus a margin).
  const map = await app.browser.$('[data-testid="map"]');
  assert.equal(Number(await map.getAttribute('data-cards')), 400);
  const drawn = await app.browser.$$('[data-card]').length;
  assert.ok(drawn > 0 && drawn < 400, `${drawn} of 400 cards drawn`);
});

test('dragging a card', async () => {
  await dragEntries();
  const cards = await app.browser.$$('[data-cell] [data-card]');
  const card = cards[0];
  const text = await card.getText();
  await handDrag(card, [
    [10, 10, 2],
    [600, 120, 90],
    [-300, 0, 60],
  ]);
  const { moves, frames } = dragReport('card drag', await dragEntries());
  assert.ok(moves > 100 && frames > 10, `the drag was measured (${moves} moves, ${frames} frames)`);
  // One script call reads all drawn texts: a WebDriver request per card floods the driver's socket.
  const cardTexts = () => app.browser.execute(() => [...document.querySelectorAll('[data-card]')].map((c) => c.innerText.trim()));
  await app.browser.waitUntil(async () => (await cardTexts()).includes(text.trim()));
});

test('dragging an emotion point', async () => {
  await dragEntries();
  const point = await app.browser.$('[data-point]');
  const label = await point.getAttribute('data-point');
  const before = Number(await point.getAttribute('data-value'));
  // Down and up again, ending 40 px from the start: towards the middle of the scale, so the
  // value changes whatever it was (a drag that ends where it began commits nothing).
  const towardsMiddle = before > 0 ? 1 : -1;
  await handDrag(point, [
    [0, 60 * towardsMiddle, 60],
    [0, -20 * towardsMiddle, 20],
  ]);
  const { moves, frames } = dragReport('emotion point drag', await dragEntries());
  assert.ok(moves > 60 && frames > 10, `the drag was measured (${moves} moves, ${frames} frames)`);
  await app.browser.waitUntil(async () => Number(await app.browser.$(`[data-point="${label}"]`).getAttribute('data-value')) !== before, {
    timeoutMsg: `the point ${label} still has its value ${before} after the drag`,
  });
  const toasts = await app.browser.$$('[data-testid="toast"]').map((t) => t.getText());
  assert.deepEqual(toasts, [], 'the drag was committed without an error');
});
