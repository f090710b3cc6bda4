// The UI language: picked on start from the saved choice or the OS locale, and switched from the
// View menu without a reload. The choice is kept by the shell in preferences.json.
import type { MenuItem } from '../actions';
import { LANGUAGES, language, loadLanguage, pickLanguage, setLanguage, t, type Language } from '../i18n/index.svelte';
import { preferences, saveLanguage } from '../ipc';
import { toasts } from './toasts.svelte';

/** Sets the language before the first screen shows; outside the shell (tests) it stays English. */
export async function startLanguage(): Promise<void> {
  let code: Language;
  try {
    const prefs = await preferences();
    code = pickLanguage(prefs.language, prefs.systemLocale);
  } catch {
    code = pickLanguage(null, typeof navigator === 'undefined' ? null : navigator.language);
  }
  await speak(code);
}

/** Loads a language's strings and switches to it; if they cannot be loaded, English stays. */
async function speak(code: Language): Promise<void> {
  try {
    await loadLanguage(code);
    setLanguage(code);
  } catch (error) {
    toasts.error(error);
  }
}

/** Switches as soon as the strings are there and remembers it; a failure to remember leaves the switch in place and says so. */
export async function chooseLanguage(code: Language): Promise<void> {
  await speak(code);
  try {
    await saveLanguage(code);
  } catch (error) {
    toasts.error(error);
  }
}

/** The three languages as menu entries, the current one ticked. */
export function languageItems(): MenuItem[] {
  return LANGUAGES.map((l, i) => ({
    label: l.name,
    hint: t('common.language'),
    checked: language() === l.code,
    separated: i === 0,
    testid: `language-${l.code}`,
    run: () => void chooseLanguage(l.code),
  }));
}
