import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The regular and bold faces are asked for while the page is parsed. Otherwise WebKit requests
 * a web font only when a layout first needs it, which is the map's own first layout: the font
 * then arrives while the map is being built and the whole map is laid out again in its first
 * frame. (Italic is rare on the map and stays on demand.)
 */
function preloadFonts(): Plugin {
  return {
    name: 'waymark-preload-fonts',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const fonts = Object.keys(context.bundle ?? {}).filter((file) => /NotoSans-(Regular|Bold)-[\w-]+\.ttf$/.test(file));
        return fonts.map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `/${file}`, as: 'font', type: 'font/ttf', crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

// The desktop shell serves ui/dist from inside its binary; there is no dev server in the loop.
export default defineConfig({
  plugins: [svelte(), preloadFonts()],
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
