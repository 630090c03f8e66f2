/**
 * Finds import cycles among the project's own TypeScript files (relative
 * imports of .ts / .tsx under server/, shared/, kiosk/ and admin/).
 *
 * Type-only imports count: they are erased at run time, but a cycle of them
 * still means two modules cannot be understood, moved or tested apart, which
 * is what the rule is for.
 *
 * Run as a script to print the cycles: `npx tsx test/helpers/import-cycles.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CHECKED_DIRS = ['server', 'shared', 'kiosk', 'admin'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.vite']);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Block comments and whole-line comments go first, so a commented-out import is not an edge. */
const stripComments = (src: string): string => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from '…', export { y } from '…'
  /\bimport\s*['"]([^'"]+)['"]/g, // import '…' (side effects only)
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('…')
];

export function importsOf(file: string): string[] {
  const src = stripComments(readFileSync(file, 'utf8'));
  const found = new Set<string>();
  for (const re of SPECIFIERS) for (const m of src.matchAll(re)) if (m[1].startsWith('.')) found.add(m[1]);
  return [...found];
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** file (relative to the repository root) → the project files it imports. */
export function importGraph(root = ROOT, dirs = CHECKED_DIRS): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  for (const file of dirs.flatMap((d) => sourceFiles(path.join(root, d)))) {
    const deps = importsOf(file)
      .map((s) => resolve(file, s))
      .filter((f): f is string => f !== null)
      .map(rel);
    graph.set(rel(file), [...new Set(deps)]);
  }
  return graph;
}

/**
 * Every cycle as its strongly connected component (Tarjan), each listed with
 * one concrete loop through it so the report says which imports to cut.
 */
export function findCycles(graph: Map<string, string[]>): { members: string[]; loop: string[] }[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      const selfLoop = comp.length === 1 && (graph.get(v) ?? []).includes(v);
      if (comp.length > 1 || selfLoop) components.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);

  return components
    .map((members) => ({ members, loop: loopThrough(graph, members) }))
    .sort((a, b) => a.members[0].localeCompare(b.members[0]));
}

/** A shortest path from the component's first member back to itself, inside the component. */
function loopThrough(graph: Map<string, string[]>, members: string[]): string[] {
  const inside = new Set(members);
  const start = members[0];
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const loop = [start];
        for (let x: string | undefined = v; x !== undefined && x !== start; x = prev.get(x)) loop.splice(1, 0, x);
        return [...loop, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return members;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cycles = findCycles(importGraph());
  if (!cycles.length) console.log('No import cycles.');
  for (const c of cycles) console.log(`${c.members.length} files: ${c.loop.join(' → ')}${c.members.length > c.loop.length - 1 ? `\n   (all: ${c.members.join(', ')})` : ''}`);
  process.exitCode = cycles.length ? 1 : 0;
}
