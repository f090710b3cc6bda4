import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The desktop shell serves ui/dist from inside its binary; there is no dev server in the loop.
export default defineConfig({
  plugins: [svelte()],
  server: {
    // Noto Sans is referenced from assets/fonts, one folder above ui/.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    // Everything becomes files, never inline data: URLs, so the strict CSP needs no exceptions.
    assetsInlineLimit: 0,
    // dist/.vite/license.md: the licences of the npm packages bundled in, for the installers.
    license: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/lib/i18n/all-languages.test-util.ts'],
  },
});
