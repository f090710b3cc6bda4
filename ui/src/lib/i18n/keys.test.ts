import { describe, expect, it } from 'vitest';
import { formatChord } from '../actions';
import { LANGUAGES, formatList, formatNumber, languageOf, pickLanguage, resources, setLanguage, t } from './index.svelte';

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const all = resources();
const flat = Object.fromEntries(LANGUAGES.map(({ code }) => [code, flatten(all[code])])) as Record<string, Map<string, string>>;
/** A key without its plural suffix: "votes.count_few" → "votes.count". */
const base = (key: string) => key.replace(PLURAL, '');
const bases = (code: string) => new Set([...flat[code].keys()].map(base));

/** Every source file of the UI (locale files and generated bindings aside), as text. */
const SOURCES = import.meta.glob<string>(['../../**/*.svelte', '../../**/*.ts', '!../../**/*.test.ts', '!../../lib/bindings/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('translations', () => {
  it('every language has every key the others have', () => {
    for (const { code } of LANGUAGES) {
      for (const other of LANGUAGES) {
        const missing = [...bases(other.code)].filter((key) => !bases(code).has(key));
        expect(missing, `keys in ${other.code} missing from ${code}`).toEqual([]);
      }
    }
  });

  it('every plural has the forms its language needs', () => {
    for (const { code } of LANGUAGES) {
      const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      const plurals = new Set([...flat[code].keys()].filter((k) => PLURAL.test(k)).map(base));
      for (const key of [...bases(code)].filter((k) => [...bases('en')].includes(k))) {
        const isPlural = [...LANGUAGES].some((l) => [...flat[l.code].keys()].some((k) => PLURAL.test(k) && base(k) === key));
        if (!isPlural) continue;
        expect(plurals.has(key), `${code}: ${key} should be a plural`).toBe(true);
        for (const form of needed) expect(flat[code].has(`${key}_${form}`), `${code}: ${key}_${form}`).toBe(true);
      }
    }
  });

  it('no string is empty', () => {
    for (const { code } of LANGUAGES) {
      for (const [key, value] of flat[code]) expect(value.trim(), `${code}: ${key}`).not.toBe('');
    }
  });

  it("every key the code asks for with t('…') exists", () => {
    const known = bases('en');
    const asked = new Set<string>();
    expect(Object.keys(SOURCES).length).toBeGreaterThan(20);
    for (const text of Object.values(SOURCES)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-z][\w-]*\.[\w.-]+)'/g)) asked.add(m[1]);
    }
    expect(asked.size).toBeGreaterThan(100);
    const missing = [...asked].filter((key) => !known.has(key));
    expect(missing).toEqual([]);
  });

  it('every key kept in a table (any quoted "<feature>.<key>" string) exists, and no key is built at run time', () => {
    const features = new Set(Object.keys(all.en));
    const known = bases('en');
    const missing: string[] = [];
    for (const [file, text] of Object.entries(SOURCES)) {
      for (const m of text.matchAll(/'([a-z][\w-]*)\.([a-z][\w.-]*)'/g)) {
        if (features.has(m[1]) && !known.has(`${m[1]}.${m[2]}`)) missing.push(`${file}: ${m[1]}.${m[2]}`);
      }
      // A key made from pieces escapes both checks above.
      for (const m of text.matchAll(/\bt\(\s*`[^`]*\$\{/g)) missing.push(`${file}: a key built at run time near ${m[0]}`);
    }
    expect(missing).toEqual([]);
  });

  it('switches language at run time and formats per locale', () => {
    setLanguage('de');
    expect(t('common.cancel')).toBe('Abbrechen');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    setLanguage('pl');
    expect(t('common.delete')).toBe('Usuń');
    setLanguage('en');
    expect(t('common.cancel')).toBe('Cancel');
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('picks the language from an OS locale', () => {
    expect(languageOf('de_DE.UTF-8')).toBe('de');
    expect(languageOf('pl-PL')).toBe('pl');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf(null)).toBe('en');
  });

  it('starts in the saved language, else the OS locale’s, else English', () => {
    expect(pickLanguage('pl', 'de_DE.UTF-8')).toBe('pl');
    expect(pickLanguage(null, 'de_DE.UTF-8')).toBe('de');
    expect(pickLanguage('fr', 'pl-PL')).toBe('pl');
    expect(pickLanguage(undefined, 'C')).toBe('en');
  });

  it('counts in Polish with one, few and many forms, and joins lists per language', () => {
    setLanguage('pl');
    expect([1, 2, 5, 22, 25].map((count) => t('edit.cards', { count }))).toEqual(['1 karta', '2 karty', '5 kart', '22 karty', '25 kart']);
    expect(formatList(['a', 'b', 'c'])).toBe('a, b i c');
    setLanguage('de');
    expect(t('edit.cards', { count: 1 })).toBe('1 Karte');
    expect(formatList(['a', 'b'])).toBe('a und b');
    expect(formatChord('Mod+Shift+Z')).toBe('Strg+Shift+Z');
    setLanguage('en');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(formatChord('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
  });
});
