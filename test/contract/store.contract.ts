/**
 * The one contract every Store adapter must pass. Each test gets a fresh,
 * migrated store from `open` and closes it afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AggregateDelta,
  AggregateFilter,
  AggregateQuery,
  AggregateRow,
  CommitItem,
  DossierEventRecord,
  DossierFacts,
  EntityRecord,
  FiguresRebuildState,
  Grain,
  GroupDimension,
  RollupDim,
  RollupQuery,
  Store,
  StoredResponse,
} from '../../server/store/types';
import { GRAINS, ROLLUP_DIMS, countsInFigures } from '../../server/store/types';
import { ROLLUP_SOURCE, deltasFor } from '../../server/domain/aggregation';
import { DIMENSIONS } from '../../shared/dimensions';
import { startOfLocalMonth } from '../../shared/periods';
import { defaultSurveyDefinition } from '../../shared/survey';

const ORG = 'org-1';
const OTHER_ORG = 'org-2';
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 1); // 08:00 in Ho Chi Minh City
const DAY0 = Date.UTC(2025, 0, 5, 17); // 2025-01-06 00:00 in Ho Chi Minh City

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${String(++seq).padStart(6, '0')}`;
const isoAt = (ms: number) => new Date(ms).toISOString();

function response(over: Partial<StoredResponse> = {}): StoredResponse {
  const id = over.id ?? nextId('r');
  return {
    id,
    orgId: ORG,
    unitId: 'u1',
    servicePointId: 'sp1',
    deviceId: 'dev1',
    officerId: 'o1',
    procedureId: null,
    surveyVersionId: 'sv1',
    channel: 'kiosk',
    verified: true,
    outsideHours: false,
    locale: 'vi',
    overall: 5,
    answers: { O: 5, reasons: ['wait'], note: 'Cảm ơn' },
    comment: null,
    clientTime: null,
    serverTime: isoAt(T0),
    bodyHash: `hash-${id}`,
    excluded: null,
    ...over,
  };
}

function delta(over: Partial<AggregateDelta> = {}): AggregateDelta {
  return {
    grain: 'hour',
    bucket: T0,
    orgId: ORG,
    unitId: 'u1',
    servicePointId: 'sp1',
    officerId: 'o1',
    procedureId: '',
    channel: 'kiosk',
    verified: true,
    metric: 'q:O',
    c: [0, 0, 0, 0, 1],
    na: 0,
    n: 0,
    ...over,
  };
}

function entity<T>(over: Partial<EntityRecord<T>> & { data: T }): EntityRecord<T> {
  return { kind: 'unit', id: nextId('e'), orgId: ORG, lookup: null, updatedAt: '2025-01-06T01:00:00.000Z', ...over };
}

const hourQuery = (filter: Partial<AggregateFilter> = {}, extra: Partial<AggregateQuery> = {}): AggregateQuery => ({
  grain: 'hour',
  from: T0,
  to: T0 + 24 * HOUR,
  filter: { orgId: ORG, ...filter },
  ...extra,
});

// ---- figures at scale: a random mix of ratings and the checks every adapter's figures pass ----

const SURVEY = defaultSurveyDefinition();
const DAY = 24 * HOUR;
/** Every bucket any test writes. */
const FAR = { from: 0, to: Date.UTC(2100, 0, 1) };
/** 2025-01-01 00:00 in Ho Chi Minh City: the mix's ratings fall from 30 January to 3 February. */
const MIX_START = startOfLocalMonth(Date.UTC(2025, 0, 15));
const MIX_FIRST = Date.UTC(2025, 0, 29, 17);
const CHANNEL_LIST = ['kiosk', 'qr', 'link'] as const;

/** A seeded generator of 0 ≤ n < mod (the same sequence every run). */
function lcg(seed: number): (mod: number) => number {
  let s = seed;
  return (mod) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % mod;
  };
}

/** One rating with random dimensions and answers; a kiosk rating answers O (and the reasons) only, as kiosks do. */
function randomRating(next: (mod: number) => number): StoredResponse {
  const channel = CHANNEL_LIST[next(3)]!;
  const unitId = next(3) === 0 ? 'u2' : 'u1';
  const answers: Record<string, unknown> = { O: 1 + next(5) };
  for (const q of SURVEY.questions) {
    if (q.id === 'O' || (channel === 'kiosk' && q.id !== 'reasons') || next(3) === 0) continue;
    if (q.kind === 'rating5') answers[q.id] = next(6) === 0 ? null : 1 + next(5);
    else if (q.kind === 'choice') answers[q.id] = q.options[next(q.options.length)]!.id;
    else if (q.kind === 'multi') answers[q.id] = q.options.filter(() => next(3) === 0).map((o) => o.id);
  }
  const serverTime = isoAt(MIX_FIRST + next(5 * 24 * 60) * 60_000);
  return response({
    orgId: next(5) === 0 ? OTHER_ORG : ORG,
    unitId,
    servicePointId: unitId === 'u2' ? 'sp3' : ['sp1', 'sp2'][next(2)]!,
    officerId: [null, 'o1', 'o2'][next(3)]!,
    procedureId: [null, 'p1', 'p2'][next(3)]!,
    channel,
    verified: channel === 'kiosk' || next(2) === 0,
    overall: answers.O as number,
    answers,
    comment: next(4) === 0 ? 'Tốt' : null,
    serverTime,
    suspect: next(6) === 0 ? { reason: 'min-gap', at: serverTime, accepted: null } : null,
  });
}

/**
 * Commits 48 random ratings in batches (pending suspects without deltas, as
 * ingestion stores them), then excludes about a third, restores half of
 * those, and accepts about half the suspects (an excluded one is refused).
 * Answers every id.
 */
async function seedMix(store: Store, seed: number): Promise<string[]> {
  const next = lcg(seed);
  const all: StoredResponse[] = [];
  for (let batch = 0; batch < 6; batch++) {
    const items: CommitItem[] = [];
    for (let i = 0; i < 8; i++) {
      const r = randomRating(next);
      all.push(r);
      items.push({ response: r, deltas: r.suspect ? [] : deltasFor(r, SURVEY) });
    }
    await store.commitResponses(items);
  }
  const exclusion = { reason: 'thử nghiệm', by: 'admin-1', at: '2025-02-05T00:00:00.000Z' };
  const accepted = { by: 'manager@x', at: '2025-02-05T00:00:00.000Z' };
  for (const r of all) {
    const roll = next(6);
    if (roll < 2) {
      expect(await store.setExclusion(r.id, exclusion, deltasFor(r, SURVEY, -1))).toBe(true);
      if (roll === 0) expect(await store.setExclusion(r.id, null, deltasFor(r, SURVEY))).toBe(true);
    }
    if (r.suspect && next(2) === 0) await store.acceptSuspect(r.id, accepted, deltasFor(r, SURVEY));
  }
  return all.map((r) => r.id);
}

const isZero = (r: AggregateRow) => r.na === 0 && r.n === 0 && r.c.every((x) => x === 0);
const byGroupThenMetric = (a: AggregateRow, b: AggregateRow) =>
  (a.group ?? '') < (b.group ?? '') ? -1 : (a.group ?? '') > (b.group ?? '') ? 1 : a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0;

/** The rollups against the crossed aggregates summed per key by the store: every grain, every dimension. */
async function expectRollupsMatchCrossed(store: Store, orgId: string): Promise<void> {
  for (const grain of GRAINS) {
    expect(await store.sumRollups({ grain, ...FAR, orgId, dim: 'org' }), `${grain} org`).toEqual(await store.sumAggregates({ grain, ...FAR, filter: { orgId } }));
    for (const [dim, field] of Object.entries(ROLLUP_SOURCE) as [RollupDim, GroupDimension][]) {
      expect(await store.sumRollups({ grain, ...FAR, orgId, dim, groupBy: 'key' }), `${grain} ${dim}`).toEqual(
        await store.sumAggregates({ grain, ...FAR, filter: { orgId }, groupBy: field }),
      );
    }
  }
}

/** The rollups (zero rows aside) against a recount of the responses that count, read back from the store. */
async function expectFiguresMatchRaw(store: Store, ids: string[]): Promise<void> {
  const stored = await Promise.all(ids.map((id) => store.getResponse(id)));
  const deltas = stored.flatMap((r) => (r && countsInFigures(r) ? deltasFor(r, SURVEY) : []));
  for (const orgId of [ORG, OTHER_ORG]) {
    for (const grain of GRAINS) {
      for (const dim of ROLLUP_DIMS) {
        const field = dim === 'org' ? undefined : ROLLUP_SOURCE[dim];
        const expected = new Map<string, AggregateRow>();
        for (const d of deltas) {
          if (d.orgId !== orgId || d.grain !== grain) continue;
          const group = field ? String(d[field]) : undefined;
          const k = `${group}\u0000${d.metric}`;
          const row = expected.get(k) ?? { ...(group !== undefined ? { group } : {}), metric: d.metric, c: [0, 0, 0, 0, 0], na: 0, n: 0 };
          d.c.forEach((x, i) => (row.c[i] += x));
          row.na += d.na;
          row.n += d.n;
          expected.set(k, row);
        }
        const actual = await store.sumRollups({ grain, ...FAR, orgId, dim, ...(field ? { groupBy: 'key' as const } : {}) });
        expect(actual.filter((r) => !isZero(r)), `${orgId} ${grain} ${dim}`).toEqual([...expected.values()].filter((r) => !isZero(r)).sort(byGroupThenMetric));
      }
    }
  }
}

/** Every figure both tables answer, zero rows left out (a rebuild does not write what cancelled out). */
async function figuresSnapshot(store: Store): Promise<Record<string, AggregateRow[]>> {
  const out: Record<string, AggregateRow[]> = {};
  for (const orgId of [ORG, OTHER_ORG]) {
    for (const grain of GRAINS) {
      for (const dim of ROLLUP_DIMS) {
        out[`${orgId} ${grain} rollup ${dim}`] = (await store.sumRollups({ grain, ...FAR, orgId, dim, groupBy: 'key' })).filter((r) => !isZero(r));
      }
      out[`${orgId} ${grain} rollup series`] = (await store.rollupSeries({ grain, ...FAR, orgId, dim: 'org', groupBy: 'channel' })).filter((r) => !isZero(r));
      for (const groupBy of DIMENSIONS) {
        out[`${orgId} ${grain} crossed ${groupBy}`] = (await store.sumAggregates({ grain, ...FAR, filter: { orgId }, groupBy })).filter((r) => !isZero(r));
      }
    }
  }
  return out;
}

