/**
 * The "province" of the query bench: its shape and a deterministic stream of
 * the responses its offices would have stored over two years.
 *
 * Shape: 20 units, 100 counters of very different sizes, 300 officers (3 per
 * counter, on duty by shift), 150 procedures (owned by units, 6–12 per
 * counter, Zipf popularity), channels kiosk / qr / link over two years, with
 * working hours, weekdays, Saturday mornings at the larger units, public
 * holidays, growth over time and evening answers to QR codes and SMS dossier
 * links. A few ratings are excluded by a manager or held as suspects, as in a
 * real store, so the figures must leave them out.
 *
 * Every response is a full `StoredResponse` as the ingest service builds it
 * (ids are UUIDv7-shaped from the server time, so the id index fills in
 * order; the body hash is the sha256 of the canonical client body). The
 * stream is walked hour by hour in server-time order.
 */
import type { StoredResponse } from '../../server/store/types';
import type { Channel } from '../../shared/dimensions';
import type { OpeningHours } from '../../server/domain/entities';
import { prng } from '../../server/domain/prng';
import { hash } from 'node:crypto';
import { canonicalJson } from '../../server/domain/canonical';
import { isOpenAt } from '../../server/domain/opening-hours';
import { EXPECTATION_OPTIONS, REASON_OPTIONS } from '../../shared/survey';
import { CRITERION_CODES } from '../../shared/sipas';
import { DAY_MS, HOUR_MS, localMidnight, startOfHour, VN_OFFSET_MS } from '../../shared/periods';

/** Data covers [DATA_FROM, DATA_NOW); "now" for the queries is DATA_NOW (a Friday, 14:30 Vietnam time). */
export const DATA_FROM = localMidnight(2024, 11, 21);
export const DATA_NOW = localMidnight(2026, 11, 20) + 14.5 * HOUR_MS;

export interface Counter {
  id: string;
  code: string;
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
  hours: OpeningHours;
}

export interface Province {
  units: string[];
  counters: Counter[];
  officers: string[];
  /** Officer id → its unit. */
  officerUnit: Map<string, string>;
  procedures: string[];
  /** Procedure id → its owning unit. */
  procedureUnit: Map<string, string>;
}

// ---- small random helpers -------------------------------------------------------

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

/** Public holidays (local dates) the offices are closed: Tết, 30/4–1/5, 2/9, 1/1. */
export const HOLIDAYS: readonly string[] = [
  '2025-01-01',
  ...dateRange('2025-01-25', 9),
  '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02',
  '2026-01-01',
  ...dateRange('2026-02-14', 9),
  '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
];
const HOLIDAY_SET = new Set(HOLIDAYS);

