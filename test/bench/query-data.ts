/**
 * The "province" data set of the query bench: the aggregate rows that ~N
 * stored responses would have produced, built without storing N responses.
 *
 * Shape: 1 organisation, 20 units, 100 counters of very different sizes,
 * 300 officers (3 per counter, on duty by shift), 150 procedures (owned by
 * units, 6–12 per counter, Zipf popularity), channels kiosk / qr / link over
 * two years, with working hours, weekdays, Saturday mornings at the larger
 * units, public holidays, growth over time and evening answers to QR codes
 * and SMS dossier links.
 *
 * Every response is simulated individually (its answers are drawn), turned
 * into metrics by the domain's own `metricsOf`, and counted into the hour and
 * day bucket of its dimension combination — exactly what `deltasFor` would
 * emit, merged per bucket (checked against `deltasFor` on a sample). What is
 * written is the merged deltas only: one local day at a time through
 * `Store.commitResponses`, as one item whose synthetic carrier response holds
 * that day's merged deltas. The raw `responses` table therefore holds one
 * carrier row per day, not N rows; the stats queries never read it.
 *
 * The file is cached in the OS temp dir (or BENCH_DATA_DIR) and reused when a
 * `benchMeta` entity says it was completed with the same parameters.
 */
import os from 'node:os';
import path from 'node:path';
import { existsSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../server/store/sqlite/sqlite.store';
import type { AggregateDelta, Store, StoredResponse } from '../../server/store/types';
import type { Channel } from '../../shared/response.schema';
import { deltasFor, metricsOf } from '../../server/domain/aggregation';
import { defaultSurveyDefinition, EXPECTATION_OPTIONS, REASON_OPTIONS } from '../../shared/survey';
import { CRITERION_CODES } from '../../shared/sipas';
import { DAY_MS, HOUR_MS, localMidnight, startOfHour, startOfLocalDay, VN_OFFSET_MS } from '../../shared/periods';

/** Bump when the generator changes: a new version means a new cache file. */
export const QUERY_DATA_VERSION = 1;

export const BENCH_ORG_ID = 'org-province';
/** Data covers [DATA_FROM, DATA_NOW); "now" for the queries is DATA_NOW (a Friday, 14:30 Vietnam time). */
export const DATA_FROM = localMidnight(2024, 11, 21);
export const DATA_NOW = localMidnight(2026, 11, 20) + 14.5 * HOUR_MS;

export interface Counter {
  id: string;
  unitId: string;
  officers: string[];
  procedures: string[];
  /** Cumulative popularity of `procedures` (Zipf). */
  procCum: number[];
  weight: number;
  kioskShare: number;
  linkShare: number;
  /** Probability of a satisfied (4–5) overall answer. */
  quality: number;
  saturday: boolean;
}

export interface Province {
  orgId: string;
  units: string[];
  counters: Counter[];
  officers: string[];
  procedures: string[];
}

export interface QueryDataset {
  store: Store;
  file: string;
  province: Province;
  /** Responses the aggregates stand for (counted while generating). */
  responses: number;
  built: boolean;
  buildMs: number;
  /** Responses requested (BENCH_QUERY_RESPONSES). */
  requested: number;
  byChannel: Record<Channel, number>;
  deltasWritten: number;
}

// ---- deterministic randomness -----------------------------------------------

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rand: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) {
    // Normal approximation, plenty for volumes.
    const u = Math.max(1e-12, rand());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rand();
  } while (p > l);
  return k - 1;
}

const pickCum = (rand: () => number, cum: number[]): number => {
  const x = rand() * cum[cum.length - 1];
  let i = 0;
  while (cum[i] < x) i++;
  return i;
};

const cumulative = (ws: number[]): number[] => {
  let s = 0;
  return ws.map((w) => (s += w));
};

// ---- the province -------------------------------------------------------------

const COUNTERS_PER_UNIT = [14, 11, 9, 8, 7, 6, 6, 5, 5, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 1];
const pad = (n: number, w = 3) => String(n).padStart(w, '0');