/** Runs a started rebuild to its end as the server's runner does: scan a batch, apply its deltas with the cursor. */
async function runRebuild(store: Store, batch: number): Promise<void> {
  let state = await store.figuresRebuildState();
  for (let guard = 0; state; guard++) {
    expect(guard).toBeLessThan(1000);
    const page = await store.scanResponsesForRebuild(state.after, batch);
    const last = page.at(-1);
    const next: FiguresRebuildState | null = last
      ? { ...state, after: { orgId: last.orgId, serverTime: last.serverTime, id: last.id }, done: state.done + page.length }
      : null;
    await store.applyRebuildBatch(page.flatMap((r) => (countsInFigures(r) ? deltasFor(r, SURVEY) : [])), next);
    state = next;
  }
}

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    const commitOne = async (r: StoredResponse, deltas: AggregateDelta[] = [], claims?: string[]) =>
      (await store.commitResponses([{ response: r, deltas, claims }]))[0];
    const total = async (filter: Partial<AggregateFilter> = {}) => store.sumAggregates(hourQuery(filter));

    describe('entities', () => {
      it('insertEntity stores a record that getEntity and findEntity return unchanged', async () => {
        const rec = entity({ id: 'u1', lookup: 'code:A1', data: { name: 'Phòng Lãnh sự', tags: ['a'], nested: { n: 1 } } });
        expect(await store.insertEntity(rec)).toBe('inserted');
        expect(await store.getEntity('unit', 'u1')).toEqual(rec);
        expect(await store.findEntity('unit', 'code:A1')).toEqual(rec);
      });

      it('getEntity and findEntity answer null when nothing matches', async () => {
        expect(await store.getEntity('unit', 'missing')).toBeNull();
        expect(await store.findEntity('unit', 'missing')).toBeNull();
      });

      it('insertEntity answers duplicate when the id is taken and keeps the first record', async () => {
        const first = entity({ id: 'u1', data: { v: 1 } });
        await store.insertEntity(first);
        expect(await store.insertEntity({ ...first, data: { v: 2 } })).toBe('duplicate');
        expect((await store.getEntity('unit', 'u1'))?.data).toEqual({ v: 1 });
      });

      it('insertEntity answers duplicate when another record holds the lookup, writing nothing', async () => {
        await store.insertEntity(entity({ id: 'u1', lookup: 'code:A1', data: {} }));
        expect(await store.insertEntity(entity({ id: 'u2', lookup: 'code:A1', data: {} }))).toBe('duplicate');
        expect(await store.getEntity('unit', 'u2')).toBeNull();
      });

      it('insertEntity lets any number of records have no lookup', async () => {
        expect(await store.insertEntity(entity({ id: 'u1', lookup: null, data: {} }))).toBe('inserted');
        expect(await store.insertEntity(entity({ id: 'u2', lookup: null, data: {} }))).toBe('inserted');
        expect(await store.insertEntity(entity({ id: 'u3', lookup: undefined, data: {} }))).toBe('inserted');
      });

      it('ids and lookups are unique per kind only', async () => {
        await store.insertEntity(entity({ kind: 'unit', id: 'x', lookup: 'same', data: { k: 'unit' } }));
        expect(await store.insertEntity(entity({ kind: 'officer', id: 'x', lookup: 'same', data: { k: 'officer' } }))).toBe(
          'inserted',
        );
        expect((await store.findEntity('officer', 'same'))?.data).toEqual({ k: 'officer' });
      });

      it('putEntity inserts a record that does not exist yet', async () => {
        const rec = entity({ id: 'u1', lookup: 'code:A1', data: { v: 1 } });
        expect(await store.putEntity(rec)).toBe('ok');
        expect(await store.getEntity('unit', 'u1')).toEqual(rec);
      });

      it('putEntity replaces data, orgId, lookup and updatedAt of the record with the same id', async () => {
        await store.insertEntity(entity({ id: 'u1', lookup: 'old', data: { v: 1 } }));
        const replaced = entity({
          id: 'u1',
          orgId: OTHER_ORG,
          lookup: 'new',
          data: { v: 2 },
          updatedAt: '2025-02-01T00:00:00.000Z',
        });
        expect(await store.putEntity(replaced)).toBe('ok');
        expect(await store.getEntity('unit', 'u1')).toEqual(replaced);
        expect(await store.findEntity('unit', 'old')).toBeNull();
        expect(await store.findEntity('unit', 'new')).toEqual(replaced);
      });

      it('putEntity answers duplicate when the lookup belongs to another record, changing neither', async () => {
        const a = entity({ id: 'a', lookup: 'taken', data: { v: 'a' } });
        const b = entity({ id: 'b', lookup: 'free', data: { v: 'b' } });
        await store.insertEntity(a);
        await store.insertEntity(b);
        expect(await store.putEntity({ ...b, lookup: 'taken', data: { v: 'changed' } })).toBe('duplicate');
        expect(await store.getEntity('unit', 'a')).toEqual(a);
        expect(await store.getEntity('unit', 'b')).toEqual(b);
      });

      it('putEntity with lookup null frees the lookup for another record', async () => {
        await store.insertEntity(entity({ kind: 'alert', id: 'a1', lookup: 'open:low-rate:org-1', data: {} }));
        expect(await store.putEntity(entity({ kind: 'alert', id: 'a1', lookup: null, data: { resolved: true } }))).toBe('ok');
        expect(await store.findEntity('alert', 'open:low-rate:org-1')).toBeNull();
        expect(await store.insertEntity(entity({ kind: 'alert', id: 'a2', lookup: 'open:low-rate:org-1', data: {} }))).toBe(
          'inserted',
        );
      });

      it('listEntities returns the kind newest first by updatedAt, then by id', async () => {
        await store.insertEntity(entity({ id: 'b', updatedAt: '2025-01-01T00:00:00.000Z', data: {} }));
        await store.insertEntity(entity({ id: 'a', updatedAt: '2025-01-03T00:00:00.000Z', data: {} }));
        await store.insertEntity(entity({ id: 'c', updatedAt: '2025-01-03T00:00:00.000Z', data: {} }));
        await store.insertEntity(entity({ kind: 'officer', id: 'z', updatedAt: '2025-01-09T00:00:00.000Z', data: {} }));
        const ids = (await store.listEntities('unit')).map((e) => e.id);
        expect(ids).toEqual(['c', 'a', 'b']);
      });

      it('listEntities filters by orgId', async () => {
        await store.insertEntity(entity({ id: 'mine', orgId: ORG, data: {} }));
        await store.insertEntity(entity({ id: 'theirs', orgId: OTHER_ORG, data: {} }));
        await store.insertEntity(entity({ id: 'global', orgId: null, data: {} }));
        expect((await store.listEntities('unit', { orgId: OTHER_ORG })).map((e) => e.id)).toEqual(['theirs']);
      });

      it('listEntities pages with limit and offset', async () => {
        for (let i = 0; i < 5; i++) {
          await store.insertEntity(entity({ id: `u${i}`, updatedAt: `2025-01-0${i + 1}T00:00:00.000Z`, data: {} }));
        }
        expect((await store.listEntities('unit', { limit: 2 })).map((e) => e.id)).toEqual(['u4', 'u3']);
        expect((await store.listEntities('unit', { limit: 2, offset: 2 })).map((e) => e.id)).toEqual(['u2', 'u1']);
        expect((await store.listEntities('unit', { offset: 4 })).map((e) => e.id)).toEqual(['u0']);
      });

      it('deleteEntity removes the record, frees its lookup, and answers false when nothing was there', async () => {
        await store.insertEntity(entity({ id: 'u1', lookup: 'code:A1', data: {} }));
        expect(await store.deleteEntity('unit', 'u1')).toBe(true);
        expect(await store.getEntity('unit', 'u1')).toBeNull();
        expect(await store.findEntity('unit', 'code:A1')).toBeNull();
        expect(await store.deleteEntity('unit', 'u1')).toBe(false);
        expect(await store.insertEntity(entity({ id: 'u2', lookup: 'code:A1', data: {} }))).toBe('inserted');
      });
    });

    describe('queryAudit', () => {
      type Entry = { id: string; orgId: string; at: string; actor: string; action: string; target: string };
      const audit = (id: string, at: string, actor: string, action: string, target: string, orgId = 'org-1') =>
        // updatedAt deliberately out of step with `at`: the log is ordered by when it happened.
        store.insertEntity(entity<Entry>({ kind: 'audit', id, orgId, updatedAt: '2020-01-01T00:00:00.000Z', data: { id, orgId, at, actor, action, target } }));
      const ids = (r: { items: Entry[] }) => r.items.map((e) => e.id);
      const q = (over: Partial<Parameters<Store['queryAudit']>[0]> = {}) => store.queryAudit<Entry>({ orgId: 'org-1', limit: 100, offset: 0, ...over });
      beforeEach(async () => {
        await audit('a1', '2026-03-01T08:00:00.000Z', 'Admin@Office.vn', 'user.create', 'u-1');
        await audit('a2', '2026-03-02T08:00:00.000Z', 'admin@office.vn', 'user.update', 'u-1');
        await audit('a3', '2026-03-03T08:00:00.000Z', 'head_a@office.vn', 'counter.update', 'sp-1');
        await audit('a4', '2026-03-04T08:00:00.000Z', 'system', 'username.odd', 'x');
        await audit('a5', '2026-03-05T08:00:00.000Z', 'admin@office.vn', 'user.create', 'u-2', 'org-2');
        await store.insertEntity(entity({ id: 'not-audit', orgId: 'org-1', data: { at: '2026-03-06T00:00:00.000Z', actor: 'admin@office.vn', action: 'user.create', target: 'u-1' } }));
      });

      it('answers one organisation’s entries, newest `at` first, with the total', async () => {
        const r = await q();
        expect(ids(r)).toEqual(['a4', 'a3', 'a2', 'a1']);
        expect(r.total).toBe(4);
      });

      it('filters by part of the actor in any case, treating % and _ literally', async () => {
        expect(ids(await q({ actor: 'ADMIN@' }))).toEqual(['a2', 'a1']);
        expect(ids(await q({ actor: 'head_a' }))).toEqual(['a3']);
        expect(ids(await q({ actor: 'head%' }))).toEqual([]);
        expect(ids(await q({ actor: 'd_a' }))).toEqual(['a3']);
        expect(ids(await q({ actor: 'dxa' }))).toEqual([]);
      });

      it('filters by one action, or a group ending in "." (not a longer word)', async () => {
        expect(ids(await q({ action: 'user.create' }))).toEqual(['a1']);
        expect(ids(await q({ action: 'user.' }))).toEqual(['a2', 'a1']);
        expect(ids(await q({ action: 'user' }))).toEqual([]);
      });

      it('filters by record and by a time range (from inclusive, to exclusive)', async () => {
        expect(ids(await q({ target: 'u-1' }))).toEqual(['a2', 'a1']);
        expect(ids(await q({ from: '2026-03-02T08:00:00.000Z', to: '2026-03-04T08:00:00.000Z' }))).toEqual(['a3', 'a2']);
        expect(ids(await q({ from: '2026-03-02T08:00:00.000Z', target: 'u-1', actor: 'admin' }))).toEqual(['a2']);
      });

      it('pages with limit and offset; the total counts every match', async () => {
        const first = await q({ limit: 3 });
        expect(ids(first)).toEqual(['a4', 'a3', 'a2']);
        expect(first.total).toBe(4);
        const second = await q({ limit: 3, offset: 3 });
        expect(ids(second)).toEqual(['a1']);
        expect(second.total).toBe(4);
        expect(ids(await q({ limit: 0 }))).toEqual([]);
      });
    });

    describe('commitResponses', () => {
      it('stores a new response that getResponse returns unchanged', async () => {
        const r = response({ comment: 'Nhanh, chu đáo', procedureId: 'p1', clientTime: isoAt(T0 - 1000) });
        expect(await commitOne(r)).toEqual({ status: 'stored' });
        expect(await store.getResponse(r.id)).toEqual(r);
      });

      it('getResponse answers null for an unknown id', async () => {
        expect(await store.getResponse('nope')).toBeNull();
      });

      it('answers an empty array for an empty batch', async () => {
        expect(await store.commitResponses([])).toEqual([]);
      });

      it('answers duplicate when the id repeats with the same bodyHash, and keeps the stored body', async () => {
        const r = response();
        await commitOne(r);
        expect(await commitOne({ ...r, serverTime: isoAt(T0 + HOUR) })).toEqual({ status: 'duplicate' });
        expect(await store.getResponse(r.id)).toEqual(r);
      });

      it('answers conflict when the id repeats with a different bodyHash, and keeps the stored body', async () => {
        const r = response();
        await commitOne(r);
        expect(await commitOne({ ...r, overall: 1, bodyHash: 'other' })).toEqual({ status: 'conflict' });
        expect(await store.getResponse(r.id)).toEqual(r);
      });

      it('does not apply the deltas of a duplicate or a conflicting item', async () => {
        const r = response();
        await commitOne(r, [delta({ metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 })]);
        await commitOne(r, [delta({ metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 })]);
        await commitOne({ ...r, bodyHash: 'other' }, [delta({ metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 })]);
        expect(await total({ metrics: ['resp'] })).toEqual([{ metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 }]);
      });

      it('takes the claims of a stored item', async () => {
        await commitOne(response(), [], ['dossier:abc', 'link:1']);
        expect(await store.hasClaim('dossier:abc')).toBe(true);
        expect(await store.hasClaim('link:1')).toBe(true);
        expect(await store.hasClaim('dossier:other')).toBe(false);
      });

      it('answers claimed with the taken claim and writes nothing for that item', async () => {
        await commitOne(response(), [], ['dossier:abc']);
        const second = response();
        const outcome = await commitOne(second, [delta({ metric: 'second' })], ['link:2', 'dossier:abc']);
        expect(outcome).toEqual({ status: 'claimed', claim: 'dossier:abc' });
        expect(await store.getResponse(second.id)).toBeNull();
        expect(await store.hasClaim('link:2')).toBe(false);
        expect(await total({ metrics: ['second'] })).toEqual([]);
      });

      it('treats the same id twice in one batch as sequential: the second is duplicate or conflict', async () => {
        const r = response();
        const d = [delta({ metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 })];
        const outcomes = await store.commitResponses([
          { response: r, deltas: d },
          { response: { ...r }, deltas: d },
          { response: { ...r, bodyHash: 'other' }, deltas: d },
        ]);
        expect(outcomes).toEqual([{ status: 'stored' }, { status: 'duplicate' }, { status: 'conflict' }]);
        expect(await total({ metrics: ['resp'] })).toEqual([{ metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 }]);
      });

      it('treats the same claim twice in one batch as sequential: the second item is claimed', async () => {
        const a = response();
        const b = response();
        const outcomes = await store.commitResponses([
          { response: a, deltas: [], claims: ['dossier:x'] },
          { response: b, deltas: [], claims: ['dossier:x'] },
        ]);
        expect(outcomes).toEqual([{ status: 'stored' }, { status: 'claimed', claim: 'dossier:x' }]);
        expect(await store.getResponse(b.id)).toBeNull();
      });

      it('answers each item of a mixed batch in order and stores only the new ones', async () => {
        const old = response();
        await commitOne(old, [], ['dossier:old']);
        const fresh = response();
        const blocked = response();
        const items: CommitItem[] = [
          { response: old, deltas: [] },
          { response: fresh, deltas: [] },
          { response: blocked, deltas: [], claims: ['dossier:old'] },
          { response: { ...old, bodyHash: 'changed' }, deltas: [] },
        ];
        expect(await store.commitResponses(items)).toEqual([
          { status: 'duplicate' },
          { status: 'stored' },
          { status: 'claimed', claim: 'dossier:old' },
          { status: 'conflict' },
        ]);
        expect(await store.getResponse(fresh.id)).toEqual(fresh);
        expect(await store.getResponse(blocked.id)).toBeNull();
      });

      it('keeps aggregates equal to the sum of all deltas after many commits', async () => {
        const expected = new Map<string, { c: number[]; na: number; n: number }>();
        let rand = 42;
        const next = (mod: number) => {
          rand = (rand * 1103515245 + 12345) % 2 ** 31;
          return rand % mod;
        };
        for (let batch = 0; batch < 20; batch++) {
          const items: CommitItem[] = [];
          for (let i = 0; i < 5; i++) {
            const score = next(5);
            const metric = ['q:O', 'q:A1', 'resp'][next(3)];
            const c: [number, number, number, number, number] = [0, 0, 0, 0, 0];
            if (metric !== 'resp') c[score] = 1;
            const d = delta({ metric, c, n: metric === 'resp' ? 1 : 0, na: next(4) === 0 ? 1 : 0, bucket: T0 + next(3) * HOUR });
            // Two deltas on the same bucket inside one item must both count.
            items.push({ response: response(), deltas: [d, { ...d }] });
            const e = expected.get(metric) ?? { c: [0, 0, 0, 0, 0], na: 0, n: 0 };
            for (let k = 0; k < 5; k++) e.c[k] += 2 * c[k];
            e.na += 2 * d.na;
            e.n += 2 * d.n;
            expected.set(metric, e);
          }
          await store.commitResponses(items);
        }
        const rows = await total();
        expect(rows).toEqual(
          [...expected.entries()]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([metric, e]) => ({ metric, c: e.c, na: e.na, n: e.n })),
        );
      });
    });

    describe('setExclusion', () => {
      const exclusion = { reason: 'thử nghiệm', by: 'admin-1', at: '2025-01-07T00:00:00.000Z' };
      const plus = () => [delta({ c: [0, 0, 0, 0, 1] })];
      const minus = () => [delta({ c: [0, 0, 0, 0, -1] })];

      it('excludes a response: stores the exclusion and applies the negated deltas', async () => {
        const r = response();
        await commitOne(r, plus());
        expect(await store.setExclusion(r.id, exclusion, minus())).toBe(true);
        expect((await store.getResponse(r.id))?.excluded).toEqual(exclusion);
        expect(await total({ metrics: ['q:O'] })).toEqual([{ metric: 'q:O', c: [0, 0, 0, 0, 0], na: 0, n: 0 }]);
      });

      it('answers false and applies nothing when the response is already excluded', async () => {
        const r = response();
        await commitOne(r, plus());
        await store.setExclusion(r.id, exclusion, minus());
        expect(await store.setExclusion(r.id, { ...exclusion, reason: 'again' }, minus())).toBe(false);
        expect((await store.getResponse(r.id))?.excluded).toEqual(exclusion);
        expect(await total({ metrics: ['q:O'] })).toEqual([{ metric: 'q:O', c: [0, 0, 0, 0, 0], na: 0, n: 0 }]);
      });

      it('restores an excluded response: clears the exclusion and re-applies the deltas', async () => {
        const r = response();
        await commitOne(r, plus());
        await store.setExclusion(r.id, exclusion, minus());
        expect(await store.setExclusion(r.id, null, plus())).toBe(true);
        expect((await store.getResponse(r.id))?.excluded).toBeNull();
        expect(await total({ metrics: ['q:O'] })).toEqual([{ metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 }]);
      });

      it('answers false and applies nothing when restoring a response that is not excluded', async () => {
        const r = response();
        await commitOne(r, plus());
        expect(await store.setExclusion(r.id, null, plus())).toBe(false);
        expect(await total({ metrics: ['q:O'] })).toEqual([{ metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 }]);
      });

      it('answers false and applies nothing for an unknown response', async () => {
        expect(await store.setExclusion('missing', exclusion, minus())).toBe(false);
        expect(await total()).toEqual([]);
      });
    });

    describe('suspect ratings (held for review)', () => {
      const pending = (over: Partial<StoredResponse> = {}) =>
        response({ suspect: { reason: 'min-gap', at: isoAt(T0), accepted: null }, ...over });
      const plus = () => [delta({ c: [0, 0, 0, 0, 1] })];
      const minus = () => [delta({ c: [0, 0, 0, 0, -1] })];
      const accepted = { by: 'manager@x', at: '2025-01-07T00:00:00.000Z' };
      const exclusion = { reason: 'spam', by: 'manager@x', at: '2025-01-07T00:00:00.000Z' };
      const q5 = async () => (await total({ metrics: ['q:O'] }))[0]?.c[4] ?? 0;

      it('stores a suspect with its flag and returns it unchanged', async () => {
        const r = pending();
        expect(await commitOne(r)).toEqual({ status: 'stored' });
        expect(await store.getResponse(r.id)).toEqual(r);
      });

      it('lists only pending suspects that are not excluded when asked for them, newest first', async () => {
        await store.commitResponses([
          { response: response({ id: 'plain', serverTime: isoAt(T0) }), deltas: [] },
          { response: pending({ id: 'p1', serverTime: isoAt(T0 + 1000) }), deltas: [] },
          { response: pending({ id: 'p2', serverTime: isoAt(T0 + 2000) }), deltas: [] },
          { response: pending({ id: 'p3', serverTime: isoAt(T0 + 3000) }), deltas: [] },
          { response: pending({ id: 'other-org', orgId: OTHER_ORG }), deltas: [] },
        ]);
        await store.acceptSuspect('p2', accepted, []);
        await store.setExclusion('p3', exclusion, []);
        expect((await store.listResponses({ orgId: ORG, suspect: 'pending', limit: 10 })).map((r) => r.id)).toEqual(['p1']);
        expect((await store.listResponses({ orgId: ORG, suspect: 'pending', includeExcluded: true, limit: 10 })).map((r) => r.id)).toEqual(['p1']);
        // The ordinary list shows them all (but excluded ones), with their state.
        expect((await store.listResponses({ orgId: ORG, limit: 10 })).map((r) => r.id)).toEqual(['p2', 'p1', 'plain']);
      });

      it('acceptSuspect records who accepted it and applies the deltas once', async () => {
        const r = pending();
        await commitOne(r);
        expect(await store.acceptSuspect(r.id, accepted, plus())).toBe(true);
        expect((await store.getResponse(r.id))?.suspect).toEqual({ reason: 'min-gap', at: isoAt(T0), accepted });
        expect(await store.acceptSuspect(r.id, accepted, plus())).toBe(false);
        expect(await q5()).toBe(1);
      });

      it('acceptSuspect answers false, applying nothing, for an ordinary, unknown or excluded response', async () => {
        const plain = response();
        await commitOne(plain, plus());
        expect(await store.acceptSuspect(plain.id, accepted, plus())).toBe(false);
        expect(await store.acceptSuspect('missing', accepted, plus())).toBe(false);
        const r = pending();
        await commitOne(r);
        expect(await store.setExclusion(r.id, exclusion, minus())).toBe(true);
        expect(await store.acceptSuspect(r.id, accepted, plus())).toBe(false);
        expect(await q5()).toBe(1);
      });

      it('excluding or restoring a pending suspect moves no figure; an accepted one moves like any other', async () => {
        const r = pending();
        await commitOne(r);
        expect(await store.setExclusion(r.id, exclusion, minus())).toBe(true);
        expect(await q5()).toBe(0);
        expect(await store.setExclusion(r.id, null, plus())).toBe(true);
        expect(await q5()).toBe(0);
        expect((await store.listResponses({ orgId: ORG, suspect: 'pending', limit: 10 })).map((x) => x.id)).toEqual([r.id]);
        await store.acceptSuspect(r.id, accepted, plus());
        expect(await q5()).toBe(1);
        await store.setExclusion(r.id, exclusion, minus());
        expect(await q5()).toBe(0);
        await store.setExclusion(r.id, null, plus());
        expect(await q5()).toBe(1);
      });
    });

    describe('claimGap', () => {
      const keep = () => Date.now() + HOUR;
      it('answers true for presses at least the gap apart, false for one closer to another', async () => {
        expect(await store.claimGap('gap:dev1', 'a', 10_000, 5_000, keep())).toBe(true);
        expect(await store.claimGap('gap:dev1', 'b', 15_000, 5_000, keep())).toBe(true);
        expect(await store.claimGap('gap:dev1', 'c', 17_000, 5_000, keep())).toBe(false);
      });

      it('judges a press that arrives late against the ones before and after it', async () => {
        expect(await store.claimGap('gap:dev1', 'a', 10_000, 5_000, keep())).toBe(true);
        expect(await store.claimGap('gap:dev1', 'b', 30_000, 5_000, keep())).toBe(true);
        expect(await store.claimGap('gap:dev1', 'late-ok', 20_000, 5_000, keep())).toBe(true);
        expect(await store.claimGap('gap:dev1', 'late-bad', 27_000, 5_000, keep())).toBe(false);
      });

      it('answers the same for the same response again, and keeps kiosks apart', async () => {
        expect(await store.claimGap('gap:dev1', 'a', 10_000, 5_000, keep())).toBe(true);
        expect(await store.claimGap('gap:dev1', 'a', 10_000, 5_000, keep())).toBe(true);
        expect(await store.claimGap('gap:dev2', 'x', 10_500, 5_000, keep())).toBe(true);
      });

      it('lets exactly one of many simultaneous presses through', async () => {
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claimGap('gap:dev9', `r${i}`, 50_000 + i * 10, 5_000, keep())));
        expect(answers.filter(Boolean)).toHaveLength(1);
      });

      it('claimGaps answers as claiming one after the other, in order, within the batch and against earlier marks', async () => {
        expect(await store.claimGap('gap:dev1', 'a', 10_000, 5_000, keep())).toBe(true);
        const g = (responseId: string, at: number, key = 'gap:dev1') => ({ key, responseId, at, gapMs: 5_000, keepUntil: keep() });
        expect(await store.claimGaps([])).toEqual([]);
        // b is clear, c too close to b (in the batch), d too close to a (before the batch), another kiosk apart.
        expect(await store.claimGaps([g('b', 16_000), g('c', 18_000), g('d', 6_000), g('x', 16_100, 'gap:dev2')])).toEqual([true, false, false, true]);
        // The batch's marks stay for later claims.
        expect(await store.claimGap('gap:dev1', 'e', 19_500, 5_000, keep())).toBe(false);
      });
    });

    describe('duty history', () => {
      const period = (from: number, officerId: string | null, setBy = 'head@x') => ({ orgId: ORG, unitId: 'u1', servicePointId: 'sp1', officerId, from, setBy });

      it('closes the open period when a new one starts and answers who was on duty at any time', async () => {
        await store.recordDuty(period(1_000, 'o1'));
        await store.recordDuty(period(5_000, 'o2', 'admin@x'));
        await store.recordDuty(period(9_000, null));
        expect(await store.dutyAt('sp1', 500)).toBeNull();
        expect(await store.dutyAt('sp1', 1_000)).toEqual({ ...period(1_000, 'o1'), to: 5_000 });
        expect((await store.dutyAt('sp1', 4_999))?.officerId).toBe('o1');
        expect(await store.dutyAt('sp1', 5_000)).toEqual({ ...period(5_000, 'o2', 'admin@x'), to: 9_000 });
        expect(await store.dutyAt('sp1', 99_000)).toEqual({ ...period(9_000, null), to: null });
        expect(await store.dutyAt('sp2', 5_000)).toBeNull();
      });

      it('lists a counter\'s periods newest first', async () => {
        await store.recordDuty(period(1_000, 'o1'));
        await store.recordDuty(period(5_000, 'o2'));
        await store.recordDuty({ ...period(2_000, 'o9'), servicePointId: 'sp2' });
        expect((await store.dutyHistory('sp1', 10)).map((p) => [p.from, p.to, p.officerId])).toEqual([
          [5_000, null, 'o2'],
          [1_000, 5_000, 'o1'],
        ]);
        expect(await store.dutyHistory('sp1', 1)).toHaveLength(1);
      });
    });

    describe('kiosk presence history', () => {
      const mark = (servicePointId: string, slot: number, orgId = ORG) => ({ orgId, servicePointId, slot });

      it('keeps one mark per counter and slot however often it is marked, and answers ranges in order', async () => {
        await Promise.all([store.markKioskSeen(mark('sp2', 10)), store.markKioskSeen(mark('sp1', 12)), store.markKioskSeen(mark('sp1', 10)), store.markKioskSeen(mark('sp1', 10))]);
        await store.markKioskSeen(mark('sp1', 11));
        await store.markKioskSeen(mark('sp1', 11, OTHER_ORG));
        expect(await store.kioskSeenSlots({ orgId: ORG, fromSlot: 0, toSlot: 100 })).toEqual([mark('sp1', 10), mark('sp1', 11), mark('sp1', 12), mark('sp2', 10)]);
        expect(await store.kioskSeenSlots({ orgId: ORG, fromSlot: 11, toSlot: 12 })).toEqual([mark('sp1', 11)]);
        expect(await store.kioskSeenSlots({ orgId: ORG, fromSlot: 0, toSlot: 100, servicePointIds: ['sp2'] })).toEqual([mark('sp2', 10)]);
        expect(await store.kioskSeenSlots({ orgId: ORG, fromSlot: 0, toSlot: 100, servicePointIds: [] })).toEqual([]);
      });

      it('marks many at once, keeping one mark per counter and slot', async () => {
        await store.markKioskSeen(mark('sp1', 3));
        await store.markKioskSeenMany([mark('sp1', 3), mark('sp1', 4), mark('sp2', 3), mark('sp1', 4), mark('sp1', 9, OTHER_ORG)]);
        await store.markKioskSeenMany([]);
        expect(await store.kioskSeenSlots({ orgId: ORG, fromSlot: 0, toSlot: 100 })).toEqual([mark('sp1', 3), mark('sp1', 4), mark('sp2', 3)]);
        expect(await store.kioskSeenSlots({ orgId: OTHER_ORG, fromSlot: 0, toSlot: 100 })).toEqual([mark('sp1', 9, OTHER_ORG)]);
      });

      it('answers where the history starts, and purges by age', async () => {
        expect(await store.firstKioskSeenSlot(ORG)).toBeNull();
        await store.markKioskSeen(mark('sp1', 20));
        await store.markKioskSeen(mark('sp2', 15));
        await store.markKioskSeen(mark('sp1', 5, OTHER_ORG));
        expect(await store.firstKioskSeenSlot(ORG)).toBe(15);
        expect(await store.purgeKioskSeen(ORG, 16)).toBe(1);
        expect(await store.firstKioskSeenSlot(ORG)).toBe(20);
        expect(await store.firstKioskSeenSlot(OTHER_ORG)).toBe(5);
        expect(await store.purgeKioskSeen(OTHER_ORG, 16)).toBe(1);
        expect(await store.firstKioskSeenSlot(OTHER_ORG)).toBeNull();
      });
    });

    describe('sumAggregates', () => {
      const seed = async () => {
        const deltas = [
          delta({ unitId: 'u1', servicePointId: 'sp1', officerId: 'o1', procedureId: 'p1', channel: 'kiosk', verified: true, c: [1, 0, 0, 0, 0] }),
          delta({ unitId: 'u1', servicePointId: 'sp2', officerId: 'o2', procedureId: '', channel: 'qr', verified: false, c: [0, 1, 0, 0, 0] }),
          delta({ unitId: 'u2', servicePointId: 'sp3', officerId: 'o3', procedureId: 'p2', channel: 'link', verified: true, c: [0, 0, 1, 0, 0] }),
          delta({ unitId: 'u3', servicePointId: 'sp4', officerId: '', procedureId: 'p1', channel: 'kiosk', verified: true, c: [0, 0, 0, 1, 0], bucket: T0 + HOUR }),
          // Outside the range, another grain, another organisation: never counted by hourQuery().
          delta({ c: [0, 0, 0, 0, 7], bucket: T0 - HOUR }),
          delta({ c: [0, 0, 0, 0, 7], bucket: T0 + 24 * HOUR }),
          delta({ c: [0, 0, 0, 0, 7], grain: 'day', bucket: DAY0 }),
          delta({ c: [0, 0, 0, 0, 7], orgId: OTHER_ORG }),
        ];
        await commitOne(response(), deltas);
      };
      const sumC = async (filter: Partial<AggregateFilter>) => (await total(filter)).map((r) => r.c);

      it('sums only the asked grain, organisation and buckets in [from, to)', async () => {
        await seed();
        expect(await sumC({})).toEqual([[1, 1, 1, 1, 0]]);
        expect(await store.sumAggregates(hourQuery({}, { from: T0 + HOUR, to: T0 + 2 * HOUR }))).toEqual([
          { metric: 'q:O', c: [0, 0, 0, 1, 0], na: 0, n: 0 },
        ]);
      });

      it('sums the day grain separately from the hour grain', async () => {
        await seed();
        const rows = await store.sumAggregates({ grain: 'day', from: DAY0, to: DAY0 + 24 * HOUR, filter: { orgId: ORG } });
        expect(rows).toEqual([{ metric: 'q:O', c: [0, 0, 0, 0, 7], na: 0, n: 0 }]);
      });

      const filterCases: [string, Partial<AggregateFilter>, number[][]][] = [
        ['unitIds', { unitIds: ['u1', 'u3'] }, [[1, 1, 0, 1, 0]]],
        ['servicePointId', { servicePointId: 'sp2' }, [[0, 1, 0, 0, 0]]],
        ['officerId', { officerId: 'o3' }, [[0, 0, 1, 0, 0]]],
        ['an empty officerId (no officer)', { officerId: '' }, [[0, 0, 0, 1, 0]]],
        ['procedureId', { procedureId: 'p1' }, [[1, 0, 0, 1, 0]]],
        ['channel', { channel: 'kiosk' }, [[1, 0, 0, 1, 0]]],
        ['verified true', { verified: true }, [[1, 0, 1, 1, 0]]],
        ['verified false', { verified: false }, [[0, 1, 0, 0, 0]]],
        ['several filters at once', { unitIds: ['u1'], channel: 'kiosk', verified: true }, [[1, 0, 0, 0, 0]]],
        ['an empty unitIds list (matches nothing)', { unitIds: [] }, []],
      ];
      for (const [label, filter, expected] of filterCases) {
        it(`filters by ${label}`, async () => {
          await seed();
          expect(await sumC(filter)).toEqual(expected);
        });
      }

      describe('metrics', () => {
        const seedMetrics = () =>
          commitOne(response(), [
            delta({ metric: 'q:O', c: [0, 0, 0, 0, 1] }),
            delta({ metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 }),
            delta({ metric: 'm:reasons:wait', c: [0, 0, 0, 0, 0], n: 2 }),
            delta({ metric: 'm:reasons:rude', c: [0, 0, 0, 0, 0], n: 3 }),
            delta({ metric: 'm:REASONS:x', c: [0, 0, 0, 0, 0], n: 4 }),
            delta({ metric: 'm:expect_x:a', c: [0, 0, 0, 0, 0], n: 5 }),
            delta({ metric: 'm:expectYx:a', c: [0, 0, 0, 0, 0], n: 6 }),
          ]);

        it('returns one row per metric, ordered by metric', async () => {
          await seedMetrics();
          expect((await total()).map((r) => r.metric)).toEqual([
            'm:REASONS:x',
            'm:expectYx:a',
            'm:expect_x:a',
            'm:reasons:rude',
            'm:reasons:wait',
            'q:O',
            'resp',
          ]);
        });

        it('restricts to exact metric names', async () => {
          await seedMetrics();
          expect(await total({ metrics: ['resp', 'q:O'] })).toEqual([
            { metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 },
            { metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 },
          ]);
        });

        it('treats an entry ending in * as a case-sensitive prefix', async () => {
          await seedMetrics();
          expect((await total({ metrics: ['m:reasons:*'] })).map((r) => [r.metric, r.n])).toEqual([
            ['m:reasons:rude', 3],
            ['m:reasons:wait', 2],
          ]);
        });

        it('matches prefix characters literally (an underscore is not a wildcard)', async () => {
          await seedMetrics();
          expect((await total({ metrics: ['m:expect_*'] })).map((r) => r.metric)).toEqual(['m:expect_x:a']);
        });

        it('mixes exact names and prefixes', async () => {
          await seedMetrics();
          expect((await total({ metrics: ['resp', 'm:reasons:w*'] })).map((r) => r.metric)).toEqual([
            'm:reasons:wait',
            'resp',
          ]);
        });

        it('matches nothing for an empty metrics list', async () => {
          await seedMetrics();
          expect(await total({ metrics: [] })).toEqual([]);
        });
      });

      const groupCases: [GroupDimension, string[]][] = [
        ['unitId', ['u1', 'u1', 'u2', 'u3']],
        ['servicePointId', ['sp1', 'sp2', 'sp3', 'sp4']],
        ['officerId', ['', 'o1', 'o2', 'o3']],
        ['procedureId', ['', 'p1', 'p2']],
        ['channel', ['kiosk', 'link', 'qr']],
        ['verified', ['false', 'true']],
      ];
      for (const [groupBy, groups] of groupCases) {
        it(`groups by ${groupBy}, returning the value as a string`, async () => {
          await seed();
          const rows = await store.sumAggregates(hourQuery({}, { groupBy }));
          expect(rows.map((r) => r.group)).toEqual([...new Set(groups)].sort());
          // Grouping splits the totals, it never changes them.
          const summed = rows.reduce((acc, r) => acc.map((v, i) => v + r.c[i]), [0, 0, 0, 0, 0]);
          expect(summed).toEqual([1, 1, 1, 1, 0]);
        });
      }

      it('groups by verified into the strings true and false', async () => {
        await seed();
        const rows = await store.sumAggregates(hourQuery({}, { groupBy: 'verified' }));
        expect(rows).toEqual([
          { group: 'false', metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
          { group: 'true', metric: 'q:O', c: [1, 0, 1, 1, 0], na: 0, n: 0 },
        ]);
      });

      it('leaves group absent when not grouping', async () => {
        await seed();
        const [row] = await total();
        expect(row).not.toHaveProperty('group');
      });
    });

    describe('aggregateSeries', () => {
      it('returns one row per bucket and metric, ordered by bucket', async () => {
        await commitOne(response(), [
          delta({ bucket: T0 + 2 * HOUR, c: [0, 0, 0, 0, 1] }),
          delta({ bucket: T0, c: [1, 0, 0, 0, 0] }),
          delta({ bucket: T0 + HOUR, c: [0, 0, 1, 0, 0] }),
          delta({ bucket: T0, metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 }),
          delta({ bucket: T0, unitId: 'u2', c: [1, 0, 0, 0, 0] }),
          delta({ bucket: T0 + 30 * HOUR, c: [1, 0, 0, 0, 0] }),
        ]);
        expect(await store.aggregateSeries(hourQuery())).toEqual([
          { bucket: T0, metric: 'q:O', c: [2, 0, 0, 0, 0], na: 0, n: 0 },
          { bucket: T0, metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 },
          { bucket: T0 + HOUR, metric: 'q:O', c: [0, 0, 1, 0, 0], na: 0, n: 0 },
          { bucket: T0 + 2 * HOUR, metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 },
        ]);
      });

      it('applies filters and groupBy within each bucket', async () => {
        await commitOne(response(), [
          delta({ bucket: T0 + HOUR, unitId: 'u2', c: [0, 1, 0, 0, 0] }),
          delta({ bucket: T0, unitId: 'u1', c: [1, 0, 0, 0, 0] }),
          delta({ bucket: T0, unitId: 'u2', c: [0, 0, 1, 0, 0] }),
          delta({ bucket: T0, unitId: 'u3', c: [0, 0, 0, 1, 0] }),
          delta({ bucket: T0, unitId: 'u1', metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 }),
        ]);
        const rows = await store.aggregateSeries(hourQuery({ unitIds: ['u1', 'u2'], metrics: ['q:*'] }, { groupBy: 'unitId' }));
        expect(rows).toEqual([
          { bucket: T0, group: 'u1', metric: 'q:O', c: [1, 0, 0, 0, 0], na: 0, n: 0 },
          { bucket: T0, group: 'u2', metric: 'q:O', c: [0, 0, 1, 0, 0], na: 0, n: 0 },
          { bucket: T0 + HOUR, group: 'u2', metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
        ]);
      });
    });

    describe('listResponses', () => {
      const at = (minutes: number) => isoAt(T0 + minutes * 60_000);
      const ids = (rs: StoredResponse[]) => rs.map((r) => r.id);
      const commitAll = async (rs: StoredResponse[]) => {
        await store.commitResponses(rs.map((response) => ({ response, deltas: [] })));
      };

      it('lists newest first by serverTime, then by id, within the organisation', async () => {
        await commitAll([
          response({ id: 'a', serverTime: at(1) }),
          response({ id: 'c', serverTime: at(2) }),
          response({ id: 'b', serverTime: at(2) }),
          response({ id: 'x', serverTime: at(3), orgId: OTHER_ORG }),
        ]);
        expect(ids(await store.listResponses({ orgId: ORG, limit: 10 }))).toEqual(['c', 'b', 'a']);
      });

      it('returns at most limit responses', async () => {
        await commitAll([1, 2, 3].map((m) => response({ id: `r${m}`, serverTime: at(m) })));
        expect(ids(await store.listResponses({ orgId: ORG, limit: 2 }))).toEqual(['r3', 'r2']);
      });

      it('filters by a server-time range, from inclusive and to exclusive', async () => {
        await commitAll([1, 2, 3, 4].map((m) => response({ id: `r${m}`, serverTime: at(m) })));
        expect(ids(await store.listResponses({ orgId: ORG, from: at(2), to: at(4), limit: 10 }))).toEqual(['r3', 'r2']);
      });

      const filterCases: [string, Record<string, unknown>, string[]][] = [
        ['unitIds', { unitIds: ['u2', 'u3'] }, ['b', 'c']],
        ['an empty unitIds list (matches nothing)', { unitIds: [] }, []],
        ['servicePointId', { servicePointId: 'sp2' }, ['b']],
        ['officerId', { officerId: 'o3' }, ['c']],
        ['channel', { channel: 'qr' }, ['b', 'c']],
        ['withComment true (a non-blank comment)', { withComment: true }, ['a']],
        ['withComment false', { withComment: false }, ['b', 'c', 'd']],
      ];
      for (const [label, filter, expected] of filterCases) {
        it(`filters by ${label}`, async () => {
          await commitAll([
            response({ id: 'a', unitId: 'u1', servicePointId: 'sp1', officerId: 'o1', channel: 'kiosk', comment: 'Tốt' }),
            response({ id: 'b', unitId: 'u2', servicePointId: 'sp2', officerId: null, channel: 'qr', comment: null }),
            response({ id: 'c', unitId: 'u3', servicePointId: 'sp3', officerId: 'o3', channel: 'qr', comment: '   ' }),
            response({ id: 'd', unitId: 'u4', servicePointId: 'sp4', officerId: 'o4', channel: 'link', comment: '' }),
          ]);
          const found = await store.listResponses({ orgId: ORG, limit: 10, ...filter });
          expect(ids(found).sort()).toEqual(expected);
        });
      }

      it('leaves excluded responses out unless includeExcluded is set', async () => {
        await commitAll([response({ id: 'kept', serverTime: at(1) }), response({ id: 'gone', serverTime: at(2) })]);
        await store.setExclusion('gone', { reason: 'spam', by: 'admin', at: at(10) }, []);
        expect(ids(await store.listResponses({ orgId: ORG, limit: 10 }))).toEqual(['kept']);
        const all = await store.listResponses({ orgId: ORG, limit: 10, includeExcluded: true });
        expect(ids(all)).toEqual(['gone', 'kept']);
        expect(all[0].excluded?.reason).toBe('spam');
      });

      it('pages with a keyset cursor, visiting every response once even when serverTimes tie', async () => {
        const rs = Array.from({ length: 23 }, (_, i) => response({ id: `r${String(i).padStart(2, '0')}`, serverTime: at(Math.floor(i / 4)) }));
        await commitAll(rs);
        const seen: string[] = [];
        let before: { serverTime: string; id: string } | undefined;
        for (;;) {
          const page = await store.listResponses({ orgId: ORG, limit: 5, before });
          if (page.length === 0) break;
          seen.push(...ids(page));
          const last = page[page.length - 1];
          before = { serverTime: last.serverTime, id: last.id };
        }
        const expected = [...rs]
          .sort((a, b) => (a.serverTime === b.serverTime ? (a.id < b.id ? 1 : -1) : a.serverTime < b.serverTime ? 1 : -1))
          .map((r) => r.id);
        expect(seen).toEqual(expected);
      });

      it('finds comments by text with accents, case and đ/d folded on both sides', async () => {
        await commitAll([
          response({ id: 'a', serverTime: at(1), comment: 'Chờ ĐỢI quá lâu ở quầy' }),
          response({ id: 'b', serverTime: at(2), comment: 'Cán bộ đón tiếp nhiệt tình' }),
          response({ id: 'c', serverTime: at(3), comment: 'Phải chờ đợi  lâu' }),
          response({ id: 'd', serverTime: at(4), comment: null }),
          response({ id: 'e', serverTime: at(5), comment: 'Đường đi khó tìm' }),
        ]);
        const find = async (text: string) => ids(await store.listResponses({ orgId: ORG, limit: 10, commentContains: text }));
        expect(await find('cho doi')).toEqual(['c', 'a']);
        expect(await find('CHỜ ĐỢI')).toEqual(['c', 'a']);
        expect(await find('duong di')).toEqual(['e']);
        expect(await find('nhiet')).toEqual(['b']);
        expect(await find('a.*b')).toEqual([]);
        expect(await find('không có')).toEqual([]);
        // A blank text narrows nothing.
        expect(await find('  ')).toEqual(['e', 'd', 'c', 'b', 'a']);
      });

      it('filters by overall score and procedure', async () => {
        await commitAll([
          response({ id: 'a', serverTime: at(1), overall: 1, procedureId: 'p1' }),
          response({ id: 'b', serverTime: at(2), overall: 5, procedureId: 'p1' }),
          response({ id: 'c', serverTime: at(3), overall: 1, procedureId: 'p2' }),
        ]);
        expect(ids(await store.listResponses({ orgId: ORG, limit: 10, overall: 1 }))).toEqual(['c', 'a']);
        expect(ids(await store.listResponses({ orgId: ORG, limit: 10, procedureId: 'p1' }))).toEqual(['b', 'a']);
        expect(ids(await store.listResponses({ orgId: ORG, limit: 10, overall: 1, procedureId: 'p1' }))).toEqual(['a']);
      });

      it('pages a text search with the keyset cursor through every match, however far apart', async () => {
        const rs = Array.from({ length: 60 }, (_, i) =>
          response({ id: `r${String(i).padStart(2, '0')}`, serverTime: at(i), comment: i % 7 === 0 ? `Thủ tục rườm rà ${i}` : 'Tốt' }),
        );
        await commitAll(rs);
        const seen: string[] = [];
        let before: { serverTime: string; id: string } | undefined;
        for (;;) {
          const page = await store.listResponses({ orgId: ORG, limit: 3, commentContains: 'ruom ra', before });
          seen.push(...ids(page));
          if (page.length < 3) break;
          const last = page[page.length - 1];
          before = { serverTime: last.serverTime, id: last.id };
        }
        expect(seen).toEqual(['r56', 'r49', 'r42', 'r35', 'r28', 'r21', 'r14', 'r07', 'r00']);
      });

      it('combines the keyset cursor with filters', async () => {
        await commitAll([
          response({ id: 'a', serverTime: at(1), channel: 'qr' }),
          response({ id: 'b', serverTime: at(2), channel: 'kiosk' }),
          response({ id: 'c', serverTime: at(3), channel: 'qr' }),
          response({ id: 'd', serverTime: at(4), channel: 'qr' }),
        ]);
        const page = await store.listResponses({ orgId: ORG, channel: 'qr', limit: 10, before: { serverTime: at(3), id: 'c' } });
        expect(ids(page)).toEqual(['a']);
      });
    });

    describe('bumpCounter', () => {
      it('counts up within one window', async () => {
        const w = 1_000;
        expect(await store.bumpCounter('gap:dev1', w, Date.now() + HOUR)).toBe(1);
        expect(await store.bumpCounter('gap:dev1', w, Date.now() + HOUR)).toBe(2);
        expect(await store.bumpCounter('gap:dev1', w, Date.now() + HOUR)).toBe(3);
      });

      it('restarts at 1 when the window changes', async () => {
        await store.bumpCounter('burst:dev1', 1_000, Date.now() + HOUR);
        await store.bumpCounter('burst:dev1', 1_000, Date.now() + HOUR);
        expect(await store.bumpCounter('burst:dev1', 2_000, Date.now() + HOUR)).toBe(1);
        expect(await store.bumpCounter('burst:dev1', 2_000, Date.now() + HOUR)).toBe(2);
      });

      it('keeps separate counts per key', async () => {
        await store.bumpCounter('a', 1_000, Date.now() + HOUR);
        await store.bumpCounter('a', 1_000, Date.now() + HOUR);
        expect(await store.bumpCounter('b', 1_000, Date.now() + HOUR)).toBe(1);
      });
    });

    describe('readCounter', () => {
      it('reads the count of the current window without adding to it', async () => {
        await store.bumpCounter('fail:x', 1_000, Date.now() + HOUR);
        await store.bumpCounter('fail:x', 1_000, Date.now() + HOUR);
        expect(await store.readCounter('fail:x', 1_000)).toBe(2);
        expect(await store.readCounter('fail:x', 1_000)).toBe(2);
      });

      it('answers 0 for an unknown key or another window', async () => {
        await store.bumpCounter('fail:y', 1_000, Date.now() + HOUR);
        expect(await store.readCounter('fail:nobody', 1_000)).toBe(0);
        expect(await store.readCounter('fail:y', 2_000)).toBe(0);
      });
    });

    describe('dossier outcomes', () => {
      const LOW = 'low:';
      const ev = (hash: string, facts: DossierFacts, over: Partial<DossierEventRecord> = {}): DossierEventRecord => ({
        orgId: ORG,
        dossierHash: hash,
        unitId: 'u1',
        facts,
        factsHash: `fh-${JSON.stringify(facts)}-${over.unitId ?? 'u1'}`,
        recordedAt: isoAt(T0),
        ...over,
      });
      const settled = (hash: string, at: number, late = false, over: Partial<DossierEventRecord> = {}) =>
        ev(hash, { event: 'settled', settledAt: isoAt(at), late }, over);
      const complaint = (hash: string, raised = true) => ev(hash, { event: 'complaint', raised, raisedAt: raised ? isoAt(T0) : null });
      const summary = (over: Partial<Parameters<Store['summariseDossiers']>[0]> = {}) =>
        store.summariseDossiers({ orgId: ORG, from: T0 - HOUR, to: T0 + 10 * HOUR, lowRatingClaimPrefix: LOW, ...over });

      it('stores each (dossier, event) once: a replay is duplicate, other facts a conflict on facts', async () => {
        expect(await store.recordDossierEvents([settled('d1', T0)])).toEqual([{ status: 'stored' }]);
        expect(await store.recordDossierEvents([settled('d1', T0)])).toEqual([{ status: 'duplicate' }]);
        expect(await store.recordDossierEvents([settled('d1', T0, true)])).toEqual([{ status: 'conflict', field: 'facts' }]);
        const stored = await store.getDossierEvents(ORG, 'd1');
        expect(stored).toHaveLength(1);
        expect(stored[0].facts).toEqual({ event: 'settled', settledAt: isoAt(T0), late: false });
      });

      it('refuses an event naming another unit than the dossier has, and lets an event name none', async () => {
        await store.recordDossierEvents([ev('d2', { event: 'received', receivedAt: isoAt(T0 - HOUR), dueAt: null })]);
        expect(await store.recordDossierEvents([settled('d2', T0, false, { unitId: 'u2' })])).toEqual([{ status: 'conflict', field: 'unitId' }]);
        expect(await store.recordDossierEvents([settled('d2', T0, false, { unitId: null })])).toEqual([{ status: 'stored' }]);
        expect(await summary({ unitIds: ['u1'] })).toMatchObject({ settled: 1 });
      });

      it('judges items of one batch in order, so a repeat inside the batch is a duplicate', async () => {
        const out = await store.recordDossierEvents([settled('d3', T0), settled('d3', T0), settled('d3', T0, true)]);
        expect(out).toEqual([{ status: 'stored' }, { status: 'duplicate' }, { status: 'conflict', field: 'facts' }]);
      });

      it('counts settled, late, complained, low-rated and either-once over the settled range and scope', async () => {
        await store.recordDossierEvents([
          settled('a', T0, true),
          settled('b', T0 + HOUR),
          complaint('b'),
          settled('c', T0 + 2 * HOUR, true),
          complaint('c'),
          settled('d', T0 + 3 * HOUR),
          complaint('d', false),
          settled('e', T0 + 20 * HOUR), // outside the range
          ev('f', { event: 'received', receivedAt: isoAt(T0), dueAt: isoAt(T0 + 5 * HOUR) }), // not settled
          settled('g', T0, false, { unitId: 'u2' }),
        ]);
        await store.addClaims([`${LOW}c`, `${LOW}d`, `${LOW}e`]);
        expect(await summary()).toEqual({ anyRecorded: true, settled: 5, late: 2, complained: 2, lowRated: 2, complainedOrLowRated: 3 });
        expect(await summary({ unitIds: ['u2'] })).toEqual({ anyRecorded: true, settled: 1, late: 0, complained: 0, lowRated: 0, complainedOrLowRated: 0 });
        expect(await summary({ orgId: OTHER_ORG })).toEqual({ anyRecorded: false, settled: 0, late: 0, complained: 0, lowRated: 0, complainedOrLowRated: 0 });
        expect(await summary({ unitIds: [] })).toMatchObject({ anyRecorded: false, settled: 0 });
        expect(await summary({ from: T0 + 30 * HOUR, to: T0 + 40 * HOUR })).toMatchObject({ anyRecorded: true, settled: 0 });
      });

      it('addClaims takes new claims and leaves taken ones as they are', async () => {
        await commitOne(response(), [], ['x:1']);
        await store.addClaims(['x:1', 'x:2', 'x:2']);
        expect(await store.hasClaim('x:1')).toBe(true);
        expect(await store.hasClaim('x:2')).toBe(true);
        expect((await store.commitResponses([{ response: response(), deltas: [], claims: ['x:2'] }]))[0]).toEqual({ status: 'claimed', claim: 'x:2' });
      });
    });

    describe('per-dimension rollups', () => {
      // The sumAggregates seed: four crossed buckets in range, four that no hour query over [T0, T0 + 24 h) of ORG counts.
      const seed = () =>
        commitOne(response(), [
          delta({ unitId: 'u1', servicePointId: 'sp1', officerId: 'o1', procedureId: 'p1', channel: 'kiosk', verified: true, c: [1, 0, 0, 0, 0] }),
          delta({ unitId: 'u1', servicePointId: 'sp2', officerId: 'o2', procedureId: '', channel: 'qr', verified: false, c: [0, 1, 0, 0, 0] }),
          delta({ unitId: 'u2', servicePointId: 'sp3', officerId: 'o3', procedureId: 'p2', channel: 'link', verified: true, c: [0, 0, 1, 0, 0] }),
          delta({ unitId: 'u3', servicePointId: 'sp4', officerId: '', procedureId: 'p1', channel: 'kiosk', verified: true, c: [0, 0, 0, 1, 0], bucket: T0 + HOUR }),
          delta({ c: [0, 0, 0, 0, 7], bucket: T0 - HOUR }),
          delta({ c: [0, 0, 0, 0, 7], bucket: T0 + 24 * HOUR }),
          delta({ c: [0, 0, 0, 0, 7], grain: 'day', bucket: DAY0 }),
          delta({ c: [0, 0, 0, 0, 7], orgId: OTHER_ORG }),
        ]);
      const rollup = (q: Partial<RollupQuery> = {}) => store.sumRollups({ grain: 'hour', from: T0, to: T0 + 24 * HOUR, orgId: ORG, dim: 'org', ...q });
      const rollupC = async (q: Partial<RollupQuery>) => (await rollup(q)).map((r) => r.c);

      it('sums only the asked grain, organisation and buckets in [from, to)', async () => {
        await seed();
        expect(await rollup()).toEqual([{ metric: 'q:O', c: [1, 1, 1, 1, 0], na: 0, n: 0 }]);
        expect(await rollupC({ from: T0 + HOUR, to: T0 + 2 * HOUR })).toEqual([[0, 0, 0, 1, 0]]);
        expect(await rollupC({ grain: 'day', from: DAY0, to: DAY0 + 24 * HOUR })).toEqual([[0, 0, 0, 0, 7]]);
        expect(await rollupC({ orgId: OTHER_ORG })).toEqual([[0, 0, 0, 0, 7]]);
      });

      const filterCases: [string, Partial<RollupQuery>, number[][]][] = [
        ['unit keys', { dim: 'unit', keys: ['u1', 'u3'] }, [[1, 1, 0, 1, 0]]],
        ['a counter key', { dim: 'counter', keys: ['sp2'] }, [[0, 1, 0, 0, 0]]],
        ['an officer key', { dim: 'officer', keys: ['o3'] }, [[0, 0, 1, 0, 0]]],
        ['the empty officer key (no officer)', { dim: 'officer', keys: [''] }, [[0, 0, 0, 1, 0]]],
        ['a procedure key', { dim: 'procedure', keys: ['p1'] }, [[1, 0, 0, 1, 0]]],
        ['every key of a dimension', { dim: 'counter' }, [[1, 1, 1, 1, 0]]],
        ['channel', { channel: 'kiosk' }, [[1, 0, 0, 1, 0]]],
        ['verified true', { verified: true }, [[1, 0, 1, 1, 0]]],
        ['verified false', { verified: false }, [[0, 1, 0, 0, 0]]],
        ['keys, channel and verified at once', { dim: 'unit', keys: ['u1'], channel: 'kiosk', verified: true }, [[1, 0, 0, 0, 0]]],
        ['an unknown key', { dim: 'counter', keys: ['nope'] }, []],
        ['an empty keys list (matches nothing)', { dim: 'unit', keys: [] }, []],
      ];
      for (const [label, q, expected] of filterCases) {
        it(`filters by ${label}`, async () => {
          await seed();
          expect(await rollupC(q)).toEqual(expected);
        });
      }

      it('groups by key, naming the empty key ""', async () => {
        await seed();
        expect(await rollup({ dim: 'officer', groupBy: 'key' })).toEqual([
          { group: '', metric: 'q:O', c: [0, 0, 0, 1, 0], na: 0, n: 0 },
          { group: 'o1', metric: 'q:O', c: [1, 0, 0, 0, 0], na: 0, n: 0 },
          { group: 'o2', metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
          { group: 'o3', metric: 'q:O', c: [0, 0, 1, 0, 0], na: 0, n: 0 },
        ]);
      });

      it('groups by channel, within the named keys', async () => {
        await seed();
        expect(await rollup({ groupBy: 'channel' })).toEqual([
          { group: 'kiosk', metric: 'q:O', c: [1, 0, 0, 1, 0], na: 0, n: 0 },
          { group: 'link', metric: 'q:O', c: [0, 0, 1, 0, 0], na: 0, n: 0 },
          { group: 'qr', metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
        ]);
        expect(await rollup({ dim: 'unit', keys: ['u1'], groupBy: 'channel' })).toEqual([
          { group: 'kiosk', metric: 'q:O', c: [1, 0, 0, 0, 0], na: 0, n: 0 },
          { group: 'qr', metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
        ]);
      });

      it('groups by verified into the strings true and false', async () => {
        await seed();
        expect(await rollup({ dim: 'procedure', keys: ['p1', ''], groupBy: 'verified' })).toEqual([
          { group: 'false', metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
          { group: 'true', metric: 'q:O', c: [1, 0, 0, 1, 0], na: 0, n: 0 },
        ]);
      });

      it('leaves group absent when not grouping', async () => {
        await seed();
        const [row] = await rollup({ dim: 'unit', keys: ['u1'] });
        expect(row).not.toHaveProperty('group');
      });

      describe('metrics', () => {
        const seedMetrics = () =>
          commitOne(response(), [
            delta({ metric: 'q:O', c: [0, 0, 0, 0, 1] }),
            delta({ metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 }),
            delta({ metric: 'm:reasons:wait', c: [0, 0, 0, 0, 0], n: 2 }),
            delta({ metric: 'm:reasons:rude', c: [0, 0, 0, 0, 0], n: 3 }),
            delta({ metric: 'm:REASONS:x', c: [0, 0, 0, 0, 0], n: 4 }),
            delta({ metric: 'm:expect_x:a', c: [0, 0, 0, 0, 0], n: 5 }),
            delta({ metric: 'm:expectYx:a', c: [0, 0, 0, 0, 0], n: 6 }),
          ]);
        // Each case on the organisation, on named keys and across keys: the three index paths of both adapters.
        const scopes: [string, Partial<RollupQuery>][] = [
          ['the organisation', { dim: 'org' }],
          ['named counters', { dim: 'counter', keys: ['sp1'] }],
          ['every officer', { dim: 'officer' }],
        ];
        for (const [scope, q] of scopes) {
          it(`restricts ${scope} to exact names, case-sensitive literal prefixes, or both`, async () => {
            await seedMetrics();
            const metricsOf = async (metrics: string[]) => (await rollup({ ...q, metrics })).map((r) => [r.metric, r.n]);
            expect((await rollup(q)).map((r) => r.metric)).toEqual(['m:REASONS:x', 'm:expectYx:a', 'm:expect_x:a', 'm:reasons:rude', 'm:reasons:wait', 'q:O', 'resp']);
            expect(await rollup({ ...q, metrics: ['resp', 'q:O'] })).toEqual([
              { metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 },
              { metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 },
            ]);
            expect(await metricsOf(['m:reasons:*'])).toEqual([['m:reasons:rude', 3], ['m:reasons:wait', 2]]);
            expect(await metricsOf(['m:expect_*'])).toEqual([['m:expect_x:a', 5]]);
            expect(await metricsOf(['resp', 'm:reasons:w*'])).toEqual([['m:reasons:wait', 2], ['resp', 1]]);
            expect(await rollup({ ...q, metrics: [] })).toEqual([]);
          });
        }
      });

      it('rollupSeries answers one row per bucket, group and metric, ordered by bucket', async () => {
        await commitOne(response(), [
          delta({ bucket: T0 + 2 * HOUR, servicePointId: 'sp1', c: [0, 0, 0, 0, 1] }),
          delta({ bucket: T0, servicePointId: 'sp2', c: [0, 0, 1, 0, 0] }),
          delta({ bucket: T0, servicePointId: 'sp1', c: [1, 0, 0, 0, 0] }),
          delta({ bucket: T0, servicePointId: 'sp1', metric: 'resp', c: [0, 0, 0, 0, 0], n: 1 }),
          delta({ bucket: T0 + HOUR, servicePointId: 'sp3', c: [0, 1, 0, 0, 0] }),
          delta({ bucket: T0 + 30 * HOUR, servicePointId: 'sp1', c: [1, 0, 0, 0, 0] }),
        ]);
        const series = (q: Partial<RollupQuery>) => store.rollupSeries({ grain: 'hour', from: T0, to: T0 + 24 * HOUR, orgId: ORG, dim: 'counter', ...q });
        expect(await series({ keys: ['sp1', 'sp2'], metrics: ['q:*'], groupBy: 'key' })).toEqual([
          { bucket: T0, group: 'sp1', metric: 'q:O', c: [1, 0, 0, 0, 0], na: 0, n: 0 },
          { bucket: T0, group: 'sp2', metric: 'q:O', c: [0, 0, 1, 0, 0], na: 0, n: 0 },
          { bucket: T0 + 2 * HOUR, group: 'sp1', metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 },
        ]);
        expect(await series({ dim: 'org' })).toEqual([
          { bucket: T0, metric: 'q:O', c: [1, 0, 1, 0, 0], na: 0, n: 0 },
          { bucket: T0, metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 },
          { bucket: T0 + HOUR, metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
          { bucket: T0 + 2 * HOUR, metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 },
        ]);
        expect(await series({ keys: [] })).toEqual([]);
      });

      describe('kept equal to the crossed aggregates', () => {
        it('for every dimension and grain after commits, exclusions, restores and accepted suspects', async () => {
          const ids = await seedMix(store, 42);
          for (const orgId of [ORG, OTHER_ORG]) await expectRollupsMatchCrossed(store, orgId);
          await expectFiguresMatchRaw(store, ids);
        });

        it('month buckets hold the sum of their day buckets, and days the sum of their hours', async () => {
          await seedMix(store, 7);
          for (const month of [MIX_START, startOfLocalMonth(MIX_START + 40 * DAY)]) {
            const range = { from: month, to: startOfLocalMonth(month + 40 * DAY) };
            const crossed = async (grain: Grain) => store.sumAggregates({ grain, ...range, filter: { orgId: ORG } });
            const expected = await crossed('month');
            expect(expected.length).toBeGreaterThan(0);
            expect(await crossed('day')).toEqual(expected);
            expect(await crossed('hour')).toEqual(expected);
            for (const dim of ROLLUP_DIMS) {
              const rolled = async (grain: Grain) => store.sumRollups({ grain, ...range, orgId: ORG, dim, groupBy: 'key' });
              const months = await rolled('month');
              expect(await rolled('day')).toEqual(months);
              expect(await rolled('hour')).toEqual(months);
            }
            // Month by month, the series read back the same buckets' sums.
            const [monthRow] = await store.rollupSeries({ grain: 'month', ...range, orgId: ORG, dim: 'org', metrics: ['resp'] });
            const days = await store.rollupSeries({ grain: 'day', ...range, orgId: ORG, dim: 'org', metrics: ['resp'] });
            expect(monthRow?.bucket).toBe(month);
            expect(days.reduce((n, r) => n + r.n, 0)).toBe(monthRow?.n);
          }
        });

        it('rollupSeries by a key equals the crossed series pinned to it', async () => {
          await seedMix(store, 3);
          const range = { grain: 'day' as const, from: MIX_START, to: MIX_START + 62 * DAY };
          expect(await store.rollupSeries({ ...range, orgId: ORG, dim: 'counter', keys: ['sp1'] })).toEqual(
            await store.aggregateSeries({ ...range, filter: { orgId: ORG, servicePointId: 'sp1' } }),
          );
          expect(await store.rollupSeries({ ...range, orgId: ORG, dim: 'officer', groupBy: 'key', metrics: ['q:O', 'm:reasons:*'] })).toEqual(
            await store.aggregateSeries({ ...range, filter: { orgId: ORG, metrics: ['q:O', 'm:reasons:*'] }, groupBy: 'officerId' }),
          );
          expect(await store.rollupSeries({ ...range, orgId: ORG, dim: 'unit', keys: ['u1'], channel: 'qr', groupBy: 'verified' })).toEqual(
            await store.aggregateSeries({ ...range, filter: { orgId: ORG, unitIds: ['u1'], channel: 'qr' }, groupBy: 'verified' }),
          );
        });
      });
    });

    describe('purgeHourFigures', () => {
      // Three old hours × two counters = 6 crossed hour rows; each bucket adds 6 rollup
      // rows (org, unit, officer, procedure, and one per counter): 24 rows before T0.
      const seedHours = () =>
        commitOne(response(), [
          ...[3, 2, 1].flatMap((h) => ['sp1', 'sp2'].map((servicePointId) => delta({ bucket: T0 - h * HOUR, servicePointId }))),
          delta({ bucket: T0 }),
          delta({ grain: 'day', bucket: DAY0 - 24 * HOUR }),
          delta({ grain: 'month', bucket: startOfLocalMonth(T0) }),
        ]);
      const before = { from: 0, to: T0 };

      it('removes only hour rows older than before, at most limit a call, from both tables', async () => {
        await seedHours();
        const calls: number[] = [];
        // Until a call answers fewer than the limit, as the retention job does (bounded, in case it never does).
        for (let i = 0; i < 6 && calls.at(-1) !== 0; i++) calls.push(await store.purgeHourFigures(T0, 10));
        expect(calls).toEqual([10, 10, 4, 0]);
        expect(await store.sumAggregates({ grain: 'hour', ...before, filter: { orgId: ORG } })).toEqual([]);
        for (const dim of ROLLUP_DIMS) expect(await store.sumRollups({ grain: 'hour', ...before, orgId: ORG, dim })).toEqual([]);
        // The hour at `before` and every day and month row stay.
        const kept = [{ metric: 'q:O', c: [0, 0, 0, 0, 1], na: 0, n: 0 }];
        expect(await store.sumAggregates({ grain: 'hour', from: T0, to: T0 + HOUR, filter: { orgId: ORG } })).toEqual(kept);
        for (const grain of ['day', 'month'] as const) {
          expect(await store.sumAggregates({ grain, from: 0, to: T0 + DAY, filter: { orgId: ORG } })).toEqual(kept);
          for (const dim of ROLLUP_DIMS) expect(await store.sumRollups({ grain, from: 0, to: T0 + DAY, orgId: ORG, dim })).toEqual(kept);
        }
        for (const dim of ROLLUP_DIMS) expect(await store.sumRollups({ grain: 'hour', from: T0, to: T0 + HOUR, orgId: ORG, dim })).toEqual(kept);
      });

      it('deletes nothing with a zero limit or when nothing is old enough', async () => {
        await seedHours();
        expect(await store.purgeHourFigures(T0, 0)).toBe(0);
        expect(await store.purgeHourFigures(T0 - 3 * HOUR, 100)).toBe(0);
        expect(await store.sumAggregates({ grain: 'hour', ...before, filter: { orgId: ORG } })).toEqual([{ metric: 'q:O', c: [0, 0, 0, 0, 6], na: 0, n: 0 }]);
        expect(await store.purgeHourFigures(T0 - 2 * HOUR, 100)).toBe(8);
        expect(await store.sumRollups({ grain: 'hour', ...before, orgId: ORG, dim: 'counter', groupBy: 'key' })).toEqual([
          { group: 'sp1', metric: 'q:O', c: [0, 0, 0, 0, 2], na: 0, n: 0 },
          { group: 'sp2', metric: 'q:O', c: [0, 0, 0, 0, 2], na: 0, n: 0 },
        ]);
      });
    });

    describe('figures rebuild', () => {
      it('has no rebuild in progress on a fresh store', async () => {
        expect(await store.figuresRebuildState()).toBeNull();
      });

      it('startFiguresRebuild empties every figure and counts the responses', async () => {
        const ids = await seedMix(store, 11);
        const state = await store.startFiguresRebuild();
        expect(state).toEqual({ after: null, done: 0, total: ids.length, startedAt: expect.any(String) });
        expect(Number.isNaN(Date.parse(state.startedAt))).toBe(false);
        expect(await store.figuresRebuildState()).toEqual(state);
        for (const grain of GRAINS) {
          for (const orgId of [ORG, OTHER_ORG]) {
            expect(await store.sumAggregates({ grain, ...FAR, filter: { orgId } })).toEqual([]);
            for (const dim of ROLLUP_DIMS) expect(await store.sumRollups({ grain, ...FAR, orgId, dim })).toEqual([]);
          }
        }
        // The responses themselves stay.
        expect((await Promise.all(ids.map((id) => store.getResponse(id)))).every((r) => r !== null)).toBe(true);
      });

      it('scanResponsesForRebuild pages by (orgId, serverTime, id) across organisations, without gaps or repeats', async () => {
        const at = (m: number) => isoAt(T0 + m * 60_000);
        // Tied times, ids out of order, an excluded response and a pending suspect: every one is walked.
        const rs = [
          response({ id: 'b', orgId: ORG, serverTime: at(5) }),
          response({ id: 'a', orgId: ORG, serverTime: at(5) }),
          response({ id: 'c', orgId: ORG, serverTime: at(1), suspect: { reason: 'min-gap', at: at(1), accepted: null } }),
          response({ id: 'z', orgId: ORG, serverTime: at(9) }),
          response({ id: 'd', orgId: 'org-10', serverTime: at(0) }),
          response({ id: 'e', orgId: OTHER_ORG, serverTime: at(2) }),
          response({ id: 'f', orgId: OTHER_ORG, serverTime: at(2) }),
          response({ id: 'g', orgId: OTHER_ORG, serverTime: at(1) }),
        ];
        await store.commitResponses(rs.map((response) => ({ response, deltas: [] })));
        await store.setExclusion('z', { reason: 'spam', by: 'a', at: at(10) }, []);
        for (const limit of [1, 3, 8, 50]) {
          const seen: string[] = [];
          let after: FiguresRebuildState['after'] = null;
          for (;;) {
            const page = await store.scanResponsesForRebuild(after, limit);
            expect(page.length).toBeLessThanOrEqual(limit);
            seen.push(...page.map((r) => r.id));
            const last = page.at(-1);
            if (!last) break;
            after = { orgId: last.orgId, serverTime: last.serverTime, id: last.id };
          }
          // 'org-1' < 'org-10' < 'org-2', compared as strings.
          expect(seen).toEqual(['c', 'a', 'b', 'z', 'd', 'g', 'e', 'f']);
        }
        const [first] = await store.scanResponsesForRebuild(null, 1);
        expect(first).toEqual(rs[2]);
        expect((await store.scanResponsesForRebuild({ orgId: ORG, serverTime: at(9), id: 'z' }, 1))[0]?.excluded).toBeNull();
        expect((await store.scanResponsesForRebuild({ orgId: ORG, serverTime: at(5), id: 'b' }, 1))[0]?.excluded).toEqual({ reason: 'spam', by: 'a', at: at(10) });
        expect(await store.scanResponsesForRebuild(null, 0)).toEqual([]);
      });

      it('applyRebuildBatch applies crossed and rollup deltas with the new state; null ends the rebuild', async () => {
        const r1 = response({ serverTime: isoAt(T0) });
        const r2 = response({ serverTime: isoAt(T0 + HOUR), servicePointId: 'sp2', answers: { O: 2 } });
        await store.commitResponses([r1, r2].map((response) => ({ response, deltas: [] })));
        const start = await store.startFiguresRebuild();
        const mid: FiguresRebuildState = { ...start, after: { orgId: r1.orgId, serverTime: r1.serverTime, id: r1.id }, done: 1 };
        await store.applyRebuildBatch(deltasFor(r1, SURVEY), mid);
        expect(await store.figuresRebuildState()).toEqual(mid);
        const overall = async (grain: Grain) => (await store.sumRollups({ grain, ...FAR, orgId: ORG, dim: 'counter', groupBy: 'key', metrics: ['q:O'] })).map((r) => [r.group, r.c]);
        expect(await overall('day')).toEqual([['sp1', [0, 0, 0, 0, 1]]]);
        await store.applyRebuildBatch(deltasFor(r2, SURVEY), null);
        expect(await store.figuresRebuildState()).toBeNull();
        for (const grain of GRAINS) expect(await overall(grain)).toEqual([['sp1', [0, 0, 0, 0, 1]], ['sp2', [0, 1, 0, 0, 0]]]);
        await expectRollupsMatchCrossed(store, ORG);
        // An empty last batch just ends it.
        await store.startFiguresRebuild();
        await store.applyRebuildBatch([], null);
        expect(await store.figuresRebuildState()).toBeNull();
        expect(await overall('day')).toEqual([]);
      });

      it('a rebuild from the raw responses gives back the figures that commits, exclusions and accepted suspects made', async () => {
        const ids = await seedMix(store, 5);
        const before = await figuresSnapshot(store);
        await store.startFiguresRebuild();
        await runRebuild(store, 7);
        expect(await store.figuresRebuildState()).toBeNull();
        expect(await figuresSnapshot(store)).toEqual(before);
        await expectFiguresMatchRaw(store, ids);
      });
    });

    describe('migrate', () => {
      it('running migrate again is harmless and keeps the data', async () => {
        const r = response();
        await commitOne(r, [delta()], ['dossier:m']);
        await store.insertEntity(entity({ id: 'u1', lookup: 'code', data: { v: 1 } }));
        await store.migrate();
        await store.migrate();
        expect(await store.getResponse(r.id)).toEqual(r);
        expect(await store.hasClaim('dossier:m')).toBe(true);
        expect((await store.findEntity('unit', 'code'))?.id).toBe('u1');
        expect(await total()).toHaveLength(1);
        expect(await store.insertEntity(entity({ id: 'u2', lookup: 'code', data: {} }))).toBe('duplicate');
      });
    });
  });
}

/**
 * An existing store upgraded in place to the per-dimension rollups. `openUpgraded`
 * writes the responses (as they are, exclusions included) and a crossed bucket
 * the way the previous schema stored them, then opens and migrates the store.
 */
export function figuresUpgradeContract(name: string, openUpgraded: (responses: StoredResponse[]) => Promise<Store>): void {
  describe(`${name} store upgraded to per-dimension rollups`, () => {
    it('holding responses, it gets a pending rebuild and empty figures; the rebuild fills them, once', async () => {
      const rs = [
        response({ serverTime: isoAt(T0), answers: { O: 4 } }),
        response({ serverTime: isoAt(T0 + HOUR), servicePointId: 'sp2', answers: { O: 2, reasons: ['wait'] } }),
        response({ serverTime: isoAt(T0 + 2 * HOUR), excluded: { reason: 'spam', by: 'a', at: isoAt(T0 + 3 * HOUR) } }),
        response({ orgId: OTHER_ORG, serverTime: isoAt(T0) }),
      ];
      const store = await openUpgraded(rs);
      try {
        expect(await store.figuresRebuildState()).toEqual({ after: null, done: 0, total: 4, startedAt: expect.any(String) });
        for (const grain of GRAINS) {
          expect(await store.sumAggregates({ grain, ...FAR, filter: { orgId: ORG } })).toEqual([]);
          for (const dim of ROLLUP_DIMS) expect(await store.sumRollups({ grain, ...FAR, orgId: ORG, dim })).toEqual([]);
        }
        expect(await store.getResponse(rs[2]!.id)).toEqual(rs[2]);

        await runRebuild(store, 3);
        expect(await store.figuresRebuildState()).toBeNull();
        expect(await store.sumRollups({ grain: 'month', ...FAR, orgId: ORG, dim: 'counter', groupBy: 'key', metrics: ['q:O', 'resp'] })).toEqual([
          { group: 'sp1', metric: 'q:O', c: [0, 0, 0, 1, 0], na: 0, n: 0 },
          { group: 'sp1', metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 },
          { group: 'sp2', metric: 'q:O', c: [0, 1, 0, 0, 0], na: 0, n: 0 },
          { group: 'sp2', metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 },
        ]);
        for (const orgId of [ORG, OTHER_ORG]) await expectRollupsMatchCrossed(store, orgId);
        await expectFiguresMatchRaw(store, rs.map((r) => r.id));

        // Migrating again (every start does) does not start it over.
        await store.migrate();
        expect(await store.figuresRebuildState()).toBeNull();
        expect(await store.sumRollups({ grain: 'day', ...FAR, orgId: OTHER_ORG, dim: 'org', metrics: ['resp'] })).toEqual([
          { metric: 'resp', c: [0, 0, 0, 0, 0], na: 0, n: 1 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('without responses, it has nothing to rebuild', async () => {
      const store = await openUpgraded([]);
      try {
        expect(await store.figuresRebuildState()).toBeNull();
      } finally {
        await store.close();
      }
    });
  });
}
