// node show.mjs FILE.waymark OUT.png — opens the real app on FILE under Xvfb, waits until the map
// has rendered, and captures the display. Exits non-zero when the window did not render the map.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openApp } from './harness.mjs';

const [file, out] = process.argv.slice(2);
if (!file || !out) {
  console.error('usage: node show.mjs FILE.waymark OUT.png');
  process.exit(2);
}

const app = await openApp({ file });
try {
  await app.waitForMap();
  const stages = await app.browser.$$('.stage-name').map((el) => el.getText());
  if (stages.length === 0) throw new Error('the window shows no stages');
  // Fonts and images decode after the DOM exists: wait until they have.
  await app.browser.waitUntil(
    () => app.browser.execute(() => document.fonts.status === 'loaded' && [...document.images].every((img) => img.complete)),
    { timeout: 10000, timeoutMsg: 'fonts or images never finished loading' },
  );
  const target = await app.screenshot(path.resolve(out));
  // A blank or single-colour capture means nothing was painted.
  const spread = spawnSync('convert', [target, '-format', '%[fx:standard_deviation]', 'info:'], { encoding: 'utf8' });
  if (spread.status !== 0 || !(Number(spread.stdout) > 0.02)) {
    throw new Error(`the capture ${target} is blank (standard deviation ${spread.stdout.trim() || 'unknown'})`);
  }
  console.log(`stages on screen: ${stages.join(', ')}`);
} finally {
  await app.close();
}
