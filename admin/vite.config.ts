import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { faviconPlugin } from '../kiosk/build/manifest-plugin';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Prints the gzipped size of the JavaScript the dashboard ships: the first
 * load against its 150 KB budget (the frame — the entry and its static
 * imports — plus the overview, the default screen, with its own; as
 * test/e2e/admin-assets.test.ts measures it), each screen's lazily loaded
 * chunks, and the total of every chunk.
 */
function gzipReport(budgetKb: number): Plugin {
  return {
    name: 'admin-gzip-report',
    apply: 'build',
    writeBundle(options, bundle) {
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      // The files as written.
      const size = new Map<string, number>();
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type === 'chunk') size.set(name, gzipSync(readFileSync(path.join(options.dir!, name)), { level: 9 }).length);
      }
      const total = [...size.values()].reduce((a, b) => a + b, 0);
      const frame = new Set<string>();
      const visit = (name: string) => {
        const c = bundle[name];
        if (frame.has(name) || !c || c.type !== 'chunk') return;
        frame.add(name);
        c.imports.forEach(visit);
      };
      for (const [name, c] of Object.entries(bundle)) if (c.type === 'chunk' && c.isEntry) visit(name);
      const frameSize = [...frame].reduce((a, n) => a + (size.get(n) ?? 0), 0);
      for (const name of Object.keys(bundle)) if (/^assets\/view-overview-/.test(name)) visit(name);
      const firstSize = [...frame].reduce((a, n) => a + (size.get(n) ?? 0), 0);
      const views = [...size].filter(([n]) => !frame.has(n)).map(([n, b]) => `${n.replace(/^assets\//, '')} ${kb(b)}`);
      this.info(
        `admin JS (gzip): first load ${kb(firstSize)} of ${budgetKb} KB (frame ${kb(frameSize)} + overview); ` +
          `later screens: ${views.join(', ') || 'none'}; all chunks ${kb(total)}`,
      );
    },
  };
}

/** The admin dashboard (index.html), built into dist/admin and served under /admin/. */
export default defineConfig({
  root: here('.'),
  base: '/admin/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [gzipReport(150), faviconPlugin()],
  build: {
    outDir: here('../dist/admin'),
    emptyOutDir: true,
    target: 'es2019',
    rollupOptions: {
      input: { index: here('index.html') },
      output: {
        // A screen's chunk is named after its folder (views/<screen>/index.tsx → view-<screen>-….js), not "index".
        chunkFileNames: (chunk) => {
          const screen = chunk.facadeModuleId?.match(/[\\/]views[\\/]([^\\/]+)[\\/]index\.tsx$/)?.[1];
          return screen ? `assets/view-${screen}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
});