function dateRange(first: string, days: number): string[] {
  const [y, m, d] = first.split('-').map(Number);
  return Array.from({ length: days }, (_, i) => new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
}

export function buildProvince(seed = 20241121): Province {
  const rand = prng(seed);
  const units = COUNTERS_PER_UNIT.map((_, i) => `unit-${pad(i + 1, 2)}`);
  const counters: Counter[] = [];
  const officers: string[] = [];
  const officerUnit = new Map<string, string>();
  const procedures: string[] = [];
  const procedureUnit = new Map<string, string>();
  let off = 0;
  let proc = 0;
  // 150 procedures shared out by unit size (1.5 per counter, at least 2 a unit; the rest to the largest units).
  const procsPerUnit = COUNTERS_PER_UNIT.map((n) => Math.max(2, Math.floor(1.5 * n)));
  for (let i = 0; procsPerUnit.reduce((a, b) => a + b, 0) < 150; i++) procsPerUnit[i % procsPerUnit.length]++;
  COUNTERS_PER_UNIT.forEach((nCounters, u) => {
    const nProcs = procsPerUnit[u];
    const unitProcs = Array.from({ length: nProcs }, () => `proc-${pad(++proc)}`);
    for (const p of unitProcs) procedureUnit.set(p, units[u]);
    procedures.push(...unitProcs);
    const unitFactor = Math.exp((rand() - 0.5) * 0.8);
    for (let c = 0; c < nCounters; c++) {
      const own = Array.from({ length: 3 }, () => `off-${pad(++off)}`);
      for (const o of own) officerUnit.set(o, units[u]);
      officers.push(...own);
      // 6–12 procedures per counter from the unit's list, most-asked first.
      const k = Math.min(unitProcs.length, 6 + Math.floor(rand() * 7));
      const start = Math.floor(rand() * unitProcs.length);
      const procs = Array.from({ length: k }, (_, i) => unitProcs[(start + i) % unitProcs.length]);
      // Counter sizes: lognormal, roughly 1 : 40 from the quietest to the busiest.
      const z = Math.sqrt(-2 * Math.log(Math.max(1e-9, rand()))) * Math.cos(2 * Math.PI * rand());
      const saturday = u < 6;
      counters.push({
        id: `sp-${pad(u + 1, 2)}-${pad(c + 1, 2)}`,
        code: `Q${pad(u + 1, 2)}${pad(c + 1, 2)}`,
        unitId: units[u],
        officers: own,
        procedures: procs,
        procCum: cumulative(procs.map((_, i) => 1 / Math.pow(i + 1, 1.1))),
        weight: unitFactor * Math.exp(0.8 * Math.max(-2.3, Math.min(2.3, z))),
        kioskShare: 0.65 + rand() * 0.25,
        linkShare: 0.02 + rand() * 0.06,
        quality: 0.82 + rand() * 0.15,
        saturday,
        hours: {
          weekdays: saturday ? [1, 2, 3, 4, 5, 6] : [1, 2, 3, 4, 5],
          sessions: [
            { open: '07:30', close: '11:30' },
            { open: '13:30', close: '17:00' },
          ],
          holidays: [...HOLIDAYS],
          ...(saturday ? { perDay: { '6': [{ open: '07:30', close: '11:30' }] } } : {}),
        },
      });
    }
  });
  return { units, counters, officers, officerUnit, procedures, procedureUnit };
}

// ---- calendar -------------------------------------------------------------------

/** Local hour → relative volume at the counter (open 7:30–11:30, 13:30–17:00). */
const COUNTER_HOURS: Record<number, number> = { 7: 0.6, 8: 1.0, 9: 1.15, 10: 1.1, 11: 0.55, 12: 0.05, 13: 0.45, 14: 1.0, 15: 1.0, 16: 0.65 };
/** Local hour → relative volume of QR answers given after leaving, and of SMS-link answers. */
const EVENING_HOURS: Record<number, number> = { 17: 0.8, 18: 0.9, 19: 1.2, 20: 1.3, 21: 1.0, 22: 0.5 };
const LINK_HOURS: Record<number, number> = { ...COUNTER_HOURS, ...EVENING_HOURS, 12: 0.6, 6: 0.2 };
const sumOf = (r: Record<number, number>) => Object.values(r).reduce((a, b) => a + b, 0);
/** Scales link answers (every day, weekends at 0.4) so a counter's weekly share of them is `linkShare`. */
const LINK_NORM = (5 * sumOf(COUNTER_HOURS)) / ((5 + 2 * 0.4) * sumOf(LINK_HOURS));

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
  return { start, date, weekday: d.getUTCDay(), holiday: HOLIDAY_SET.has(date), trend: (0.7 + 0.6 * progress) * season };
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
const COMMENTS_LOW = ['Phải chờ quá lâu, không có ai hướng dẫn.', 'Cán bộ trả lời chưa rõ ràng, phải đi lại nhiều lần.', 'Thiếu ghế ngồi chờ, phòng nóng.', 'Trả kết quả trễ hẹn 3 ngày.'];
const COMMENTS_HIGH = ['Cán bộ nhiệt tình, hướng dẫn chu đáo.', 'Thủ tục nhanh gọn, cảm ơn.', 'Rất hài lòng, được hỗ trợ tận tình.', 'Nhận kết quả đúng hẹn.'];

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

/** QR page and dossier link: the overall question, the 19 criteria, H and M, expectations, sometimes reasons. */
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
  const integrity = (worse: number) => {
    const x = rand();
    return x < worse * 0.15 ? 'many' : x < worse ? 'some' : 'none';
  };
  if (rand() < 0.9) a.H = integrity(o <= 2 ? 0.2 : 0.04);
  if (rand() < 0.9) a.M = integrity(o <= 2 ? 0.12 : 0.03);
  if (rand() < 0.7) a.expect = picks(rand, EXPECT_IDS, EXPECT_CUM, 3);
  if (o <= 3 && rand() < 0.5) a.reasons = picks(rand, REASON_IDS, REASON_CUM, 2);
  return a;
}

// ---- the stream ------------------------------------------------------------------

const hex = (n: number, w: number) => (n >>> 0).toString(16).padStart(w, '0').slice(-w);

