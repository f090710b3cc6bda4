// One translation library for the whole UI (i18next). Each feature keeps its strings in
// src/locales/<language>/<feature>.json; a key is "<feature>.<key>". `t` reads the current
// language from a rune, so every string on screen follows a switch at run time.
import i18next, { type TOptions } from 'i18next';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'pl', name: 'Polski' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

type Tree = { [key: string]: string | Tree };

/** Every locale file, by language and feature: `{ en: { menu: {...} } }`. */
export function resources(): Record<Language, Tree> {
  const files = import.meta.glob<Tree>('../../locales/*/*.json', { eager: true, import: 'default' });
  const out: Record<string, Tree> = { en: {}, de: {}, pl: {} };
  for (const [path, tree] of Object.entries(files)) {
    const match = /locales\/([a-z]+)\/([\w-]+)\.json$/.exec(path);
    if (match && match[1] in out) out[match[1]][match[2]] = tree;
  }
  return out as Record<Language, Tree>;
}

const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(Object.entries(resources()).map(([lng, tree]) => [lng, { translation: tree }])),
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false }, // Svelte escapes text itself.
  returnNull: false,
});

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

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(current, options).format(value);
}

export function formatDate(value: Date | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(current, options).format(date);
}
