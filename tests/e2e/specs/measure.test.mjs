// Measured touchpoints in the real window on the demo project: survey responses drawn from a
// known model are imported through File → Import survey results… (path typed in the dialog, as
// the native file dialog cannot be driven), the preview lists the row it cannot match, Import
// brings the rest in as one undoable step, the map shows a sparkline and the measured gap, and the
// KPI view places each touchpoint in the quadrant the model puts it in and sorts its table.
// Screenshots go to out/e2e/measure-*.png.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDemo, repo, waymark } from '../harness.mjs';
import { generator } from '../random.mjs';

let opened;
let app;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const until = (what, check, timeout = 15000) => app.until(what, check, timeout);

const demo = JSON.parse(readFileSync(path.join(repo, 'assets/demo/demo.json'), 'utf8')).project;
const touchpoint = (start) => demo.cards.find((c) => c.text.startsWith(start));
const HOTLINE = touchpoint('Lumo hotline: 40 minutes wait');
const STORE = touchpoint('Lumo store, Leipzig');
const SMS = touchpoint('SMS and push notification');
const TARIFF = touchpoint('Lumo tariff page');

/**
 * The model: each respondent's overall satisfaction o is 1–5. The hotline follows it a point
 * or two lower (important, poor: fix first), the store a point higher half the time (important,
 * good: keep up), the SMS is rated 3–5 at random (unimportant, good: possible overkill), the tariff page
 * 1–3 at random (unimportant, poor: low priority).
 */
function responses() {
  const random = generator(42);
  const pick = (low, high) => low + Math.floor(random() * (high - low + 1));
  const quote = (text) => `"${text.replaceAll('"', '""')}"`;
  const lines = ['respondent,response,touchpoint,date,satisfaction,expectation,overall'];
  for (let r = 0; r < 240; r++) {
    const o = pick(1, 5);
    const month = String(1 + (r % 6)).padStart(2, '0');
    const date = `2026-${month}-${String(pick(1, 28)).padStart(2, '0')}`;
    // The hotline gets worse after March and the store better, so their sparklines slope.
    const later = r % 6 >= 3;
    const rows = [
      [HOTLINE, Math.max(1, o - 1 - (later && random() < 0.5 ? 1 : 0)), 4, o],
      [STORE, random() < 0.5 ? Math.min(5, o + 1) : later ? 5 : pick(3, 5), 4, ''],
      [SMS, pick(3, 5), 3, ''],
      [TARIFF, pick(1, 3), 3, ''],
    ];
    rows.forEach(([card, s, e, overall], i) => lines.push(`R${r},R${r}-${i},${quote(card.text)},${date},${s},${e},${overall}`));
  }
  lines.push('R999,R999-0,Carrier pigeon,2026-03-01,4,4,4');
  return `${lines.join('\n')}\n`;
}

before(async () => {
  opened = await openDemo({ failures: 'measure' });
  app = opened.app;
});

after(() => opened?.close());

test('File → Import survey results… previews the file, lists what cannot be imported, and imports the rest', async () => {
  const csv = path.join(opened.dir, 'survey.csv');
  writeFileSync(csv, responses());
  await byTest('menu-file').click();
  const item = await app.browser.$('button*=Import survey results');
  await item.waitForDisplayed({ timeout: 5000 });
  await item.click();
  await byTest('survey-dialog').waitForDisplayed({ timeout: 5000 });
  await byTest('survey-path').setValue(csv);
  await byTest('survey-read').click();
  await byTest('survey-counts').waitForDisplayed({ timeout: 20000 });
  const count = async (name) => (await app.browser.$(`[data-count="${name}"]`).getText()).replace(/\D/g, '');
  assert.equal(await count('rows'), '961');
  assert.equal(await count('matched'), '960');
  assert.equal(await count('unmatched'), '1');
  const problems = await byTest('survey-problems').getText();
  assert.match(problems, /Row 962/);
  assert.match(problems, /Carrier pigeon/);
  await app.screenshot('measure-preview');
  // Nothing is in the file before the import is accepted.
  assert.deepEqual(JSON.parse(waymark('kpis', opened.file, '--json')), []);
  const accept = await byTest('survey-accept');
  assert.match(await accept.getText(), /Import 960 rows, skip 1/);
  await accept.click();
  await until('the dialog closed', async () => !(await byTest('survey-dialog').isExisting()));
  const kpis = JSON.parse(waymark('kpis', opened.file, '--json'));
  assert.equal(kpis.length, 4);
  assert.deepEqual(kpis.map((k) => k.n), [240, 240, 240, 240]);
});

