/** Plain-text tables for the bench output, and the structured figures the benchmark record keeps. */

/** One measured figure beside its goal (for docs/benchmarks/latest.json and .md). */
export interface Figure {
  /** What was measured, e.g. "query p95, summary, single dimension". */
  name: string;
  value: number;
  unit: string;
  /** The goal, when the figure has one: `<` (lower is better) or `>=` (higher is better). */
  goal?: { op: '<' | '>='; value: number };
}

export interface Section {
  title: string;
  head: string[];
  rows: (string | number)[][];
  /** Lines printed under the table (ratios, checks, environment). */
  notes: string[];
  /** Figures with goals, for the benchmark record (optional: a section may have none). */
  figures?: Figure[];
}

export const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

/** value / goal: < 1 meets a `<` goal, ≥ 1 meets a `>=` goal. */
export const goalRatio = (f: Figure): number | null => (f.goal && f.goal.value !== 0 ? f.value / f.goal.value : null);

export const meetsGoal = (f: Figure): boolean | null => (f.goal ? (f.goal.op === '<' ? f.value < f.goal.value : f.value >= f.goal.value) : null);

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
