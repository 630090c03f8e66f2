/**
 * Compiles the server to plain JavaScript, so production runs `node` alone —
 * no TypeScript loader (tsx) in the process: less memory, a faster start.
 *
 *   npm run build:server            always builds dist/server/
 *   tsx server/cli/build.ts --if-stale   what `npm start` runs first: builds the
 *                                   front ends when missing and the server when
 *                                   its sources are newer than the build
 *
 * One esbuild bundle, ESM for Node 20, packages left to node_modules (native
 * ones — better-sqlite3, sharp — cannot be bundled anyway), source maps
 * beside it (`node --enable-source-maps` names the TypeScript lines). The
 * stores stay lazily loaded chunks (splitting), so a SQLite server never
 * loads mongoose. Written to a temporary folder and swapped in whole, so a
 * server starting meanwhile never sees half a build.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { build, type Plugin } from 'esbuild';
import { BUILD_INFO_FILE, SERVER_BUILD_DIR, staleReason, type BuildInfo } from '../compiled-build';
import { DIST_DIR } from '../dist-dir';
import { PROJECT_ROOT } from '../project-root';

/**
 * Entry points, relative to the project root. server/index.ts is one too, not
 * only for `node dist/server/index.js`: as an entry its module code cannot sit
 * in start.js, so its "run as a program" check (import.meta.url against
 * argv[1]) stays false under start.js, which calls main() itself. A future
 * worker thread's file must be listed here as well (and loaded by its
 * compiled name).
 */
const ENTRY_POINTS = { start: 'server/cli/start.ts', index: 'server/index.ts' };

/** Files that change the output without being bundled: the build's own configuration. */
const CONFIG_INPUTS = ['package.json', 'tsconfig.json', 'server/cli/build.ts'];

/**
 * In a bundle every module's import.meta.url / dirname / filename is the
 * bundle's, so a path built from them points into dist/server/. Refused at
 * build time rather than found broken in production: use project-root.ts.
 * Allowed: project-root.ts itself (it searches upward, so it holds in both
 * places) and index.ts's "run as a program" check (see ENTRY_POINTS).
 */
const ALLOWED_IMPORT_META: Record<string, string[]> = {
  'server/project-root.ts': ['import.meta.dirname'],
  'server/index.ts': ['import.meta.url === `file://${process.argv[1]}`'],
};

export function moduleRelativePathGuard(): Plugin {
  return {
    name: 'module-relative-path-guard',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const file = path.relative(PROJECT_ROOT, args.path).split(path.sep).join('/');
        let checked = source;
        for (const allowed of ALLOWED_IMPORT_META[file] ?? []) checked = checked.split(allowed).join('');
        const lines = checked.split('\n');
        const errors = lines.flatMap((text, i) =>
          /\bimport\.meta\.(?:url|dirname|filename)\b/.test(text)
            ? [{ text: 'a path from import.meta would point into the bundle (dist/server/): build it from PROJECT_ROOT (server/project-root.ts)', location: { file, line: i + 1, lineText: text } }]
            : [],
        );
        return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts', errors };
      });
    },
  };
}

export async function buildServer(outDir: string = SERVER_BUILD_DIR): Promise<{ ms: number; inputs: number }> {
  const startedAt = Date.now();
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: tmp,
    // Flat: every chunk in the same folder, so none needs a path of its own.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    // Maps without the sources inside: small to load, and the stack traces name server/…/*.ts lines all the same.
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [moduleRelativePathGuard()],
  }).catch((err: unknown) => {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  });
  const inputs = [...Object.keys(result.metafile.inputs), ...CONFIG_INPUTS].sort();
  const info: BuildInfo = { startedAt, inputs };
  writeFileSync(path.join(tmp, BUILD_INFO_FILE), `${JSON.stringify(info, null, 1)}\n`);
  // Swap: the old build aside, the new one in, the old one away (rename cannot replace a non-empty folder).
  mkdirSync(path.dirname(outDir), { recursive: true });
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
  return { ms: Date.now() - startedAt, inputs: inputs.length };
}

/** The front ends, when missing (first start): vite in its own process, as `npm run build` runs it. */
function buildMissingFrontEnds(): void {
  for (const name of ['kiosk', 'admin']) {
    if (existsSync(path.join(DIST_DIR, name, 'index.html'))) continue;
    console.log(`Building the ${name} front end (first start only)…`);
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', `${name}/vite.config.ts`, '--logLevel', 'warn'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

async function main(): Promise<void> {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale) buildMissingFrontEnds();
  const why = ifStale ? staleReason() : 'asked for';
  if (!why) return;
  if (ifStale) console.log(`Compiling the server (${why})…`);
  const { ms, inputs } = await buildServer();
  console.log(`Server compiled into ${path.relative(PROJECT_ROOT, SERVER_BUILD_DIR)}/ from ${inputs} files in ${ms} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((err: unknown) => {
    // esbuild has printed its errors already; anything else gets its stack.
    if (!(err instanceof Error && 'errors' in err)) console.error(err);
    process.exit(1);
  });
}
