// Builds the web app into dist/web: hashed files under assets/, index.html
// referencing them by URL only (no inline script, so the CSP can forbid it).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Never data: URLs or inline chunks: every asset is a file the CSP's 'self' allows.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
