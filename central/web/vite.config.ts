// Vite builds central's web page (issue 16) into dist/central-web/, served at `/` by
// `npm run central -- serve` (central/web-page.ts). Run by build/bundle.ts after the kiosk's renderer.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Absolute asset URLs: a view's own path (/don-vi) loads the same index.html (the fallback).
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/central-web', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
});