test('the KPI view places each touchpoint in the quadrant of the model and sorts its table', async () => {
  await byTest('kpi-button').click();
  await byTest('kpi-chart').waitForDisplayed({ timeout: 10000 });
  await until('four points', async () => (await app.browser.$$('[data-testid="kpi-point"]')).length === 4);
  const quadrants = await app.browser.execute(() =>
    Object.fromEntries([...document.querySelectorAll('[data-testid="kpi-point"]')].map((p) => [p.dataset.card, p.getAttribute('class')])),
  );
  assert.match(quadrants[HOTLINE.id], /fix-first/);
  assert.match(quadrants[STORE.id], /keep-up/);
  assert.match(quadrants[SMS.id], /overkill/);
  assert.match(quadrants[TARIFF.id], /\blow\b/);
  const labels = await app.browser.execute(() => [...document.querySelectorAll('[data-quadrant]')].map((q) => q.textContent));
  assert.deepEqual(labels.sort(), ['Fix first', 'Keep up', 'Low priority', 'Possible overkill']);
  const order = () => app.browser.execute(() => [...document.querySelectorAll('[data-testid="kpi-row"]')].map((r) => r.dataset.card));
  // Sorted by importance first: the hotline follows overall satisfaction most closely.
  assert.equal((await order())[0], HOTLINE.id);
  await app.screenshot('measure-kpis');
  // The table sorts by the core's figures, highest first, then lowest first.
  const bySatisfaction = JSON.parse(waymark('kpis', opened.file, '--json'))
    .sort((a, b) => b.satisfaction.value - a.satisfaction.value)
    .map((k) => demo.cards.find((c) => c.text === k.touchpoint).id);
  await app.browser.$('th button[data-sort="satisfaction"]').click();
  await until('sorted by satisfaction, highest first', async () => (await order()).join() === bySatisfaction.join());
  await app.browser.$('th button[data-sort="satisfaction"]').click();
  await until('then lowest first', async () => (await order()).join() === [...bySatisfaction].reverse().join());
  await byTest('kpi-close').click();
  await until('the KPI view closed', async () => !(await byTest('kpi-view').isExisting()));
});

test('the map shows the measured gap with its n and a sparkline on each measured touchpoint', async () => {
  const card = app.browser.$(`[data-card="${HOTLINE.id}"] [data-testid="sparkline"]`);
  await until('a sparkline on the hotline card', () => card.isExisting());
  const measuredGaps = await app.browser.execute(() =>
    [...document.querySelectorAll('[data-testid="gap-row"] [data-measured]')].map((b) => b.dataset.measured),
  );
  assert.ok(measuredGaps.includes('240'), `measured gaps: ${measuredGaps}`);
  // Zoomed out, the gap row and the touchpoint lane fit on one screen.
  const zoomOut = await app.browser.$('button[aria-label="Zoom out"]');
  await zoomOut.click();
  await zoomOut.click();
  await app.browser.$(`[data-card="${HOTLINE.id}"]`).scrollIntoView({ block: 'end', inline: 'center' });
  await app.screenshot('measure-map');
});

test('undo takes the whole import back out of the file', async () => {
  await byTest('undo').click();
  await until('no measurements left in the file', () => JSON.parse(waymark('kpis', opened.file, '--json')).length === 0);
  await until('no sparkline left', async () => !(await app.browser.$('[data-testid="sparkline"]').isExisting()));
});

test('a touchpoint’s measuring key is typed in Properties and kept in the file', async () => {
  // Back to 100 %: WebKit places clicks wrongly on a zoomed map (the map spec zoomed out).
  await byTest('zoom').click();
  await until('the map at 100 %', async () => (await byTest('zoom').getText()) === '100%');
  const card = app.browser.$(`.card[data-card="${HOTLINE.id}"]`);
  await card.scrollIntoView({ block: 'center', inline: 'center' });
  await card.click();
  const field = await byTest('measure-key');
  await field.waitForDisplayed({ timeout: 5000 });
  await field.setValue('TP-HOT');
  await app.browser.keys('Tab');
  const stored = () => {
    const out = path.join(opened.dir, `read-${Date.now()}.json`);
    waymark('export', opened.file, '-o', out);
    return JSON.parse(readFileSync(out, 'utf8')).project.cards.find((c) => c.id === HOTLINE.id).measure_key;
  };
  await until('the key in the file', () => stored() === 'TP-HOT');
  await app.screenshot('measure-key');
});