export function buildProvince(seed = 20241121): Province {
  const rand = rng(seed);
  const units = COUNTERS_PER_UNIT.map((_, i) => `unit-${pad(i + 1, 2)}`);
  const counters: Counter[] = [];
  const officers: string[] = [];
  const procedures: string[] = [];
  let off = 0;
  let proc = 0;
  COUNTERS_PER_UNIT.forEach((nCounters, u) => {
    // 150 procedures shared out by unit size (at least 2 each).
    const nProcs = u === COUNTERS_PER_UNIT.length - 1 ? 150 - proc : Math.max(2, Math.round((150 * nCounters) / 100));
    const unitProcs = Array.from({ length: nProcs }, () => `proc-${pad(++proc)}`);
    procedures.push(...unitProcs);
    const unitFactor = Math.exp((rand() - 0.5) * 0.8);
    for (let c = 0; c < nCounters; c++) {
      const own = Array.from({ length: 3 }, () => `off-${pad(++off)}`);
      officers.push(...own);
      // 6–12 procedures per counter from the unit's list, most-asked first.
      const k = Math.min(unitProcs.length, 6 + Math.floor(rand() * 7));
      const start = Math.floor(rand() * unitProcs.length);
      const procs = Array.from({ length: k }, (_, i) => unitProcs[(start + i) % unitProcs.length]);
      // Counter sizes: lognormal, roughly 1 : 40 from the quietest to the busiest.
      const z = Math.sqrt(-2 * Math.log(Math.max(1e-9, rand()))) * Math.cos(2 * Math.PI * rand());
      counters.push({
        id: `sp-${pad(u + 1, 2)}-${pad(c + 1, 2)}`,
        unitId: units[u],
        officers: own,
        procedures: procs,
        procCum: cumulative(procs.map((_, i) => 1 / Math.pow(i + 1, 1.1))),
        weight: unitFactor * Math.exp(0.8 * Math.max(-2.3, Math.min(2.3, z))),
        kioskShare: 0.65 + rand() * 0.25,
        linkShare: 0.02 + rand() * 0.06,
        quality: 0.82 + rand() * 0.15,
        saturday: u < 6,
      });
    }
  });
  return { orgId: BENCH_ORG_ID, units, counters, officers, procedures };
}

// ---- calendar -------------------------------------------------------------------

/** Local hour → relative volume at the counter (open 7:30–11:30, 13:30–17:00). */
const COUNTER_HOURS: Record<number, number> = { 7: 0.6, 8: 1.0, 9: 1.15, 10: 1.1, 11: 0.55, 12: 0.05, 13: 0.45, 14: 1.0, 15: 1.0, 16: 0.65 };
/** Local hour → relative volume of QR answers given after leaving, and of SMS-link answers. */
const EVENING_HOURS: Record<number, number> = { 17: 0.8, 18: 0.9, 19: 1.2, 20: 1.3, 21: 1.0, 22: 0.5 };
const LINK_HOURS: Record<number, number> = { ...COUNTER_HOURS, ...EVENING_HOURS, 12: 0.6, 6: 0.2 };
const sum = (r: Record<number, number>) => Object.values(r).reduce((a, b) => a + b, 0);
/** Scales link answers (every day, weekends at 0.4) so a counter's weekly share of them is `linkShare`. */
const LINK_NORM = (5 * sum(COUNTER_HOURS)) / ((5 + 2 * 0.4) * sum(LINK_HOURS));

/** Public holidays (local dates) the offices are closed: Tết, 30/4–1/5, 2/9, 1/1. */
const HOLIDAYS = new Set<string>([
  '2025-01-01',
  ...range('2025-01-25', 9),
  '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02',
  '2026-01-01',
  ...range('2026-02-14', 9),
  '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
]);

