/**
 * Build step for the kiosk (runs in vite, in Node): writes sw.js with the
 * exact list of files the kiosk page needs, and prints the kiosk's gzipped
 * JavaScript against its 30 KB budget.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { transformWithEsbuild, type Plugin } from 'vite';
import type { OutputBundle } from 'rollup';

export const KIOSK_JS_BUDGET_BYTES = 30 * 1024;

export function kioskShellPlugin(opts: {
  serviceWorkerSource: string;
  page?: string;
  /** Bundle files the page does not link but the shell needs (the manifest's icons). */
  extra?: (file: string) => boolean;
}): Plugin {
  const page = opts.page ?? 'index.html';
  let base = '/';
  return {
    name: 'hai-long-kiosk-shell',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      base = c.base;
    },
    async generateBundle(_options, bundle) {
      const html = bundle[page];
      if (!html || html.type !== 'asset') return this.error(`${page} is missing from the kiosk bundle`);
      const extra = opts.extra ? Object.keys(bundle).filter(opts.extra) : [];
      const files = [...new Set([...shellFiles(String(html.source), bundle, base), ...extra])].sort();
      const version = createHash('sha256').update(files.join('|')).digest('hex').slice(0, 12);
      const { code } = await transformWithEsbuild(readFileSync(opts.serviceWorkerSource, 'utf8'), opts.serviceWorkerSource, {
        loader: 'ts',
        minify: true,
        target: 'es2019',
        define: { __SHELL__: JSON.stringify([base, ...files.map((f) => base + f)]), __SHELL_VERSION__: JSON.stringify(version) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });

      const sizes = files
        .filter((f) => f.endsWith('.js'))
        .map((f) => {
          const out = bundle[f];
          return [f, gzipSize(out.type === 'chunk' ? out.code : String(out.source))] as const;
        });
      sizes.push(['sw.js', gzipSize(code)]);
      const total = sizes.reduce((n, [, s]) => n + s, 0);
      const detail = sizes.map(([f, s]) => `${f} ${kb(s)}`).join(', ');
      const verdict = total <= KIOSK_JS_BUDGET_BYTES ? 'within' : 'OVER';
      console.log(`kiosk JS (gzip): ${kb(total)} — ${verdict} the ${kb(KIOSK_JS_BUDGET_BYTES)} budget [${detail}]`);
    },
  };
}

/** The page's scripts, styles and preloads, plus every chunk and stylesheet they import. Paths relative to the output dir. */
function shellFiles(html: string, bundle: OutputBundle, base: string): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file) || !bundle[file]) return;
    found.add(file);
    const out = bundle[file];
    if (out.type !== 'chunk') return;
    out.imports.forEach(visit);
    const meta = (out as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata;
    meta?.importedCss.forEach(visit);
    meta?.importedAssets.forEach(visit);
  };
  for (const m of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
    if (m[1].startsWith(base)) visit(m[1].slice(base.length));
  }
  return [...found].sort();
}

const gzipSize = (s: string): number => gzipSync(s, { level: 9 }).length;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
