/**
 * When `npm start` recompiles the server (server/compiled-build.ts): only
 * when something that went into the build has moved on since it began. File
 * times are set explicitly, so nothing here waits on the clock. And the
 * build's guard against module-relative paths, on a two-line bundle.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { BUILD_INFO_FILE, SERVER_ENTRY, staleReason, type BuildInfo } from '../../server/compiled-build';
import { moduleRelativePathGuard } from '../../server/cli/build';

let root: string;
let out: string;
const builtAt = Date.now() - 60_000;
const before = new Date(builtAt - 60_000);
const after = new Date(builtAt + 1_000);
const inputs = ['package.json', 'server/app.ts', 'server/domain/a.ts', 'shared/b.ts'];

function put(rel: string, time = before): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, rel.endsWith('.json') ? '{}\n' : '//\n');
  utimesSync(file, time, time);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'hailong-build-'));
  out = path.join(root, 'dist', 'server');
  for (const f of inputs) put(f);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, SERVER_ENTRY), '');
  const info: BuildInfo = { startedAt: builtAt, inputs, root };
  writeFileSync(path.join(out, BUILD_INFO_FILE), JSON.stringify(info));
  // Folders last: writing their files moved their times.
  for (const dir of ['server', 'server/domain', 'shared']) utimesSync(path.join(root, dir), before, before);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('staleReason: is the compiled server older than its sources?', () => {
  it('is current when nothing that went in has changed since the build began', () => {
    expect(staleReason(out)).toBeNull();
  });

  it('is stale when there is no build, or no entry file, or no record of its inputs', () => {
    expect(staleReason(path.join(root, 'nowhere'))).toBe('no compiled server yet');
    unlinkSync(path.join(out, SERVER_ENTRY));
    expect(staleReason(out)).toBe('no compiled server yet');
    writeFileSync(path.join(out, SERVER_ENTRY), '');
    writeFileSync(path.join(out, BUILD_INFO_FILE), '{ half a file');
    expect(staleReason(out)).toBe('no compiled server yet');
  });

  it('is stale when a bundled source (or the build configuration) changed after the build began', () => {
    utimesSync(path.join(root, 'server/domain/a.ts'), after, after);
    expect(staleReason(out)).toBe('server/domain/a.ts changed');
  });

  it('is stale when a bundled source is gone', () => {
    unlinkSync(path.join(root, 'shared/b.ts'));
    expect(staleReason(out)).toBe('shared/b.ts was removed');
  });

  it('is stale when a file appears beside the sources (a new module may change what an import resolves to)', () => {
    writeFileSync(path.join(root, 'server/domain/a.tsx'), '');
    expect(staleReason(out)).toBe('server/domain/ changed (a file added, removed or replaced)');
  });

  it('ignores the project root folder changing (data/, dist/, logs appear there without any source changing)', () => {
    mkdirSync(path.join(root, 'data'));
    writeFileSync(path.join(root, 'server.log'), '');
    expect(staleReason(out)).toBeNull();
  });
});

describe('the build refuses paths taken from import.meta (they would point into dist/server/)', () => {
  const bundle = (source: string) => {
    const file = path.join(root, 'server', 'entry.ts');
    writeFileSync(file, source);
    return build({ entryPoints: [file], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent', plugins: [moduleRelativePathGuard()] });
  };

  it('fails on new URL(…, import.meta.url), import.meta.dirname and import.meta.filename, naming the line', async () => {
    for (const use of ["new URL('./data.txt', import.meta.url)", "path.join(import.meta.dirname, 'x')", 'import.meta.filename']) {
      await expect(bundle(`import path from 'node:path';\n\nexport const where = ${use};\n`)).rejects.toThrow(/entry\.ts:3.*PROJECT_ROOT/s);
    }
  });

  it('builds a module without them', async () => {
    const result = await bundle("export const where = 'nowhere';\n");
    expect(result.errors).toEqual([]);
  });
});