/** A UUIDv7-shaped id: the server time's milliseconds first (ids sort by time), then a unique sequence and noise. */
function uuid7(ms: number, seq: number, rand: () => number): string {
  const t = ms.toString(16).padStart(12, '0');
  const r = Math.floor(rand() * 0x1000000);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(r >>> 12, 3)}-${hex(0x8000 | ((r & 0xfff) << 2) | (seq >>> 30), 4)}-${hex(seq >>> 14, 4)}${hex((seq << 18) | Math.floor(rand() * 0x40000), 8)}`;
}

/** Every answer key the generator writes, in canonicalJson's (code unit) order. */
const ANSWER_KEYS = [...CRITERION_CODES, 'H', 'M', 'O', 'expect', 'reasons'].sort();

/** The answers with their keys in sorted order, so JSON.stringify of the body is its canonical JSON. */
function sortedAnswers(a: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ANSWER_KEYS) if (a[k] !== undefined) out[k] = a[k];
  return out;
}

/**
 * The client body as canonicalJson writes it, without its generic key sort:
 * keys are set in sorted order (answers, channel, clientTime, comment, id,
 * locale, servicePointId, surveyVersionId) and JSON.stringify keeps that order.
 * Checked against canonicalJson on a sample while generating.
 */
function canonicalBody(b: { answers: Record<string, unknown>; channel: Channel; clientTime: string | null; comment: string | null; id: string; locale: string; servicePointId: string | null; surveyVersionId: string }): string {
  const o: Record<string, unknown> = { answers: b.answers, channel: b.channel };
  if (b.clientTime) o.clientTime = b.clientTime;
  if (b.comment) o.comment = b.comment;
  o.id = b.id;
  o.locale = b.locale;
  if (b.servicePointId) o.servicePointId = b.servicePointId;
  o.surveyVersionId = b.surveyVersionId;
  return JSON.stringify(o);
}

export interface StreamOptions {
  orgId: string;
  surveyVersionId: string;
  /** Kiosk device id per counter (every counter has one). */
  deviceOf: (counterId: string) => string;
  /** Expected number of responses over the two years. */
  target: number;
  seed?: number;
}

interface HourContext {
  opts: StreamOptions;
  rand: () => number;
  seq: number;
  hourStart: number;
  /** Open at the counter in the hour's first and second half (opening hours change on :00 and :30 only). */
  open: [boolean, boolean] | null;
  counter: Counter;
  out: StoredResponse[];
}

function makeResponse(x: HourContext, channel: Channel, officerId: string | null, procedureId: string | null, raw: Record<string, unknown>, comment: string | null): void {
  const { rand, opts, counter: c } = x;
  const offset = Math.floor(rand() * HOUR_MS);
  const at = x.hourStart + offset;
  const id = uuid7(at, x.seq++, rand);
  const serverTime = new Date(at).toISOString();
  // Kiosks and QR pages send the time pressed (a moment earlier); a link answer is timed by the server.
  const clientTime = channel === 'link' ? null : new Date(at - 150 - Math.floor(rand() * 2000)).toISOString();
  const locale = rand() < 0.94 ? 'vi' : 'en';
  const answers = sortedAnswers(raw);
  const body = { answers, channel, clientTime, comment, id, locale, servicePointId: channel === 'qr' ? c.id : null, surveyVersionId: opts.surveyVersionId };
  const canonical = canonicalBody(body);
  if ((x.seq & 4095) === 0) {
    const generic = canonicalJson({ id, surveyVersionId: opts.surveyVersionId, channel, locale, answers: raw, ...(clientTime ? { clientTime } : {}), ...(comment ? { comment } : {}), ...(channel === 'qr' ? { servicePointId: c.id } : {}) });
    if (generic !== canonical) throw new Error(`canonical body differs from canonicalJson:\n${canonical}\n${generic}`);
  }
  const r: StoredResponse = {
    id,
    orgId: opts.orgId,
    unitId: c.unitId,
    servicePointId: c.id,
    deviceId: channel === 'kiosk' ? opts.deviceOf(c.id) : null,
    officerId,
    procedureId,
    surveyVersionId: opts.surveyVersionId,
    channel,
    verified: channel !== 'qr',
    outsideHours: !(x.open ??= [isOpenAt(c.hours, x.hourStart), isOpenAt(c.hours, x.hourStart + HOUR_MS / 2)])[offset < HOUR_MS / 2 ? 0 : 1],
    locale,
    overall: typeof answers.O === 'number' ? answers.O : null,
    answers,
    comment,
    clientTime,
    serverTime,
    // sha256 hex, as canonical.ts's sha256 (crypto.hash is its one-shot form).
    bodyHash: hash('sha256', canonical),
    excluded: null,
  };
  // A few ratings a manager excluded, and kiosk presses held for review (most still pending, some let in).
  const fate = rand();
  if (fate < 0.003) r.excluded = { reason: 'Thử máy, không phải người dân đánh giá', by: 'admin@province.local', at: new Date(at + 2 * DAY_MS).toISOString() };
  else if (channel === 'kiosk' && fate < 0.006) {
    r.suspect = { reason: 'min-gap', at: serverTime, accepted: fate < 0.0045 ? null : { by: 'admin@province.local', at: new Date(at + DAY_MS).toISOString() } };
  }
  x.out.push(r);
}

const byTime = (a: StoredResponse, b: StoredResponse) => (a.serverTime < b.serverTime ? -1 : a.serverTime > b.serverTime ? 1 : a.id < b.id ? -1 : 1);

/** Calls `emit` with every hour's responses in server-time order, oldest hour first; answers how many it made. */
export function generateResponses(p: Province, opts: StreamOptions, emit: (hour: StoredResponse[]) => void): number {
  const days: DayInfo[] = [];
  for (let d = DATA_FROM; d < DATA_NOW; d += DAY_MS) days.push(dayInfo(d));
  const lastHour = startOfHour(DATA_NOW);

  // Pass 1: total relative volume, to scale the expected total to `target`.
  let total = 0;
  for (const day of days) {
    for (let h = 0; h < 24; h++) {
      if (day.start + h * HOUR_MS >= lastHour) break;
      for (const c of p.counters) {
        const w = hourWeights(c, day, h);
        total += w.kiosk + w.qr + w.link;
      }
    }
  }
  const scale = opts.target / total;
  const x: HourContext = { opts, rand: prng(opts.seed ?? 7), seq: 0, hourStart: 0, open: null, counter: p.counters[0], out: [] };
  const rand = x.rand;

  for (const day of days) {
    // The duty officer per counter and shift: rotating through the pool, sometimes swapped.
    const dayIndex = Math.round((day.start - DATA_FROM) / DAY_MS);
    const duty = p.counters.map((c) => [0, 1].map((shift) => c.officers[(dayIndex * 2 + shift + (rand() < 0.3 ? 1 : 0)) % c.officers.length]));
    for (let h = 0; h < 24; h++) {
      const hourStart = day.start + h * HOUR_MS;
      if (hourStart >= lastHour) break;
      x.hourStart = hourStart;
      x.out = [];
      for (let ci = 0; ci < p.counters.length; ci++) {
        const c = p.counters[ci];
        const w = hourWeights(c, day, h);
        if (w.kiosk + w.qr + w.link === 0) continue;
        x.counter = c;
        x.open = null;
        const onDuty = duty[ci][h < 12 ? 0 : 1];
        const nK = poisson(rand, w.kiosk * scale);
        for (let i = 0; i < nK; i++) makeResponse(x, 'kiosk', onDuty, null, kioskAnswers(rand, c.quality), null);
        const nQ = poisson(rand, w.qr * scale);
        for (let i = 0; i < nQ; i++) {
          // The QR page offers the counter's procedures; a third of the people pick one.
          const proc = rand() < 0.35 ? c.procedures[pickCum(rand, c.procCum)] : null;
          const answers = fullAnswers(rand, c.quality);
          const low = (answers.O as number) <= 3;
          const comment = rand() < 0.12 ? (low ? COMMENTS_LOW : COMMENTS_HIGH)[Math.floor(rand() * 4)] : null;
          makeResponse(x, 'qr', onDuty, proc, answers, comment);
        }
        const nL = poisson(rand, w.link * scale);
        for (let i = 0; i < nL; i++) {
          // A dossier link names the procedure and the officer who handled it.
          const proc = c.procedures[pickCum(rand, c.procCum)];
          const officer = c.officers[Math.floor(rand() * c.officers.length)];
          const answers = fullAnswers(rand, c.quality);
          const comment = rand() < 0.1 ? COMMENTS_LOW[Math.floor(rand() * COMMENTS_LOW.length)] : null;
          makeResponse(x, 'link', officer, proc, answers, comment);
        }
      }
      x.out.sort(byTime);
      emit(x.out);
    }
  }
  return x.seq;
}
