/**
 * `npm run lint` (after tsc): every message catalog — shared/i18n/*.ts and
 * the admin dashboard's admin/src/messages.ts and views/<screen>/messages.ts —
 * has the same keys in Vietnamese and English, no message is empty, and both
 * languages of a message fill in the same `{name}` placeholders. A missing
 * translation would otherwise show a blank or a key on a screen, and a
 * misspelt placeholder a raw `{name}` in an alert.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..', '..');
const dir = path.join(root, 'shared', 'i18n');
const adminDir = path.join(root, 'admin', 'src');

/** The admin's catalogs: every file named messages.ts under admin/src. */
function adminCatalogFiles(d = adminDir): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? adminCatalogFiles(path.join(d, e.name)) : e.name === 'messages.ts' ? [path.join(d, e.name)] : [],
  );
}

function keysOf(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object') return [prefix];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => keysOf(x, prefix ? `${prefix}.${k}` : k));
}

function emptyOf(v: unknown, prefix = ''): string[] {
  if (typeof v === 'string') return v.trim() ? [] : [prefix];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => emptyOf(x, prefix ? `${prefix}.${k}` : k));
}

function textsOf(v: unknown, prefix = ''): Map<string, string> {
  if (typeof v === 'string') return new Map([[prefix, v]]);
  if (v === null || typeof v !== 'object') return new Map();
  return new Map(Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => [...textsOf(x, prefix ? `${prefix}.${k}` : k)]));
}

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort().join(', ');

export async function lintCatalogs(): Promise<string[]> {
  const problems: string[] = [];
  let catalogs = 0;
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)), ...adminCatalogFiles()];
  for (const full of files) {
    const file = path.relative(root, full);
    const mod = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const c = value as { vi?: unknown; en?: unknown };
      if (!c || typeof c !== 'object' || !('vi' in c) || !('en' in c)) continue;
      catalogs++;
      const vi = new Set(keysOf(c.vi));
      const en = new Set(keysOf(c.en));
      for (const k of vi) if (!en.has(k)) problems.push(`${file} ${name}: "${k}" has no English text`);
      for (const k of en) if (!vi.has(k)) problems.push(`${file} ${name}: "${k}" has no Vietnamese text`);
      const enTexts = textsOf(c.en);
      for (const [k, text] of textsOf(c.vi)) {
        const other = enTexts.get(k);
        if (other !== undefined && placeholders(text) !== placeholders(other)) {
          problems.push(`${file} ${name}: "${k}" fills in {${placeholders(text)}} in Vietnamese but {${placeholders(other)}} in English`);
        }
      }
      for (const k of [...emptyOf(c.vi).map((k) => `vi.${k}`), ...emptyOf(c.en).map((k) => `en.${k}`)]) problems.push(`${file} ${name}: "${k}" is empty`);
    }
  }
  if (!catalogs) problems.push('no message catalogs found in shared/i18n or admin/src');
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = await lintCatalogs();
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} catalog problem(s)` : 'catalogs: vi and en match');
  process.exit(problems.length ? 1 : 0);
}
