/**
 * The admin dashboard's weight and colours, read from what ships: at most
 * 150 KB of gzipped JavaScript on first load (every script dist/admin holds,
 * so a lazily loaded chunk cannot hide from the budget), and WCAG AA contrast
 * for the stylesheet's text colour pairs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contrastRatio, cssColourVars } from '../helpers/contrast';
import { DIST_DIR } from '../../server/dist-dir';

const BUDGET_BYTES = 150 * 1024;

describe('admin bundle', () => {
  it('ships at most 150 KB of gzipped JavaScript', () => {
    const dir = path.join(DIST_DIR, 'admin');
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const entry = [...html.matchAll(/<script[^>]+src="\/admin\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(entry.length).toBeGreaterThan(0);
    const all = readdirSync(path.join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `assets/${f}`);
    const files = [...new Set([...entry, ...all])];
    const sizes = files.map((f) => gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`admin JS (gzip): ${(total / 1024).toFixed(1)} KB of ${BUDGET_BYTES / 1024} KB — ${files.map((f, i) => `${f} ${(sizes[i] / 1024).toFixed(1)} KB`).join(', ')}`);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
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
