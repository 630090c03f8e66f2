import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findCycles, importGraph, ROOT } from '../helpers/import-cycles';

/**
 * Cycles known and being removed on another branch; no other may appear.
 * TODO(issue 8): the admin registry ↔ overview cycle goes with the admin
 * view split (branch g/admin); drop this entry when it is merged.
 */
const KNOWN: string[][] = [];

const key = (members: string[]) => [...members].sort().join(' ↔ ');

describe('import cycles', () => {
  it('finds none across server/, shared/, kiosk/ and admin/ beyond the known exceptions', () => {
    const cycles = findCycles(importGraph());
    const known = new Set(KNOWN.map(key));
    const unexpected = cycles.filter((c) => !known.has(key(c.members))).map((c) => c.loop.join(' → '));
    expect(unexpected).toEqual([]);
  });

  it('keeps the realtime layer and the domain free of the HTTP layer', () => {
    const graph = importGraph();
    const crossings = [...graph]
      .filter(([file]) => file.startsWith('server/realtime/') || file.startsWith('server/domain/'))
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('server/http/')).map((d) => `${file} → ${d}`));
    expect(crossings).toEqual([]);
  });

  it('keeps services in the registry: no module-level WeakMap beside it in server/', () => {
    // Services are built once in server/context.ts; a WeakMap keyed by the context is a second registry.
    const registries = [...importGraph().keys()]
      .filter((f) => f.startsWith('server/') && /\bnew WeakMap\b/.test(readFileSync(path.join(ROOT, f), 'utf8')))
      .sort();
    expect(registries).toEqual([]);
  });

  it('reports a loop of value and type-only imports alike', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(graph)).toEqual([{ members: ['a.ts', 'b.ts', 'c.ts'], loop: ['a.ts', 'b.ts', 'c.ts', 'a.ts'] }]);
  });
});
