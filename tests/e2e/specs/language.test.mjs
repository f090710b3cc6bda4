// Three languages on the real app: the first launch follows the OS locale (LANG=de_DE → German),
// Polski from the View menu changes every string at once and formats numbers the Polish way, the
// choice outlives a relaunch under the same German locale, and English comes back from the menu.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openApp, waymark } from '../harness.mjs';

let app;
let dir;
let file;
let env;

const byTest = (id) => app.browser.$(`[data-testid="${id}"]`);
const textOf = async (selector) => (await app.browser.$(selector)).getText();
/** Text as shown, with the narrow and plain no-break spaces Intl puts before "%" made plain. */
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ');
const toolbarButton = (label) => app.browser.$(`//div[@role="toolbar"]//button[normalize-space()="${label}"]`);
const saved = () => {
  const store = path.join(dir, 'config', 'app.waymark.desktop', 'preferences.json');
  return existsSync(store) ? JSON.parse(readFileSync(store, 'utf8')).language : undefined;
};

/** Header buttons whose label does not fit (clipped or cut short), and whether the header overflows. */
const headerFit = () =>
  app.browser.execute(() => {
    const header = document.querySelector('header.bar');
    const clipped = [...header.querySelectorAll('button')].filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1);
    return { clipped: clipped.map((b) => b.textContent.trim()), overflows: header.scrollWidth > header.clientWidth + 1 };
  });

async function chooseLanguage(code) {
  await (await byTest('menu-view')).click();
  const item = await byTest(`language-${code}`);
  await item.waitForDisplayed();
  await item.click();
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-language-'));
  file = path.join(dir, 'Kundenreise.waymark');
  waymark('new', file, '--template', 'cx-phases', '--name', 'Kundenreise');
  env = { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir, LANG: 'de_DE.UTF-8' };
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a German OS locale and no saved choice: the start screen and the editor speak German', async () => {
  app = await openApp({ failures: 'language', env });
  await app.until('the German start screen', async () => (await textOf('#new-title')) === 'Neues Projekt');
  assert.equal(await textOf('#open-title'), 'Öffnen');
  assert.match(await (await byTest('menu-language')).getText(), /Deutsch/);
  await app.screenshot('language-start-de');

  await (await byTest('open-path')).setValue(file);
  await (await byTest('open-path-submit')).click();
  await app.waitForMap();
  assert.equal(await (await byTest('menu-file')).getText(), 'Datei');
  assert.equal(await (await byTest('menu-view')).getText(), 'Ansicht');
  assert.equal(await (await toolbarButton('Einpassen')).isExisting(), true, 'the Fit button says Einpassen');
  assert.equal(await textOf('button.export-button'), 'Exportieren…');
  assert.equal(plain(await (await byTest('zoom')).getText()), '100 %');
  assert.equal(saved(), undefined, 'nothing is saved until the user chooses');
  assert.deepEqual(await headerFit(), { clipped: [], overflows: false }, 'German labels fit the header');
  await app.screenshot('language-de');

  // Long German words in the narrow places: the shortcut sheet and the persona panel.
  await app.browser.$('.stage-corner').click();
  await app.browser.keys(['?']);
  await (await byTest('shortcut-sheet')).waitForDisplayed();
  assert.match(await (await byTest('shortcut-sheet')).getText(), /Tastenkürzel[\s\S]*Strg\+Z/);
  await app.screenshot('language-de-shortcuts');
  await app.browser.keys(['Escape']);
  await app.browser.$('[data-cell="Touchpoints:Notices the need"]').doubleClick();
  const editorField = await byTest('card-editor');
  await editorField.waitForDisplayed();
  await editorField.addValue('Werbung im Radio');
  await app.browser.keys(['Enter']);
  await app.browser.$('[data-cell="Touchpoints:Notices the need"] [data-card]').click();
  await app.until('the card in the German inspector', async () => /Erwartete Qualität/.test(await (await byTest('inspector')).getText()));
  await app.screenshot('language-de-inspector');
  await (await byTest('personas-button')).click();
  await (await byTest('add-persona')).click();
  await (await byTest('persona-editor')).waitForDisplayed();
  assert.match(await (await byTest('persona-editor')).getText(), /Rationale Haltung/);
  await app.screenshot('language-de-persona');
  await (await byTest('persona-panel-close')).click();
});

