// Runs the specs one at a time (each starts its own display and app; two cores cannot take more).
// WAYMARK_E2E_ORDER picks the order, so a spec that leans on what another left behind shows up:
//
//   npm test                                   name order
//   WAYMARK_E2E_ORDER=reverse npm test         the other way round
//   WAYMARK_E2E_ORDER=shuffle npm test         a random order; the seed is printed
//   WAYMARK_E2E_ORDER=shuffle:1234 npm test    that seed's order again
//
// Arguments narrow the run to specs whose file name contains one of them: `npm test -- voting`.
// (`node --test` given files sorts them by name, so the order is set here through `run`.)

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';
import { generator } from './random.mjs';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'specs');
const wanted = process.argv.slice(2);
const named = readdirSync(folder)
  .filter((name) => name.endsWith('.test.mjs'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort();
if (named.length === 0) {
  console.error(`no spec in ${folder} matches ${wanted.join(', ')}`);
  process.exit(2);
}

function ordered(names, order) {
  if (order === '' || order === 'name') return names;
  if (order === 'reverse') return [...names].reverse();
  const shuffle = /^shuffle(?::(\d+))?$/.exec(order);
  if (!shuffle) {
    console.error(`WAYMARK_E2E_ORDER=${order}: use name, reverse, shuffle or shuffle:SEED`);
    process.exit(2);
  }
  const seed = shuffle[1] === undefined ? Math.floor(Math.random() * 1e9) : Number(shuffle[1]);
  console.log(`shuffled with seed ${seed} (WAYMARK_E2E_ORDER=shuffle:${seed} repeats it)`);
  const random = generator(seed);
  const out = [...names];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const files = ordered(named, process.env.WAYMARK_E2E_ORDER ?? '');
console.log(`order: ${files.map((name) => name.replace('.test.mjs', '')).join(', ')}`);
const stream = run({ files: files.map((name) => path.join(folder, name)), concurrency: 1 });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.compose(spec).pipe(process.stdout);
