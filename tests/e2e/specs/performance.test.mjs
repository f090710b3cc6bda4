// Figures for docs/performance.md on the benchmark map (40 steps × 10 lanes × 400 cards, 5
// personas): launch to painted map, and frames per second while dragging a card and an emotion
// point. They are printed, not asserted: a shared machine's speed must not fail a test. What is
// asserted is that the measurements happened (the marks exist, the drags moved things).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
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

const frames = () =>
  app.browser.execute(() => {
    const marks = performance.getEntriesByName('waymark:drag-frame');
    performance.clearMarks('waymark:drag-frame');
    return marks.map((m) => m.startTime);
  });

/**
 * A drag as a hand makes it: many small pointer moves, one per 16 ms tick (the driver sends one
 * event per move; it does not interpolate a long move into many).
 */
async function handDrag(element, path) {
  let chain = app.browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ origin: element }).down({ button: 0 });
  for (const [dx, dy, steps] of path) {
    for (let i = 0; i < steps; i++) chain = chain.move({ origin: 'pointer', x: Math.round(dx / steps), y: Math.round(dy / steps), duration: 16 });
  }
  await chain.up({ button: 0 }).perform();
}

function fps(times) {
  if (times.length < 2) return 0;
  return ((times.length - 1) * 1000) / (times[times.length - 1] - times[0]);
}

test('launch to painted map', async () => {
  const marks = await app.browser.execute(() =>
    Object.fromEntries(['waymark:open-requested', 'waymark:project-received', 'waymark:map-painted'].map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? null])),
  );
  assert.ok(marks['waymark:map-painted'] !== null, 'the app marks its first painted map');
  console.log(
    `benchmark map: painted ${Math.round(marks['waymark:map-painted'])} ms after navigation start ` +
      `(project received at ${Math.round(marks['waymark:project-received'])} ms); ` +
      `${launchMs} ms from asking the driver for a window to the map in the DOM`,
  );
  assert.equal(await app.browser.$$('[data-card]').length, 400);
});

test('dragging a card', async () => {
  await frames();
  const cards = await app.browser.$$('[data-cell] [data-card]');
  const card = cards[0];
  const text = await card.getText();
  await handDrag(card, [
    [10, 10, 2],
    [600, 120, 90],
    [-300, 0, 60],
  ]);
  const times = await frames();
  console.log(`card drag: ${times.length} frames, ${fps(times).toFixed(1)} frames per second`);
  assert.ok(times.length > 10, `the drag painted frames (${times.length})`);
  await app.browser.waitUntil(async () => (await app.browser.$$('[data-card]').map((c) => c.getText())).includes(text));
});

test('dragging an emotion point', async () => {
  await frames();
  const point = await app.browser.$('[data-point]');
  const before = Number(await point.getAttribute('data-value'));
  await handDrag(point, [
    [0, 40, 60],
    [0, -60, 60],
  ]);
  const times = await frames();
  console.log(`emotion point drag: ${times.length} frames, ${fps(times).toFixed(1)} frames per second`);
  assert.ok(times.length > 10, `the drag painted frames (${times.length})`);
  const label = await point.getAttribute('data-point');
  await app.browser.waitUntil(async () => Number(await app.browser.$(`[data-point="${label}"]`).getAttribute('data-value')) !== before);
});
