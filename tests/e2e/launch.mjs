// node launch.mjs FILE.waymark [RUNS] — opens the app (WAYMARK_APP, e.g. the release build) on FILE
// under Xvfb RUNS times and prints, per run, the marks the performance spec reads: the project
// received, the map mounted and its first frame rendered, in ms after the page's navigation start.
// For docs/performance.md; asserts only that the map was painted.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from './harness.mjs';

const [file, runs = '3'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node launch.mjs FILE.waymark [RUNS]');
  process.exit(2);
}

const names = ['project-received', 'map-mounted', 'map-painted'];
const painted = [];
for (let run = 1; run <= Number(runs); run++) {
  const home = mkdtempSync(path.join(tmpdir(), 'waymark-launch-'));
  const app = await openApp({ file, env: { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config') } });
  try {
    await app.waitForMap(30000);
    await app.browser.waitUntil(() => app.browser.execute(() => performance.getEntriesByName('waymark:map-painted').length > 0), { timeout: 30000 });
    const marks = await app.browser.execute(
      (names) => names.map((n) => Math.round(performance.getEntriesByName(`waymark:${n}`)[0]?.startTime ?? NaN)),
      names,
    );
    painted.push(marks[2]);
    console.log(`run ${run}: ${names.map((n, i) => `${n} ${marks[i]} ms`).join(', ')}`);
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
}
const sorted = [...painted].sort((a, b) => a - b);
console.log(`${path.basename(file)}: first frame rendered, median ${sorted[Math.floor(sorted.length / 2)]} ms of ${sorted.length} runs (${sorted.join(', ')})`);
