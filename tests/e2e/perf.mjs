// node perf.mjs — the benchmark scripts/perf.sh runs (not a test: nothing here fails because a
// machine is slow). For the benchmark map (`waymark sample`) and the stress map (`waymark sample
// --size stress`) it opens the app (WAYMARK_APP, the release build) under Xvfb the way the specs
// do and measures:
//
//   launch_ms          process start of waymark-app to the first frame showing the map (median
//                      of WAYMARK_PERF_RUNS launches, 3 unless set)
//   card_drag_p95_ms   work per frame while a card is dragged across the map
//   point_drag_p95_ms  work per frame while an emotion point is dragged
//   scroll_p95_ms      work per frame while the map scrolls diagonally, one step a frame
//   mem_mb             the proportional set sizes (PSS, /proc/PID/smaps_rollup) of the app and
//                      every process below it (WebKit's web and network processes), summed, once
//                      the interactions are over; RSS would count shared libraries once per process
//
// What a frame's work is: frames.mjs. Details go to standard error; the last lines on standard
// output are one JSON object per map.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frameWork, handDrag, scrollFrames, takeEntries } from './frames.mjs';
import { appBinary, openApp, waymark } from './harness.mjs';

const runs = Math.max(1, Number(process.env.WAYMARK_PERF_RUNS ?? 3));
// Generous: a loaded machine may be slow, and a benchmark only reports how slow.
const PATIENCE = 180000;
const maps = [
  { map: 'sample', args: [] },
  { map: 'stress', args: ['--size', 'stress'] },
];
const note = (line) => console.error(line);
const round = (n, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** A process's parent and its start in clock ticks after boot, from /proc/PID/stat. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields are counted after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(fields[1]), start: Number(fields[19]) };
  } catch {
    return null; // gone meanwhile
  }
}

function descendants(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (s) children.set(s.parent, [...(children.get(s.parent) ?? []), Number(name)]);
  }
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const binary = realpathSync(appBinary);
/** The waymark-app process the driver started. */
function appProcess(driverPid) {
  const pid = descendants(driverPid).find((p) => {
    try {
      return readlinkSync(`/proc/${p}/exe`) === binary;
    } catch {
      return false;
    }
  });
  if (pid === undefined) throw new Error(`no ${binary} below tauri-driver ${driverPid}`);
  return pid;
}

/** When a process started, in ms since the epoch (to the clock tick, 10 ms here). */
function startedAt(pid) {
  const now = Date.now();
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return now - (uptime - stat(pid).start / ticksPerSecond) * 1000;
}

function pssMb(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // A helper that ended meanwhile holds no memory.
    }
  }
  return kb / 1024;
}

const painted = (browser) => browser.execute(() => performance.getEntriesByName('waymark:map-painted').length > 0);

