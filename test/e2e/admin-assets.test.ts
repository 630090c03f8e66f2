/**
 * The admin dashboard's weight and colours, read from what ships: at most
 * 150 KB of gzipped JavaScript on first load — the entry script, everything
 * it imports statically, and the default screen (the overview) with its own
 * static imports, which the frame loads at once — and each other screen,
 * loaded when first opened, within its own budget so no lazy chunk can grow
 * unseen; plus WCAG AA contrast for the stylesheet's text colour pairs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contrastRatio, cssColourVars } from '../helpers/contrast';
import { DIST_DIR } from '../../server/dist-dir';

const BUDGET_BYTES = 150 * 1024;
/** A screen opened later, with what it adds beyond the first load. */
const SCREEN_BUDGET_BYTES = 40 * 1024;

const dir = path.join(DIST_DIR, 'admin');
const gz = (file: string): number => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;

/** A chunk and every chunk it imports statically (`import … from "./x.js"`, `import "./x.js"`), not its dynamic `import("./x.js")`s. */
function staticClosure(start: string[], seen = new Set<string>()): Set<string> {
  for (const file of start) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    const deps = [...code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1]}`);
    staticClosure(deps, seen);
  }
  return seen;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe('admin bundle', () => {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+src="\/admin\/([^"]+\.js)"/g)].map((m) => m[1]);
  const all = readdirSync(path.join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const views = all.filter((f) => /\/view-[a-z0-9-]+?-[A-Za-z0-9_-]{8}\.js$/.test(f));
  const overview = views.filter((f) => f.includes('/view-overview-'));

  it('loads at most 150 KB of gzipped JavaScript first: the frame and the overview', () => {
    expect(entry.length).toBeGreaterThan(0);
    expect(overview.length).toBe(1);
    const first = [...staticClosure([...entry, ...overview])];
    const size = first.reduce((a, f) => a + gz(f), 0);
    const total = all.reduce((a, f) => a + gz(f), 0);
    console.log(`admin JS (gzip): first load ${kb(size)} of ${kb(BUDGET_BYTES)} (${first.join(', ')}); all screens together ${kb(total)}`);
    expect(size).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('keeps every other screen within 40 KB of gzipped JavaScript beyond the first load', () => {
    const first = staticClosure([...entry, ...overview]);
    expect(views.length).toBeGreaterThan(5);
    for (const v of views) {
      const extra = [...staticClosure([v])].filter((f) => !first.has(f)).reduce((a, f) => a + gz(f), 0);
      expect(extra, v).toBeLessThanOrEqual(SCREEN_BUDGET_BYTES);
    }
  });
});

const vars = cssColourVars(new URL('../../admin/src/styles.css', import.meta.url));
const ratio = contrastRatio;

/** [text, background, where] — 4.5:1 each. */
const TEXT: [string, string, string][] = [
  ['ink', 'card', 'body text on cards'],
  ['ink', 'page', 'page title'],
  ['muted', 'card', 'notes, table headers'],
  ['muted', 'page', 'basis note under the headline'],
  ['brand-ink', 'brand', 'top bar, primary buttons'],
  ['brand', 'card', 'secondary buttons, links'],
  ['error', 'card', 'login problems'],
  ['error', 'error-bg', 'load failure notice'],
  ['meets-ink', 'meets-bg', 'status: meets'],
  ['below-ink', 'below-bg', 'status: below, target gap'],
  ['sig-ink', 'sig-bg', 'status: significantly below'],
  ['nodata-ink', 'nodata-bg', 'status: no data'],
  ['ink', 'nodata-bg', 'score chip without score'],
  ...(['1', '2', '3', '4', '5'].map((n) => ['score-ink', `score-${n}`, `score chip ${n}`]) as [string, string, string][]),
];
/** Meaningful non-text colours: 3:1 (WCAG 1.4.11). */
const NON_TEXT: [string, string, string][] = [
  ['focus', 'card', 'focus ring'],
  ['focus-on-brand', 'brand', 'focus ring on the top bar'],
  ['target', 'card', 'target line and ticks'],
  ['rule', 'card', 'input borders'],
  ['live', 'card', 'live dot'],
  ['offline', 'card', 'offline dot'],
];

describe('admin colours', () => {
  it.each(TEXT)('%s on %s (%s) reaches 4.5:1', (fg, bg) => {
    expect(vars[fg], fg).toBeDefined();
    expect(vars[bg], bg).toBeDefined();
    expect(ratio(vars[fg], vars[bg])).toBeGreaterThanOrEqual(4.5);
  });
  it.each(NON_TEXT)('%s on %s (%s) reaches 3:1', (fg, bg) => {
    expect(ratio(vars[fg], vars[bg])).toBeGreaterThanOrEqual(3);
  });
});
