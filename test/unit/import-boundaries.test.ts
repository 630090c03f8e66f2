/**
 * No file under kiosk/, admin/ or shared/ imports from server/ (the check of
 * test/helpers/lint-imports.ts, also run by `npm run lint`). The checker is
 * tested on fixture sources first, so a checker that sees nothing cannot pass.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PENDING, ROOT, blankComments, checkSource, judge, lintImports, specifiersOf } from '../helpers/lint-imports';

const at = (rel: string) => path.join(ROOT, rel);

describe('the import checker', () => {
  it('finds every form of import, type-only ones included', () => {
    const src = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import * as c from 'c';",
      "import d, { e } from \"./d\";",
      "import './side-effect.css';",
      "export { f } from './f';",
      "export type { G } from './g';",
      "export * from './h';",
      "const i = await import('./i');",
      "const j = require('./j');",
      'import {',
      '  k,',
      '  type K,',
      "} from './k';",
    ].join('\n');
    expect(specifiersOf(src).map((s) => s.specifier)).toEqual(['./a', '../b', 'c', './d', './side-effect.css', './f', './g', './h', './i', './j', './k']);
    expect(specifiersOf(src).at(-1)!.line).toBe(14);
  });

  it('ignores imports inside comments, but not comment-like text inside strings', () => {
    const src = [
      "// import { x } from '../../server/x';",
      "/* import { y } from '../../server/y'; */",
      "const url = 'http://example.vn/a'; import { z } from './z';",
      "const re = /\\/\\*/; import { w } from './w';",
      'const t = `a ${"}"} //`; import { v } from \'./v\';',
    ].join('\n');
    expect(specifiersOf(src).map((s) => s.specifier)).toEqual(['./z', './w', './v']);
    expect(blankComments("a // b\nc")).toBe('a     \nc');
  });

  it('flags a client file that reaches server/, however the path is spelled', () => {
    const kioskFile = at('kiosk/src/survey/api.ts');
    expect(checkSource(kioskFile, "import type { X } from '../../../server/domain/x';")).toEqual([
      { file: 'kiosk/src/survey/api.ts', line: 1, specifier: '../../../server/domain/x', reaches: 'server' },
    ]);
    expect(checkSource(at('admin/src/views/a/b.tsx'), "const m = await import('../../../../server/store/types');")).toHaveLength(1);
    expect(checkSource(at('shared/api/x.ts'), "export type { T } from '../../server/domain/t';")).toHaveLength(1);
    expect(checkSource(at('admin/src/a.ts'), "import x from '../../shared/../server/x';")).toHaveLength(1);
  });

  it('lets clients import shared/ and packages, and lets the server import anything', () => {
    expect(checkSource(at('kiosk/src/a.ts'), "import { z } from 'zod'; import type { S } from '../../shared/api';")).toEqual([]);
    // `server-utils` is a sibling name, not the server folder.
    expect(checkSource(at('admin/src/a.ts'), "import x from '../../server-utils/x';")).toEqual([]);
    expect(checkSource(at('server/http/a.ts'), "import x from '../../server/x'; import y from '../../admin/y';")).toEqual([]);
  });

  it('reads the real import lines of a real client file', () => {
    const file = at('kiosk/src/net/api.ts');
    const src = readFileSync(file, 'utf8');
    const naive = src.split('\n').filter((l) => /^import .* from '/.test(l)).length;
    expect(naive).toBeGreaterThan(0);
    expect(specifiersOf(src)).toHaveLength(naive);
  });
});

describe('the repository', () => {
  it('has no client → server import beyond the pending list', () => {
    const { fresh } = judge(lintImports());
    expect(fresh.map((v) => `${v.file}:${v.line} imports ${v.specifier}`)).toEqual([]);
  });

  it('keeps the pending list to admin files the admin branch is fixing, and says when an entry is stale', () => {
    expect(Object.keys(PENDING).every((f) => f.startsWith('admin/'))).toBe(true);
    const { stale } = judge(lintImports());
    // A warning, not a failure: the branch that fixes a file should not turn the suite red on merge.
    if (stale.length) console.warn(`delete from PENDING in test/helpers/lint-imports.ts: ${stale.join(', ')}`);
  });

  it('exempts only the listed imports of a pending file, and reports fixed files as stale', () => {
    const pending = { 'admin/src/a.ts': { why: 'test', specifiers: ['../../server/a'] } };
    const v = (specifier: string) => ({ file: 'admin/src/a.ts', line: 1, specifier, reaches: 'server' });
    expect(judge([v('../../server/a')], pending)).toEqual({ fresh: [], stale: [] });
    expect(judge([v('../../server/a'), v('../../server/b')], pending).fresh.map((x) => x.specifier)).toEqual(['../../server/b']);
    expect(judge([], pending).stale).toEqual(['admin/src/a.ts']);
  });
});
