// File → Import CSV grid… in the real German window. The native file dialogs cannot be driven
// here, so the menu entry is checked on screen and the command behind it is called through the
// window's own IPC (its capability must allow it); the project it writes is read with the CLI.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openDemo, waymark } from '../harness.mjs';

let opened;

before(async () => {
  opened = await openDemo({ failures: 'import-grid', env: { LANG: 'de_DE.UTF-8' } });
});

after(() => opened?.close());

test('the German File menu offers the grid import', async () => {
  const { browser } = opened.app;
  await browser.$('[data-testid="menu-file"]').click();
  const item = await browser.$('button*=CSV-Raster importieren');
  await item.waitForDisplayed({ timeout: 5000 });
  await opened.app.screenshot('import-grid-menu');
  await browser.keys('Escape');
});

test('a grid imported through the window’s IPC in German is a German project, opened', async () => {
  const { browser } = opened.app;
  const grid = path.join(opened.dir, 'Tarifwechsel.csv');
  writeFileSync(grid, 'stage,Suche,Kauf\nstep,Vergleicht Tarife,Bestellt\n[Schmerzpunkte],Zu viele Tarife,\n');
  const target = path.join(opened.dir, 'Tarifwechsel.waymark');
  const view = await browser.executeAsync((grid, target, done) => {
    window.__TAURI_INTERNALS__
      .invoke('import_grid', { grid, path: target, locale: 'de' })
      .then((view) => done({ fileName: view.fileName, locale: view.project.info.locale }))
      .catch((error) => done({ error }));
  }, grid, target);
  assert.deepEqual(view, { fileName: 'Tarifwechsel.waymark', locale: 'de' });
  await opened.app.until('the window titled after the new project', async () =>
    opened.app.windowTitles().some((title) => title.startsWith('Tarifwechsel.waymark')),
  );
  const info = JSON.parse(waymark('info', target, '--json'));
  assert.equal(info.locale, 'de');
  assert.deepEqual(info.journeys[0].lanes, ['Schmerzpunkte']);
});
