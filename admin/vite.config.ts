import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Prints the gzipped size of the JavaScript the dashboard loads, against its 150 KB budget. */
function gzipReport(budgetKb: number): Plugin {
  return {
    name: 'admin-gzip-report',
    apply: 'build',
    writeBundle(options, bundle) {
      // The files as written (as test/e2e/admin-assets.test.ts measures them).
      let total = 0;
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk') total += gzipSync(readFileSync(path.join(options.dir!, name)), { level: 9 }).length;
      }
      this.info(`admin JS (gzip): ${(total / 1024).toFixed(1)} KB of ${budgetKb} KB`);
    },
  };
}

/** The admin dashboard (index.html), built into dist/admin and served under /admin/. */
export default defineConfig({
  root: here('.'),
  base: '/admin/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [gzipReport(150)],
  build: {
    outDir: here('../dist/admin'),
    emptyOutDir: true,
    target: 'es2019',
    rollupOptions: { input: { index: here('index.html') } },
  },
});
