import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The counter kiosk (index.html) and the QR survey page, built into dist/admin and served under /kiosk/. */
export default defineConfig({
  root: here('.'),
  base: '/admin/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: here('../dist/admin'),
    emptyOutDir: true,
    target: 'es2019',
    rollupOptions: { input: { index: here('index.html') } },
  },
});
