/** Plain-text tables for the bench output: figures only, no verdicts. */

export interface Section {
  title: string;
  head: string[];
  rows: (string | number)[][];
  /** Lines printed under the table (ratios, checks, environment). */
  notes: string[];
}

export const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

export function renderSection(s: Section): string {
  const cells = [s.head, ...s.rows.map((r) => r.map(String))];
  const widths = s.head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const out = [`\n## ${s.title}`, '', line(s.head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of cells.slice(1)) out.push(line(r));
  if (s.notes.length) out.push('', ...s.notes.map((n) => `  ${n}`));
  return out.join('\n');
}
