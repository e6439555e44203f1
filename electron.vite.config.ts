import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three builds: the main process (the Electron entry and the preview host, which share every
 * service), the sandboxed preload (bundled to CommonJS, as a sandboxed preload must be) and the
 * renderer. Dependencies stay external in main, so the native SQLite module loads from node_modules.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/index.ts'),
          preview: resolve(import.meta.dirname, 'src-main/preview/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    // Relative asset paths: Electron loads the page from a file, the preview host from '/'.
    base: './',
    plugins: [react()],
    // The NHS.UK icons the styles use are bundled from the package, never fetched.
    resolve: { alias: { '@nhsuk-assets': resolve(import.meta.dirname, 'node_modules/nhsuk-frontend/dist/nhsuk/assets') } },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
    },
  },
});