async function launch(file) {
  const home = mkdtempSync(path.join(tmpdir(), 'waymark-perf-home-'));
  const app = await openApp({ file, env: { HOME: home }, failures: 'perf' });
  const close = async () => {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await app.waitForMap(PATIENCE);
    await app.browser.waitUntil(() => painted(app.browser), { timeout: PATIENCE, timeoutMsg: 'the map was never painted' });
    const pid = appProcess(app.driverPid);
    const marks = await app.browser.execute(() => ({
      origin: performance.timeOrigin,
      script: performance.getEntriesByType('navigation')[0]?.domInteractive,
      ...Object.fromEntries(
        ['open-requested', 'project-received', 'map-mounted', 'map-painted'].map((n) => [n, performance.getEntriesByName(`waymark:${n}`)[0]?.startTime]),
      ),
    }));
    const start = startedAt(pid);
    const since = (n) => Math.round(marks.origin + n - start);
    note(
      `  from process start: page navigation ${since(0)} ms, document parsed ${since(marks.script)} ms, ` +
        `project asked ${since(marks['open-requested'])} ms, project received ${since(marks['project-received'])} ms, ` +
        `map mounted ${since(marks['map-mounted'])} ms, first frame ${since(marks['map-painted'])} ms`,
    );
    return { app, pid, launchMs: marks.origin + marks['map-painted'] - start, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs one measurement; a failure is reported and gives null, the others still run. */
async function measured(what, work) {
  try {
    return await work();
  } catch (error) {
    note(`${what}: not measured (${error.message.split('\n')[0]})`);
    return null;
  }
}

async function cardDrag(browser) {
  await takeEntries(browser, 'drag');
  const card = await browser.$('[data-cell] [data-card]');
  await handDrag(browser, card, [
    [10, 10, 2],
    [600, 120, 90],
    [-300, 0, 60],
  ]);
  const report = frameWork(await takeEntries(browser, 'drag'));
  note(report.describe('card drag'));
  return report.frames > 0 ? report.p95 : null;
}

async function pointDrag(browser) {
  await takeEntries(browser, 'drag');
  const point = await browser.$('[data-point]');
  const towardsMiddle = Number(await point.getAttribute('data-value')) > 0 ? 1 : -1;
  await handDrag(browser, point, [
    [0, 60 * towardsMiddle, 60],
    [0, -20 * towardsMiddle, 20],
  ]);
  const report = frameWork(await takeEntries(browser, 'drag'));
  note(report.describe('emotion point drag'));
  return report.frames > 0 ? report.p95 : null;
}

async function scroll(browser) {
  await takeEntries(browser, 'scroll');
  // Diagonally through the map and back: new columns and lanes come into view every frame.
  await scrollFrames(browser, 48, 12, 100);
  await scrollFrames(browser, -48, -12, 100);
  const report = frameWork(await takeEntries(browser, 'scroll'));
  note(report.describe('scroll'));
  return report.frames > 0 ? report.p95 : null;
}

async function measure({ map, args }) {
  const dir = mkdtempSync(path.join(tmpdir(), `waymark-perf-${map}-`));
  const file = path.join(dir, `${map}.waymark`);
  waymark('sample', ...args, '-o', file);
  const launches = [];
  const result = { map, launch_ms: null, card_drag_p95_ms: null, point_drag_p95_ms: null, scroll_p95_ms: null, mem_mb: null };
  try {
    for (let run = 1; run <= runs; run++) {
      // A copy per launch: the window of the launch before may still be closing, and a file it
      // still marks as open would open read-only.
      const copy = path.join(dir, `${map}-${run}.waymark`);
      copyFileSync(file, copy);
      const opened = await launch(copy);
      launches.push(opened.launchMs);
      note(`${map}: launch ${run}: ${Math.round(opened.launchMs)} ms from process start to the first frame showing the map`);
      if (run < runs) {
        await opened.close();
        continue;
      }
      try {
        const { browser } = opened.app;
        result.cards = await browser.execute(() => Number(document.querySelector('[data-testid="map"]')?.getAttribute('data-cards') ?? document.querySelectorAll('[data-card]').length));
        result.scroll_p95_ms = round(await measured('scroll', () => scroll(browser)));
        result.card_drag_p95_ms = round(await measured('card drag', () => cardDrag(browser)));
        result.point_drag_p95_ms = round(await measured('emotion point drag', () => pointDrag(browser)));
        // Memory once the drops are written and the window is idle again.
        await browser.waitUntil(() => browser.execute(() => !/Saving/.test(document.querySelector('[data-testid="save-status"]')?.textContent ?? '')), { timeout: PATIENCE });
        await browser.execute(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const processes = [opened.pid, ...descendants(opened.pid)];
        result.mem_mb = round(pssMb(processes));
        note(`${map}: ${processes.length} processes (the app and below it), PSS ${result.mem_mb} MB`);
        await opened.app.screenshot(`perf-${map}`);
      } finally {
        await opened.close();
      }
    }
  } catch (error) {
    note(`${map}: ${error.message.split('\n')[0]}`);
    result.error = error.message.split('\n')[0];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...launches].sort((a, b) => a - b);
  result.launch_ms = round(sorted[Math.floor(sorted.length / 2)], 0);
  result.launch_runs_ms = launches.map((n) => Math.round(n));
  return result;
}

const results = [];
for (const map of maps) results.push(await measure(map));
for (const result of results) console.log(JSON.stringify(result));
process.exitCode = results.some((r) => r.error) ? 1 : 0;
