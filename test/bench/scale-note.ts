/**
 * The 100 M mode in the benchmark record: what BENCH_QUERY_RESPONSES=100000000
 * would need here, extrapolated from the data sets already built on this
 * machine (their meta files: bytes, build times, figure rows per response).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defaultDataParent, readMeta, QUERY_DATA_VERSION, type Meta } from './query-data';
import { fmt } from './report';

const HUNDRED_M = 100_000_000;


export function builtDataSets(parent = defaultDataParent()): Meta[] {
  if (!existsSync(parent)) return [];
  const prefix = `hailong-bench-query-v${QUERY_DATA_VERSION}-`;
  return readdirSync(parent)
    .filter((d) => d.startsWith(prefix))
    .map((d) => readMeta(path.join(parent, d)))
    .filter((m): m is Meta => !!m?.complete)
    .sort((a, b) => a.responses - b.responses);
}

/** Lines for the record: the 100 M run's disk and time, scaled linearly from the largest data set built here. */
export function hundredMillionNote(parent = defaultDataParent()): string[] {
  const sets = builtDataSets(parent);
  const out = ['## 100 M mode (`BENCH_QUERY_RESPONSES=100000000`)', ''];
  const big = sets[sets.length - 1];
  if (!big) {
    out.push('No query data set has been built on this machine yet: nothing to extrapolate from.');
    return out;
  }
  const rows = (m: Meta) => Object.values(m.rows.aggregates).reduce((a, b) => a + b, 0) + Object.values(m.rows.rollups).reduce((a, b) => a + b, 0);
  const scaled = (n: number) => {
    const k = n / big.responses;
    return `~${fmt((big.bytes * k) / 1e9, 0)} GB on disk, ~${fmt((big.timings.loadMs * k) / 3.6e6, 1)} h to generate and store the responses and ~${fmt((big.timings.rebuildMs * k) / 3.6e6, 1)} h for the figures rebuild`;
  };
  out.push(
    'The same code runs at every size (generator, loader, figures rebuild, checks; the cache directory is keyed by the size). ' +
      `Scaled linearly from the largest set built on this machine (${big.responses.toLocaleString('en')} responses, built ${big.builtAt}: ` +
      `${fmt(big.bytes / 1e9, 2)} GB, ${fmt(big.bytes / big.responses, 0)} bytes and ${fmt(rows(big) / big.responses, 1)} figure rows per response; ` +
      `responses stored in ${fmt(big.timings.loadMs / 1000, 0)} s, figures rebuilt in ${fmt(big.timings.rebuildMs / 1000, 0)} s, load average ${big.load.before.map((x) => fmt(x, 1)).join(' ')} at the start):`,
    '',
    `- 10 M (the issue's size): ${scaled(10_000_000)}`,
    `- 100 M: ${scaled(HUNDRED_M)}`,
    '',
    'Disk is an upper bound (the figure tables grow slower than the responses once most (key, bucket, metric) rows exist); the rebuild time is a lower bound ' +
      '(its cost per response grew with the store: 1.1 ms at 200 k responses, 1.9 ms at 1 M, as the B-trees outgrow the page cache). ' +
      'The raw-scan checks read the whole responses table once per filter for the two-year shapes (11 scans).',
    '',
    sets.length > 1 ? `Data sets built here: ${sets.map((m) => `${m.responses.toLocaleString('en')} (${fmt(m.bytes / 1e9, 2)} GB, ${fmt(m.timings.totalMs / 1000, 0)} s)`).join(', ')}.` : '',
    'Neither 10 M nor 100 M has been built for this record.',
  );
  return out;
}
