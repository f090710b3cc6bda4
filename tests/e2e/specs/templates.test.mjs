// Templates on the real app: the start screen previews every template (the service blueprint
// with its line of visibility, the empathy map as four quadrants); a project made from the
// service blueprint shows its five lanes and the line; "Save as template…" saves the journey as
// a template of one's own, which the next start screen lists with a preview and makes a project
// from with the same stages. Screenshots: out/e2e/templates-*.png.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, waymark } from '../harness.mjs';

const BLUEPRINT_LANES = ['Physical evidence', 'Customer actions', 'Frontstage', 'Backstage', 'Support processes'];
const BLUEPRINT_STAGES = ['Before', 'During', 'After'];

let app;
let dir;
let env;
let templatesDir;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const until = (what, check, timeout = 10000) => app.until(what, check, timeout);
const laneTitles = () => app.browser.$$('[data-lane-id]').map((el) => el.getAttribute('data-lane'));
const stageNames = () => app.browser.$$('.stage-name').map((el) => el.getText());

async function createFrom(template, name, file) {
  await byTest('start-screen').waitForDisplayed({ timeout: 15000 });
  await app.browser.$(`[data-testid="template-${template}"]`).click();
  await byTest('new-name').setValue(name);
  await byTest('new-path').clearValue();
  await byTest('new-path').setValue(file);
  await byTest('create-project').click();
  await app.waitForMap();
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-templates-'));
  // The user's templates live in the config folder: a fresh one per run.
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir };
  templatesDir = path.join(dir, 'config', 'app.waymark.desktop', 'templates');
  app = await openApp({ failures: 'templates', env });
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the start screen previews each template', async () => {
  await byTest('start-screen').waitForDisplayed({ timeout: 15000 });
  for (const name of ['blank', 'cx-phases', 'buying-journey', 'service-blueprint', 'empathy-persona']) {
    assert.ok(await byTest(`template-${name}`).isDisplayed(), `${name} is listed`);
  }
  const blueprint = byTest('template-service-blueprint');
  assert.ok(await blueprint.$('[data-testid="preview-visibility-line"]').isExisting(), 'the blueprint preview draws the line');
  assert.ok(!(await byTest('template-blank').$('[data-testid="preview-visibility-line"]').isExisting()), 'blank has no backstage');
  const quadrants = await byTest('template-empathy-persona').$$('.quadrant').map((el) => el.getProperty('textContent'));
  assert.deepEqual(quadrants, ['Says', 'Thinks', 'Does', 'Feels']);
  assert.ok(!(await byTest('own-templates').isExisting()), 'no templates of ones own yet');
  await app.screenshot('templates-start');
});

test('a service blueprint shows its five lanes and the line of visibility', async () => {
  await createFrom('service-blueprint', 'Hotel stay', path.join(dir, 'Hotel stay.waymark'));
  assert.deepEqual(await laneTitles(), BLUEPRINT_LANES);
  assert.deepEqual(await stageNames(), BLUEPRINT_STAGES);
  await app.screenshot('templates-blueprint');
  const line = byTest('visibility-line');
  await line.waitForExist();
  assert.equal((await line.getProperty('textContent')).trim(), 'Line of visibility');
  // The line lies where the frontstage lane ends and the backstage lane begins.
  const [lineY, frontBottom, backTop] = await app.browser.execute(() => {
    const rect = (selector) => document.querySelector(selector).getBoundingClientRect();
    return [
      rect('[data-testid="visibility-line"]').top,
      rect('[data-lane="Frontstage"][data-lane-id]').bottom,
      rect('[data-lane="Backstage"][data-lane-id]').top,
    ];
  });
  assert.ok(Math.abs(lineY - backTop) <= 2 && Math.abs(lineY - frontBottom) <= 2, `line at ${lineY}, lanes meet at ${frontBottom}/${backTop}`);
});

