// Vitest's setup (vite.config.ts): every language's strings are loaded before the tests run, as
// the app loads a language before it switches to it, so a test can switch with setLanguage.
import { LANGUAGES, loadLanguage } from './index.svelte';

await Promise.all(LANGUAGES.map(({ code }) => loadLanguage(code)));
