// One translation library for the whole UI (i18next). Each feature keeps its strings in
// src/locales/<language>/<feature>.json; a key is "<feature>.<key>". `t` reads the current
// language from a rune, so every string on screen follows a switch at run time.
//
// English is in the bundle (it is also every other language's fallback); German and Polish are
// loaded when the UI first speaks them, so a launch does not parse strings it does not show.
import i18next, { type TOptions } from 'i18next';
import { tree, type Tree } from './tree';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'pl', name: 'Polski' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const english = tree(import.meta.glob('../../locales/en/*.json', { eager: true, import: 'default' }));
const others: Record<Exclude<Language, 'en'>, () => Promise<{ default: Tree }>> = {
  de: () => import('./languages/de'),
  pl: () => import('./languages/pl'),
};

/** Every locale file, by language and feature: `{ en: { menu: {...} } }` (for the tests of the keys). */
export function resources(): Record<Language, Tree> {
  const files = import.meta.glob('../../locales/*/*.json', { eager: true, import: 'default' });
  const byLanguage = (code: Language) => tree(Object.fromEntries(Object.entries(files).filter(([path]) => path.includes(`/locales/${code}/`))));
  return { en: byLanguage('en'), de: byLanguage('de'), pl: byLanguage('pl') };
}

const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: english } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false }, // Svelte escapes text itself.
  returnNull: false,
});

const loading = new Map<Language, Promise<void>>();

/** Makes a language's strings available; English always is. */
export function loadLanguage(code: Language): Promise<void> {
  if (code === 'en') return Promise.resolve();
  let load = loading.get(code);
  if (!load) {
    load = others[code]().then((module) => {
      instance.addResourceBundle(code, 'translation', module.default);
    });
    // A failed load may be tried again.
    load.catch(() => loading.delete(code));
    loading.set(code, load);
  }
  return load;
}

let current = $state<Language>('en');

/** The language the UI speaks now. */
export function language(): Language {
  return current;
}

/** The supported language closest to a locale such as "de-AT" or "pl_PL.UTF-8"; English otherwise. */
export function languageOf(locale: string | null | undefined): Language {
  const code = (locale ?? '').slice(0, 2).toLowerCase();
  return LANGUAGES.find((l) => l.code === code)?.code ?? 'en';
}

/** The language to start in: the one the user chose, else the OS locale's, else English. */
export function pickLanguage(saved: string | null | undefined, systemLocale: string | null | undefined): Language {
  const chosen = LANGUAGES.find((l) => l.code === saved)?.code;
  return chosen ?? languageOf(systemLocale);
}

/**
 * Switches the UI to a language whose strings are loaded (loadLanguage; English always is);
 * a string not loaded shows in English.
 */
export function setLanguage(code: Language) {
  current = code;
  if (typeof document !== 'undefined') document.documentElement.lang = code;
}

/** The translated string for a key, in the current language. */
export function t(key: string, options?: TOptions): string {
  return instance.t(key, { ...options, lng: current }) as string;
}

/** "a, b and c" in the current language. */
export function formatList(parts: string[]): string {
  if (parts.length < 2) return parts[0] ?? '';
  return t('common.list_and', { head: parts.slice(0, -1).join(', '), last: parts[parts.length - 1] });
}

// Making an Intl formatter costs far more than using one (a tenth of a millisecond or more in
// WebKit), and a map formats several numbers per card as it draws: formatters are kept per
// language and options.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatter<F>(cache: Map<string, F>, options: object | undefined, make: () => F): F {
  const key = `${current} ${options === undefined ? '' : JSON.stringify(options)}`;
  let found = cache.get(key);
  if (found === undefined) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return formatter(numberFormats, options, () => new Intl.NumberFormat(current, options)).format(value);
}

export function formatDate(value: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? String(value) : formatter(dateFormats, options, () => new Intl.DateTimeFormat(current, options)).format(date);
}