test('Save as template… names a template of ones own and refuses a taken name', async () => {
  await byTest('journey-menu').click();
  await byTest('journey-save-template').click();
  const field = byTest('save-template-name');
  await field.waitForDisplayed();
  assert.equal(await field.getValue(), 'Service blueprint', 'the journey name is offered');
  await field.clearValue();
  await field.setValue('Hotel blueprint');
  await app.screenshot('templates-save');
  await byTest('save-template-save').click();
  await until('the dialog to close', async () => !(await byTest('save-template-dialog').isExisting()));
  await until('the template file', async () => existsSync(templatesDir) && readdirSync(templatesDir).includes('hotel-blueprint.json'));

  // The same name again is refused in the dialog, and nothing more is written.
  await byTest('journey-menu').click();
  await byTest('journey-save-template').click();
  await byTest('save-template-name').waitForDisplayed();
  await byTest('save-template-name').clearValue();
  await byTest('save-template-name').setValue('hotel Blueprint');
  await byTest('save-template-save').click();
  await byTest('save-template-error').waitForDisplayed();
  assert.match(await byTest('save-template-error').getText(), /already a template named/);
  await byTest('save-template-cancel').click();
  await until('the dialog to close', async () => !(await byTest('save-template-dialog').isExisting()));
  assert.deepEqual(readdirSync(templatesDir), ['hotel-blueprint.json']);
  // The saved file is a template the CLI makes the same journey from.
  waymark('new', path.join(dir, 'cli.waymark'), '--template', path.join(templatesDir, 'hotel-blueprint.json'));
});

test('the next start screen lists the template with a preview and makes the same journey', async () => {
  await app.close();
  app = await openApp({ failures: 'templates', env });
  await byTest('start-screen').waitForDisplayed({ timeout: 15000 });
  await byTest('own-templates').waitForDisplayed();
  const mine = byTest('template-user/hotel-blueprint');
  assert.ok(await mine.isDisplayed());
  assert.match(await mine.getText(), /Hotel blueprint/);
  assert.ok(await mine.$('[data-testid="preview-visibility-line"]').isExisting(), 'its preview draws the line too');
  const previewStages = await mine.$$('.stage').map((el) => el.getProperty('textContent'));
  assert.deepEqual(previewStages, BLUEPRINT_STAGES);
  await mine.scrollIntoView();
  await app.screenshot('templates-own');

  await createFrom('user/hotel-blueprint', 'Second stay', path.join(dir, 'Second stay.waymark'));
  assert.deepEqual(await stageNames(), BLUEPRINT_STAGES);
  assert.deepEqual(await laneTitles(), BLUEPRINT_LANES);
  assert.ok(await byTest('visibility-line').isExisting());
  assert.equal(await app.browser.$$('[data-card]').length, 0, 'no cards come with a template');
});

test('in German the previews, the new project and its line of visibility are German', async () => {
  await app.close();
  app = await openApp({ failures: 'templates', env: { ...env, LANG: 'de_DE.UTF-8' } });
  await byTest('start-screen').waitForDisplayed({ timeout: 15000 });
  const blueprint = byTest('template-service-blueprint');
  await until('the German previews', async () => (await blueprint.$('[data-testid="preview-visibility-line"]').getProperty('textContent')) === 'Sichtbarkeitslinie');
  assert.deepEqual(await blueprint.$$('.stage').map((el) => el.getProperty('textContent')), ['Vorher', 'Während', 'Danach']);
  assert.deepEqual(await byTest('template-empathy-persona').$$('.quadrant').map((el) => el.getProperty('textContent')), ['Sagt', 'Denkt', 'Tut', 'Fühlt']);
  await app.screenshot('templates-start-de');

  await createFrom('service-blueprint', 'Hotelaufenthalt', path.join(dir, 'Hotelaufenthalt.waymark'));
  assert.deepEqual(await stageNames(), ['Vorher', 'Während', 'Danach']);
  assert.equal((await laneTitles())[4], 'Unterstützungsprozesse');
  assert.equal((await byTest('visibility-line').getProperty('textContent')).trim(), 'Sichtbarkeitslinie');
});