test('Polski from the View menu: Polish at once, numbers the Polish way, and remembered', async () => {
  await chooseLanguage('pl');
  await app.until('Polish menus', async () => (await (await byTest('menu-file')).getText()) === 'Plik');
  assert.equal(await (await byTest('menu-view')).getText(), 'Widok');
  assert.equal(await (await toolbarButton('Dopasuj')).isExisting(), true);
  assert.equal(await textOf('button.export-button'), 'Eksportuj…');
  assert.equal(plain(await (await byTest('zoom')).getText()), '100%');
  await app.until('the choice saved', async () => saved() === 'pl');
  assert.deepEqual(await headerFit(), { clipped: [], overflows: false }, 'Polish labels fit the header');

  // Polish decimals have a comma: US Letter is 215,9 × 279,4 mm.
  await app.browser.$('button.export-button').click();
  const paper = await app.browser.$('select[name="paper"]');
  await paper.waitForDisplayed();
  await paper.selectByAttribute('value', 'letter');
  await app.until('the sheet in Polish', async () => (await textOf('dialog.export')).includes('Letter pionowo') || (await textOf('dialog.export')).includes('Letter poziomo'));
  assert.match(plain(await textOf('dialog.export')), /215,9 × 279,4 mm|279,4 × 215,9 mm/);
  assert.match(await textOf('#export-title'), /Eksport do PDF/);
  await app.screenshot('language-pl-export');
  await app.browser.keys(['Escape']);
  await app.until('the dialog closed', async () => !(await app.browser.$('dialog.export').isExisting()));

  await (await byTest('menu-view')).click();
  await (await byTest('language-pl')).waitForDisplayed();
  assert.equal(await (await byTest('language-pl')).getAttribute('aria-checked'), 'true');
  await app.screenshot('language-pl-menu');
  await app.browser.keys(['Escape']);
  await app.screenshot('language-pl');
});

test('a relaunch under the German locale stays Polish; English comes back from the menu', async () => {
  await app.close();
  app = await openApp({ failures: 'language', file, env });
  await app.waitForMap();
  assert.equal(await (await byTest('menu-file')).getText(), 'Plik');
  assert.equal(await (await byTest('menu-edit')).getText(), 'Edycja');

  await chooseLanguage('en');
  await app.until('English menus', async () => (await (await byTest('menu-file')).getText()) === 'File');
  assert.equal(await (await toolbarButton('Fit')).isExisting(), true);
  assert.equal(plain(await (await byTest('zoom')).getText()), '100%');
  await app.until('English saved', async () => saved() === 'en');
});

test('on the start screen the corner menu switches the language, and the recent file’s date follows it', async () => {
  await app.close();
  app = await openApp({ failures: 'language', env });
  await app.until('the English start screen', async () => (await textOf('#new-title')) === 'New project');
  // Inside a button WebKit's driver reads no text of the second line; its content is what shows.
  const dateText = async () => (await byTest('recent-0-date')).getProperty('textContent');
  await app.until('an English date such as Dec 1, 2026', async () => /[A-Z][a-z]{2} \d{1,2}, \d{4}/.test(await dateText()));

  await (await byTest('menu-language')).click();
  await (await byTest('language-de')).waitForDisplayed();
  await (await byTest('language-de')).click();
  await app.until('the German start screen', async () => (await textOf('#new-title')) === 'Neues Projekt');
  await app.until('a German date such as 01.12.2026', async () => /\d{2}\.\d{2}\.\d{4}/.test(await dateText()));
  await app.until('German saved', async () => saved() === 'de');
  await app.screenshot('language-start-recent-de');
});
