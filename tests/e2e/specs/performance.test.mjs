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

/** Takes (and clears) the drag timing entries the app records (ui/src/lib/editor/timing.ts). */
const dragEntries = () =>
  app.browser.execute(() => {
    const names = ['waymark:drag-move', 'waymark:drag-script', 'waymark:drag-frame', 'waymark:drag-render'];
    const taken = Object.fromEntries(
      names.map((n) => [n.slice('waymark:drag-'.length), performance.getEntriesByName(n).map((e) => ({ start: e.startTime, duration: e.duration }))]),
    );
    for (const n of names) {
      performance.clearMarks(n);
      performance.clearMeasures(n);
    }
    return taken;
  });

/**
 * A drag as a hand makes it: many small pointer moves, one per 16 ms tick (the driver sends one
 * event per move; it does not interpolate a long move into many). Each leg is [dx, dy, moves];
 * dx and dy should divide by moves, or rounding changes where the drag ends.
 */
async function handDrag(element, legs) {
  let chain = app.browser.action('pointer', { parameters: { pointerType: 'mouse' } }).move({ origin: element }).down({ button: 0 });
  for (const [dx, dy, moves] of legs) {
    for (let i = 0; i < moves; i++) chain = chain.move({ origin: 'pointer', x: Math.round(dx / moves), y: Math.round(dy / moves), duration: 16 });
  }
  await chain.up({ button: 0 }).perform();
}

const quantile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
const ms = (n) => `${n.toFixed(1)} ms`;

/**
 * What a drag cost. A frame's work is the script of the moves it shows (handler plus Svelte's
 * update) and its own rendering; the frame rate the app could sustain is 1000 / that work. The
 * observed rate is bounded by how fast the driver sends moves, so both are reported.
 */
function dragReport(what, e) {
  const frames = e.frame.map((f) => f.start).sort((a, b) => a - b);
  const renders = e.render;
  const work = frames.map((frame, i) => {
    const previous = i === 0 ? -Infinity : frames[i - 1];
    const script = e.script.filter((m) => m.start > previous && m.start <= frame).reduce((sum, m) => sum + m.duration, 0);
    const render = renders.find((r) => Math.abs(r.start - frame) < 0.01)?.duration ?? 0;
    return { script, render, total: script + render };
  });
  const sorted = (key) => work.map((w) => w[key]).sort((a, b) => a - b);
  const total = sorted('total');
  const moves = e.move.map((m) => m.start).sort((a, b) => a - b);
  const rate = (times) => (times.length < 2 ? 0 : ((times.length - 1) * 1000) / (times[times.length - 1] - times[0]));
  const p50 = quantile(total, 0.5);
  const p95 = quantile(total, 0.95);
  console.log(
    `${what}: ${moves.length} moves, ${frames.length} frames; work per frame p50 ${ms(p50)}, p95 ${ms(p95)} ` +
      `(script p50 ${ms(quantile(sorted('script'), 0.5))} p95 ${ms(quantile(sorted('script'), 0.95))}, ` +
      `render p50 ${ms(quantile(sorted('render'), 0.5))} p95 ${ms(quantile(sorted('render'), 0.95))}); ` +
      `sustainable ${(1000 / p95).toFixed(0)} fps at p95, ${(1000 / p50).toFixed(0)} at p50; ` +
      `observed ${rate(frames).toFixed(1)} frames/s while the driver sent ${rate(moves).toFixed(1)} moves/s`,
  );
  return { moves: moves.length, frames: frames.length, work };
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
  assert.equal(await app.browser.$$('[data-card]').length, 400);
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
  // One script call reads all 400 texts: a WebDriver request per card floods the driver's socket.
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
