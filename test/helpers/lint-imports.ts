/**
 * `npm run lint` (and test/unit/import-boundaries.test.ts): the clients
 * never import the server. Nothing under kiosk/ or admin/ — nor under
 * shared/, which both bundle — may name a module under server/, not even for
 * a type: the wire shapes live in shared/api.
 *
 * Reads every import / export-from / dynamic import / require specifier of
 * the source text itself (type-only imports vanish from compiled output, so
 * the bundles cannot be checked instead), with comments blanked out, and
 * resolves relative paths against the importing file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface Boundary {
  /** Top-level folders whose files are checked. */
  from: string[];
  /** Top-level folders they must not import from. */
  forbidden: string[];
  why: string;
}

export const BOUNDARIES: Boundary[] = [
  {
    from: ['kiosk', 'admin', 'shared'],
    forbidden: ['server'],
    why: 'clients (and shared/, which they bundle) never import server/: take the types from shared/api',
  },
];

/**
 * Imports known to break a boundary, each being removed on another branch:
 * file → the exact specifiers allowed there for now. Any other violation
 * fails, including a new import in a listed file. An entry whose imports are
 * gone is reported as stale (a warning, so a branch that fixes the file does
 * not turn the suite red when merged): delete it then. Meant to be empty.
 */
export const PENDING: Record<string, { why: string; specifiers: string[] }> = {
  'admin/src/types.ts': {
    why: 'admin types still re-export server types; the admin branch (g/admin) moves them to shared/api',
    specifiers: ['../../server/domain/auth.service', '../../server/domain/entities', '../../server/domain/stats.service', '../../server/store/types'],
  },
};

export interface Violation {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  specifier: string;
  /** The forbidden folder it reaches. */
  reaches: string;
}

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test-results']);

/**
 * The text with every comment replaced by spaces (newlines kept, so offsets
 * still give line numbers). Strings, template literals and regex literals are
 * skipped over so that `'//'` or `/\/*\/` inside them is not taken for a comment.
 */
export function blankComments(src: string): string {
  const out = src.split('');
  let i = 0;
  let lastSignificant = '';
  const templateDepth: number[] = [];
  let braceDepth = 0;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  const skipString = (quote: string) => {
    i++;
    while (i < src.length && src[i] !== quote && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
    i++;
  };
  /** Inside a template literal up to its end or to a `${`. */
  const skipTemplate = () => {
    while (i < src.length) {
      if (src[i] === '\\') i += 2;
      else if (src[i] === '`') {
        i++;
        return;
      } else if (src[i] === '$' && src[i + 1] === '{') {
        i += 2;
        templateDepth.push(braceDepth);
        braceDepth++;
        return;
      } else i++;
    }
  };
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      const end = src.indexOf('\n', i);
      const stop = end === -1 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      skipString(c);
      lastSignificant = 'x';
    } else if (c === '`') {
      i++;
      skipTemplate();
      lastSignificant = 'x';
    } else if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant))) {
      // A regex literal: skip to its closing slash (outside any character class).
      i++;
      let inClass = false;
      while (i < src.length && src[i] !== '\n') {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        else if (src[i] === '/' && !inClass) break;
        i++;
      }
      i++;
      lastSignificant = 'x';
    } else {
      if (c === '{') braceDepth++;
      if (c === '}') {
        braceDepth--;
        if (templateDepth.length && templateDepth[templateDepth.length - 1] === braceDepth) {
          templateDepth.pop();
          i++;
          skipTemplate();
          lastSignificant = 'x';
          continue;
        }
      }
      if (!/\s/.test(c)) lastSignificant = /[A-Za-z0-9_$)\]]/.test(c) ? 'x' : c;
      i++;
    }
  }
  return out.join('');
}

const SPECIFIER_PATTERNS = [
  // import x from '…', import { a } from '…', import type { T } from '…', export { a } from '…', export * from '…'
  /\b(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  // import '…' (side effect only)
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  // import('…'), require('…'), and `import x = require('…')`
  /\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
];

/** Every module specifier the source names, with its line. */
export function specifiersOf(src: string): { specifier: string; line: number }[] {
  const code = blankComments(src);
  const found = new Map<number, { specifier: string; line: number }>();
  for (const re of SPECIFIER_PATTERNS) {
    for (const m of code.matchAll(re)) {
      const at = m.index! + m[0].lastIndexOf(m[2]);
      if (!found.has(at)) found.set(at, { specifier: m[2], line: code.slice(0, at).split('\n').length });
    }
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

/** The top-level folder of the repository a specifier reaches from `file`, or null for packages. */
export function topFolderOf(file: string, specifier: string, root = ROOT): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const resolved = specifier.startsWith('/') ? path.join(root, specifier) : path.resolve(path.dirname(file), specifier);
  const rel = path.relative(root, resolved);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0] || null;
}

/** The boundary violations in one file's text (`file` is an absolute path under `root`). */
export function checkSource(file: string, src: string, boundaries = BOUNDARIES, root = ROOT): Violation[] {
  const relFile = path.relative(root, file).split(path.sep).join('/');
  const top = relFile.split('/')[0];
  const rules = boundaries.filter((b) => b.from.includes(top));
  if (!rules.length) return [];
  const out: Violation[] = [];
  for (const { specifier, line } of specifiersOf(src)) {
    const reaches = topFolderOf(file, specifier, root);
    if (reaches && rules.some((b) => b.forbidden.includes(reaches))) out.push({ file: relFile, line, specifier, reaches });
  }
  return out;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* sourceFiles(p);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

/** Every violation in the repository. */
export function lintImports(root = ROOT, boundaries = BOUNDARIES): Violation[] {
  const tops = new Set(boundaries.flatMap((b) => b.from));
  const out: Violation[] = [];
  for (const top of tops) {
    const dir = path.join(root, top);
    try {
      statSync(dir);
    } catch {
      continue;
    }
    for (const file of sourceFiles(dir)) out.push(...checkSource(file, readFileSync(file, 'utf8'), boundaries, root));
  }
  return out;
}

const isPending = (v: Violation, pending = PENDING): boolean => pending[v.file]?.specifiers.includes(v.specifier) ?? false;

/** Violations not on the pending list, and pending entries none of whose imports occur any more. */
export function judge(violations: Violation[], pending = PENDING): { fresh: Violation[]; stale: string[] } {
  const files = new Set(violations.filter((v) => isPending(v, pending)).map((v) => v.file));
  return { fresh: violations.filter((v) => !isPending(v, pending)), stale: Object.keys(pending).filter((f) => !files.has(f)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const violations = lintImports();
  const { fresh, stale } = judge(violations);
  for (const v of violations.filter((x) => isPending(x))) console.warn(`pending: ${v.file}:${v.line} imports ${v.specifier} (${PENDING[v.file].why})`);
  for (const f of stale) console.warn(`stale: ${f} no longer breaks a boundary; delete its PENDING entry in test/helpers/lint-imports.ts`);
  for (const v of fresh) console.error(`${v.file}:${v.line}: imports ${v.specifier} from ${v.reaches}/ — ${BOUNDARIES.find((b) => b.forbidden.includes(v.reaches))?.why}`);
  if (fresh.length) process.exit(1);
  console.log(`import boundaries: ok (${violations.length - fresh.length} pending)`);
}