function range(first: string, days: number): string[] {
  const [y, m, d] = first.split('-').map(Number);
  return Array.from({ length: days }, (_, i) => new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
}

interface DayInfo {
  start: number;
  date: string;
  weekday: number;
  holiday: boolean;
  /** Growth over the two years and the season. */
  trend: number;
}

function dayInfo(start: number): DayInfo {
  const d = new Date(start + VN_OFFSET_MS);
  const date = d.toISOString().slice(0, 10);
  const progress = (start - DATA_FROM) / (DATA_NOW - DATA_FROM);
  const month = d.getUTCMonth() + 1;
  const season = month === 12 ? 1.15 : month === 2 ? 0.8 : month === 8 ? 0.9 : 1;
  return { start, date, weekday: d.getUTCDay(), holiday: HOLIDAYS.has(date), trend: (0.7 + 0.6 * progress) * season };
}

/** Relative volumes of one counter in one local hour, per channel (before scaling to N). */
function hourWeights(c: Counter, day: DayInfo, hour: number): { kiosk: number; qr: number; link: number } {
  const openDay = day.holiday ? 0 : day.weekday >= 1 && day.weekday <= 5 ? 1 : day.weekday === 6 && c.saturday && hour < 12 ? 0.5 : 0;
  const atCounter = openDay * (COUNTER_HOURS[hour] ?? 0);
  const base = c.weight * day.trend;
  const qrShare = 1 - c.kioskShare - c.linkShare;
  // A few QR answers are given in the evening; SMS links are answered any day (weekends less).
  const evening = openDay ? (EVENING_HOURS[hour] ?? 0) * 0.02 : 0;
  const linkDay = day.weekday === 0 || day.weekday === 6 || day.holiday ? 0.4 : 1;
  return {
    kiosk: base * c.kioskShare * atCounter,
    qr: base * qrShare * (atCounter + evening),
    link: base * c.linkShare * linkDay * (LINK_HOURS[hour] ?? 0) * LINK_NORM,
  };
}

// ---- answers ---------------------------------------------------------------------

const REASON_IDS = REASON_OPTIONS.map((o) => o.id);
const REASON_CUM = cumulative([0.15, 0.25, 0.2, 0.2, 0.05, 0.15]);
const EXPECT_IDS = EXPECTATION_OPTIONS.map((o) => o.id);
const EXPECT_CUM = cumulative([0.2, 0.12, 0.08, 0.2, 0.2, 0.08, 0.08, 0.04]);
const NA_SHARE: Record<string, number> = { F1: 0.15, F2: 0.2, P3: 0.1, A3: 0.05 };

function overallScore(rand: () => number, quality: number): number {
  const x = rand();
  if (x < quality) return rand() < 0.55 ? 5 : 4;
  const y = rand();
  return y < 0.55 ? 3 : y < 0.85 ? 2 : 1;
}

function picks(rand: () => number, ids: string[], cum: number[], max: number): string[] {
  const n = 1 + Math.floor(rand() * max);
  const out = new Set<string>();
  for (let i = 0; i < n; i++) out.add(ids[pickCum(rand, cum)]);
  return [...out];
}

/** Kiosk: the overall question, and for a low rating sometimes the reasons. */
function kioskAnswers(rand: () => number, quality: number): Record<string, unknown> {
  const o = overallScore(rand, quality);
  const a: Record<string, unknown> = { O: o };
  if (o <= 3 && rand() < 0.6) a.reasons = picks(rand, REASON_IDS, REASON_CUM, 2);
  return a;
}

/** QR page and dossier link: the overall question, the 19 criteria, expectations, sometimes reasons. */
function fullAnswers(rand: () => number, quality: number): Record<string, unknown> {
  const o = overallScore(rand, quality);
  const a: Record<string, unknown> = { O: o };
  for (const code of CRITERION_CODES) {
    if (rand() < 0.03) continue; // skipped
    if (rand() < (NA_SHARE[code] ?? 0.02)) {
      a[code] = null;
      continue;
    }
    const drift = rand();
    a[code] = Math.max(1, Math.min(5, o + (drift < 0.15 ? -1 : drift > 0.88 ? 1 : 0)));
  }
  if (rand() < 0.7) a.expect = picks(rand, EXPECT_IDS, EXPECT_CUM, 3);
  if (o <= 3 && rand() < 0.5) a.reasons = picks(rand, REASON_IDS, REASON_CUM, 2);
  return a;
}

// ---- accumulation ------------------------------------------------------------------

interface Acc {
  c: [number, number, number, number, number];
  na: number;
  n: number;
}

/** combination key → metric → counts, for one bucket. */
type Buckets = Map<string, Map<string, Acc>>;

const comboKey = (sp: string, unit: string, officer: string, proc: string, channel: Channel, verified: boolean) =>
  `${unit}\u0000${sp}\u0000${officer}\u0000${proc}\u0000${channel}\u0000${verified ? 1 : 0}`;

function add(into: Buckets, combo: string, metrics: ReturnType<typeof metricsOf>): void {
  let m = into.get(combo);
  if (!m) into.set(combo, (m = new Map()));
  for (const x of metrics) {
    const a = m.get(x.metric);
    if (!a) {
      m.set(x.metric, { c: [x.c[0], x.c[1], x.c[2], x.c[3], x.c[4]], na: x.na, n: x.n });
      continue;
    }
    for (let i = 0; i < 5; i++) a.c[i] += x.c[i];
    a.na += x.na;
    a.n += x.n;
  }
}

function flush(orgId: string, grain: 'hour' | 'day', bucket: number, from: Buckets, out: AggregateDelta[]): void {
  const combos = [...from.keys()].sort();
  for (const combo of combos) {
    const [unitId, servicePointId, officerId, procedureId, channel, verified] = combo.split('\u0000');
    const metrics = from.get(combo)!;
    for (const metric of [...metrics.keys()].sort()) {
      const a = metrics.get(metric)!;
      out.push({ orgId, unitId, servicePointId, officerId, procedureId, channel: channel as Channel, verified: verified === '1', grain, bucket, metric, c: a.c, na: a.na, n: a.n });
    }
  }
  from.clear();
}

// ---- build ---------------------------------------------------------------------------

export interface OpenOptions {
  responses: number;
  dataParent?: string;
  progress?: (line: string) => void;
  /** Rebuild even if a complete cached file exists. */
  rebuild?: boolean;
}

export const META_KIND = 'benchMeta';
export const META_ID = 'query-bench';

interface Meta {
  version: number;
  requested: number;
  complete: boolean;
  responses: number;
  byChannel: Record<Channel, number>;
  deltasWritten: number;
  buildMs: number;
  /** Rows of the aggregates table, counted once after the build. */
  rows?: TableRows;
}

export interface TableRows {
  hour: number;
  day: number;
  total: number;
}

export function datasetFile(responses: number, dataParent?: string): string {
  return path.join(dataParent ?? os.tmpdir(), `hailong-bench-query-v${QUERY_DATA_VERSION}-${responses}.db`);
}

function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Opens the cached data set, or builds it first. */
export async function openQueryDataset(opts: OpenOptions): Promise<QueryDataset> {
  const progress = opts.progress ?? (() => undefined);
  const file = datasetFile(opts.responses, opts.dataParent);
  const province = buildProvince();
  if (opts.rebuild) removeDb(file);
  if (existsSync(file)) {
    const store = openSqliteStore({ file });
    await store.migrate();
    const meta = await store.getEntity<Meta>(META_KIND, META_ID);
    if (meta?.data.complete && meta.data.version === QUERY_DATA_VERSION && meta.data.requested === opts.responses) {
      progress(`reusing ${file} (${meta.data.responses.toLocaleString('en')} responses' aggregates, built in ${(meta.data.buildMs / 1000).toFixed(0)} s)`);
      return { store, file, province, responses: meta.data.responses, built: false, buildMs: meta.data.buildMs, requested: opts.responses, byChannel: meta.data.byChannel, deltasWritten: meta.data.deltasWritten };
    }
    progress(`${file} is incomplete or stale: rebuilding`);
    await store.close();
    removeDb(file);
  }
  const store = openSqliteStore({ file });
  await store.migrate();
  const t0 = performance.now();
  const built = await generate(store, province, opts.responses, progress);
  const buildMs = performance.now() - t0;
  const meta: Meta = { version: QUERY_DATA_VERSION, requested: opts.responses, complete: true, ...built, buildMs };
  await store.putEntity<Meta>({ kind: META_KIND, id: META_ID, orgId: province.orgId, data: meta, updatedAt: new Date().toISOString() });
  return { store, file, province, ...built, built: true, buildMs, requested: opts.responses };
}

async function generate(
  store: Store,
  p: Province,
  target: number,
  progress: (line: string) => void,
): Promise<{ responses: number; byChannel: Record<Channel, number>; deltasWritten: number }> {
  const def = defaultSurveyDefinition();
  const days: DayInfo[] = [];
  for (let d = DATA_FROM; d < DATA_NOW; d += DAY_MS) days.push(dayInfo(d));

  // Pass 1: total relative volume, to scale the expected total to `target`.
  let total = 0;
  for (const day of days) {
    for (let h = 0; h < 24; h++) {
      if (day.start + h * HOUR_MS >= startOfHour(DATA_NOW)) break;
      for (const c of p.counters) {
        const w = hourWeights(c, day, h);
        total += w.kiosk + w.qr + w.link;
      }
    }
  }
  const scale = target / total;

  const rand = rng(7);
  const hourB: Buckets = new Map();
  const dayB: Buckets = new Map();
  const byChannel: Record<Channel, number> = { kiosk: 0, qr: 0, link: 0 };
  let responses = 0;
  let deltasWritten = 0;
  let checked = 0;
  let commitMs = 0;
  // One reusable response: metricsOf reads only `answers` and `comment`.
  const r: StoredResponse = {
    id: '', orgId: p.orgId, unitId: '', servicePointId: '', deviceId: null, officerId: null, procedureId: null,
    surveyVersionId: 'sipas-v1', channel: 'kiosk', verified: true, outsideHours: false, locale: 'vi',
    overall: null, answers: {}, comment: null, clientTime: null, serverTime: '', bodyHash: '', excluded: null,
  };
  const lastProgress = { t: performance.now() };
  const t0 = performance.now();

  for (const day of days) {
    const deltas: AggregateDelta[] = [];
    // The duty officer per counter and shift: rotating through the pool, sometimes swapped.
    const dayIndex = Math.round((day.start - DATA_FROM) / DAY_MS);
    const duty = p.counters.map((c) =>
      [0, 1].map((shift) => c.officers[(dayIndex * 2 + shift + (rand() < 0.3 ? 1 : 0)) % c.officers.length]),
    );
    for (let h = 0; h < 24; h++) {
      const hourStart = day.start + h * HOUR_MS;
      if (hourStart >= startOfHour(DATA_NOW)) break;
      for (let ci = 0; ci < p.counters.length; ci++) {
        const c = p.counters[ci];
        const w = hourWeights(c, day, h);
        if (w.kiosk + w.qr + w.link === 0) continue;
        const onDuty = duty[ci][h < 12 ? 0 : 1];
        const emit = (channel: Channel, verified: boolean, officer: string, proc: string, answers: Record<string, unknown>, comment: string | null) => {
          r.answers = answers;
          r.comment = comment;
          const metrics = metricsOf(r, def);
          const combo = comboKey(c.id, c.unitId, officer, proc, channel, verified);
          add(hourB, combo, metrics);
          add(dayB, combo, metrics);
          responses++;
          byChannel[channel]++;
          // Every 50,000th response: the merged path must equal deltasFor's own output.
          if (responses % 50_000 === 1) {
            checkAgainstDeltasFor({ ...r, unitId: c.unitId, servicePointId: c.id, officerId: officer || null, procedureId: proc || null, channel, verified, serverTime: new Date(hourStart + 1234).toISOString() }, def, hourStart, day.start, metrics);
            checked++;
          }
        };
        const nK = poisson(rand, w.kiosk * scale);
        for (let i = 0; i < nK; i++) emit('kiosk', true, onDuty, '', kioskAnswers(rand, c.quality), null);
        const nQ = poisson(rand, w.qr * scale);
        for (let i = 0; i < nQ; i++) {
          // The QR page offers the counter's procedures; a third of the people pick one.
          const proc = rand() < 0.35 ? c.procedures[pickCum(rand, c.procCum)] : '';
          const comment = rand() < 0.12 ? 'x' : null;
          emit('qr', false, onDuty, proc, fullAnswers(rand, c.quality), comment);
        }
        const nL = poisson(rand, w.link * scale);
        for (let i = 0; i < nL; i++) {
          // A dossier link names the procedure and the officer who handled it.
          const proc = c.procedures[pickCum(rand, c.procCum)];
          const officer = c.officers[Math.floor(rand() * c.officers.length)];
          const comment = rand() < 0.1 ? 'x' : null;
          emit('link', true, officer, proc, fullAnswers(rand, c.quality), comment);
        }
      }
      flush(p.orgId, 'hour', hourStart, hourB, deltas);
    }
    flush(p.orgId, 'day', startOfLocalDay(day.start), dayB, deltas);
    // The day's merged deltas ride on one synthetic carrier response.
    const carrier: StoredResponse = {
      ...r,
      id: `bench-carrier-${day.date}`,
      unitId: p.counters[0].unitId,
      servicePointId: p.counters[0].id,
      answers: {},
      comment: null,
      serverTime: new Date(day.start).toISOString(),
      bodyHash: `carrier-${day.date}`,
    };
    const tc = performance.now();
    const [outcome] = await store.commitResponses([{ response: carrier, deltas }]);
    commitMs += performance.now() - tc;
    if (outcome.status !== 'stored') throw new Error(`carrier ${carrier.id}: ${outcome.status}`);
    deltasWritten += deltas.length;
    if (performance.now() - lastProgress.t > 10_000) {
      lastProgress.t = performance.now();
      progress(
        `building: ${day.date}, ${responses.toLocaleString('en')} responses, ${deltasWritten.toLocaleString('en')} bucket rows, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
  }
  progress(`built: ${responses.toLocaleString('en')} responses → ${deltasWritten.toLocaleString('en')} bucket rows; ${checked} sampled responses matched deltasFor; commits ${(commitMs / 1000).toFixed(1)} s`);
  return { responses, byChannel, deltasWritten };
}

/** The hour and day deltas of one response, as deltasFor makes them, must be what was counted. */
function checkAgainstDeltasFor(
  r: StoredResponse,
  def: ReturnType<typeof defaultSurveyDefinition>,
  hourStart: number,
  dayStart: number,
  metrics: ReturnType<typeof metricsOf>,
): void {
  const ds = deltasFor(r, def);
  const expected = (['hour', 'day'] as const).flatMap((grain) =>
    metrics.map((m) => ({
      grain,
      bucket: grain === 'hour' ? hourStart : dayStart,
      orgId: r.orgId,
      unitId: r.unitId,
      servicePointId: r.servicePointId,
      officerId: r.officerId ?? '',
      procedureId: r.procedureId ?? '',
      channel: r.channel,
      verified: r.verified,
      metric: m.metric,
      c: m.c,
      na: m.na,
      n: m.n,
    })),
  );
  const norm = (d: AggregateDelta) =>
    [d.grain, d.bucket, d.orgId, d.unitId, d.servicePointId, d.officerId, d.procedureId, d.channel, d.verified, d.metric, d.c.join(','), d.na, d.n].join('|');
  const a = ds.map(norm).sort().join('\n');
  const b = expected.map(norm).sort().join('\n');
  if (a !== b) throw new Error(`generator disagrees with deltasFor for a ${r.channel} response:\n${a}\n---\n${b}`);
}

/** Rows of the aggregates table per grain: counted once (a full scan), then kept in the meta entity. */
export async function tableRows(ds: QueryDataset): Promise<TableRows> {
  const meta = await ds.store.getEntity<Meta>(META_KIND, META_ID);
  if (!meta) throw new Error('query data set has no meta entity');
  if (meta.data.rows) return meta.data.rows;
  const db = new Database(ds.file, { readonly: true, fileMustExist: true });
  let rows: TableRows;
  try {
    const counts = db.prepare<[], { grain: string; n: number }>('SELECT grain, count(*) AS n FROM aggregates GROUP BY grain').all();
    const of = (g: string) => counts.find((c) => c.grain === g)?.n ?? 0;
    rows = { hour: of('hour'), day: of('day'), total: counts.reduce((a, c) => a + c.n, 0) };
  } finally {
    db.close();
  }
  await ds.store.putEntity<Meta>({ ...meta, data: { ...meta.data, rows } });
  return rows;
}

export function fileSize(file: string): number {
  let size = 0;
  for (const f of [file, `${file}-wal`]) if (existsSync(f)) size += statSync(f).size;
  return size;
}
