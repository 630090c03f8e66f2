/**
 * The benchmark record (issue 14 must-have 6): `npm run bench` writes
 * docs/benchmarks/latest.md and latest.json — the command, date, Node
 * version, cores, CPU model, load average before and after, every section's
 * table and notes, and every figure beside its goal and the ratio.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fmt, goalRatio, meetsGoal, type Figure, type Section } from './report';

export interface RunInfo {
  command: string;
  startedAt: string;
  finishedAt: string;
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  loadBefore: number[];
  loadAfter: number[];
  /** BENCH_* settings of the run. */
  env: Record<string, string>;
  sections: string[];
}

export function runInfo(command: string, startedAt: Date, loadBefore: number[], sections: string[]): RunInfo {
  const cpus = os.cpus();
  return {
    command,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadBefore,
    loadAfter: os.loadavg(),
    env: Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k.startsWith('BENCH_') && v !== undefined) as [string, string][]),
    sections,
  };
}

/**
 * The ingest section (test/bench/ingest-throughput.ts, another owner) carries
 * no structured figures: read its goal figures from its table as it is —
 * the ratio of the POST row's req/s to the bare row's, and the POST row's p99.
 */
export function ingestFigures(s: Section): Figure[] {
  const col = (name: string) => s.head.indexOf(name);
  const rps = col('req/s');
  const p99 = col('p99 ms');
  if (rps < 0 || p99 < 0) return [];
  const bare = s.rows.filter((r) => String(r[0]).startsWith('bare'));
  const ingest = s.rows.filter((r) => String(r[0]).startsWith('POST'));
  if (!bare.length || bare.length !== ingest.length) return [];
  const out: Figure[] = [];
  ingest.forEach((r, i) => {
    const tag = ingest.length > 1 ? ` (round ${i + 1})` : '';
    out.push({ name: `ingest / bare Express req/s${tag}`, value: Number(r[rps]) / Number(bare[i][rps]), unit: '×', goal: { op: '>=', value: 0.8 } });
    out.push({ name: `ingest p99${tag}`, value: Number(r[p99]), unit: 'ms', goal: { op: '<', value: 25 } });
  });
  return out.filter((f) => Number.isFinite(f.value));
}

export const figuresOf = (s: Section): Figure[] => s.figures ?? (s.title.startsWith('Ingest throughput') ? ingestFigures(s) : []);

const mdTable = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n');

const figureRow = (f: Figure): (string | number)[] => {
  const ratio = goalRatio(f);
  const met = meetsGoal(f);
  return [f.name, `${fmt(f.value, f.unit === '×' ? 3 : 1)} ${f.unit}`, f.goal ? `${f.goal.op} ${f.goal.value} ${f.unit}` : '–', ratio === null ? '–' : fmt(ratio, 2), met === null ? '–' : met ? 'yes' : '**no**'];
};

export function renderRecord(info: RunInfo, sections: Section[], extra: string[] = []): string {
  const all = sections.flatMap((s) => figuresOf(s));
  const out = [
    '# Benchmark record: latest run',
    '',
    'Written by `npm run bench` (test/bench/record.ts); do not edit by hand. How the figures are made: [README.md](README.md).',
    '',
    `- command: \`${info.command}\``,
    `- date: ${info.startedAt} → ${info.finishedAt}`,
    `- Node ${info.node}, ${info.platform}`,
    `- ${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GB RAM`,
    `- load average (1, 5, 15 min): ${info.loadBefore.map((x) => fmt(x, 2)).join(' ')} before, ${info.loadAfter.map((x) => fmt(x, 2)).join(' ')} after`,
    `- settings: ${Object.entries(info.env).map(([k, v]) => `${k}=${v}`).join(' ') || 'defaults'}`,
    `- sections run: ${info.sections.join(', ')}`,
    '',
    '## Every figure beside its goal',
    '',
    'Ratio is figure ÷ goal: below 1 meets a "<" goal, 1 or more meets a "≥" goal.',
    '',
    mdTable(['figure', 'value', 'goal', 'ratio', 'met'], all.map(figureRow)),
  ];
  for (const s of sections) {
    out.push('', `## ${s.title}`, '', mdTable(s.head, s.rows), '');
    for (const n of s.notes) out.push(`- ${n.trim()}`);
  }
  if (extra.length) out.push('', ...extra);
  return out.join('\n') + '\n';
}

export function writeRecord(dir: string, info: RunInfo, sections: Section[], extra: string[] = []): { md: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const md = path.join(dir, 'latest.md');
  const json = path.join(dir, 'latest.json');
  writeFileSync(md, renderRecord(info, sections, extra));
  const figures = sections.flatMap((s) => figuresOf(s).map((f) => ({ section: s.title, ...f, ratio: goalRatio(f), met: meetsGoal(f) })));
  writeFileSync(json, JSON.stringify({ ...info, figures, results: sections }, null, 2) + '\n');
  return { md, json };
}
