/**
 * The demo's dossiers (issue 10 item 8, outcomes half): after seed.ts has
 * stored its responses, every dossier-link answer gets the dossier it was
 * about — its link issued a few days before the answer, counted in the daily
 * link tally, its single-use claim taken (and the low-rating mark when it
 * was rated ≤ 2) — plus the dossiers whose links were never answered, and
 * for all of them the one-stop software's facts: received, due, settled (a
 * few late, the recent ones still open) and a few complaints. So coverage and
 * Decision 766 indicator 5.4 show realistic values on `npm start`.
 *
 * Deterministic (seeded PRNG). Writes through the Store only; survey and
 * answers stay seed.ts's business.
 */
import type { Logger } from 'pino';
import { DAY_MS, HOUR_MS, startOfLocalDay } from '../../shared/periods';
import type { DossierEventRecord, DossierFacts, Store, StoredResponse } from '../store/types';
import { canonicalJson, sha256 } from './canonical';
import { LOW_RATING_MAX, lowRatingClaim } from './dossier-outcomes.service';
import type { Entities, Organisation } from './entities';
import { TALLY_KIND, dossierClaimId } from './survey-links.service';
import { prng } from './prng';

export interface SeedOutcomesDeps {
  store: Store;
  entities: Entities;
  log: Logger;
  surveyLinks: { dossierRefHash(orgId: string, dossierRef: string): Promise<string> };
}

/** Share of issued links that are answered in the demo (about what offices see on paper receipts). */
const ANSWER_SHARE = 0.4;
const LATE_SHARE = 0.04;
const COMPLAINT_SHARE = 0.02;

async function linkAnswers(store: Store, orgId: string): Promise<StoredResponse[]> {
  const out: StoredResponse[] = [];
  let before: { serverTime: string; id: string } | undefined;
  for (;;) {
    const page = await store.listResponses({ orgId, channel: 'link', limit: 500, before, includeExcluded: true });
    out.push(...page);
    if (page.length < 500) return out;
    const last = page[page.length - 1];
    before = { serverTime: last.serverTime, id: last.id };
  }
}

export async function seedDemoOutcomes(deps: SeedOutcomesDeps, org: Organisation, now = Date.now()): Promise<void> {
  const { store, entities, surveyLinks } = deps;
  const rand = prng(20261201);
  const answers = await linkAnswers(store, org.id);
  const counters = await entities.list('servicePoint', { orgId: org.id });
  if (!counters.length) return;

  interface DemoDossier { ref: string; receivedAt: number; unitId: string; answer: StoredResponse | null }
  const dossiers: DemoDossier[] = [];
  // The answered ones: issued 1–4 days before the citizen answered (never today, whose live tally is the issuing code's).
  for (const r of answers) {
    const at = Date.parse(r.serverTime);
    const receivedAt = Math.min(at - (1 + Math.floor(rand() * 4)) * DAY_MS, startOfLocalDay(now) - HOUR_MS);
    dossiers.push({ ref: '', receivedAt, unitId: r.unitId, answer: r });
  }
  // The unanswered ones, spread over the same days.
  const oldest = answers.length ? Math.min(...dossiers.map((d) => d.receivedAt)) : startOfLocalDay(now) - 90 * DAY_MS;
  const span = startOfLocalDay(now) - HOUR_MS - oldest;
  const unanswered = Math.round((answers.length * (1 - ANSWER_SHARE)) / ANSWER_SHARE);
  for (let i = 0; i < unanswered; i++) {
    const sp = counters[Math.floor(rand() * counters.length)];
    dossiers.push({ ref: '', receivedAt: oldest + Math.floor(rand() * span), unitId: sp.unitId, answer: null });
  }
  dossiers.sort((a, b) => a.receivedAt - b.receivedAt);
  dossiers.forEach((d, i) => (d.ref = `000.00.31.H40-DEMO-${String(i + 1).padStart(5, '0')}`));

  const claims: string[] = [];
  const events: DossierEventRecord[] = [];
  const tally = new Map<number, number>();
  const iso = (t: number) => new Date(t).toISOString();
  for (const d of dossiers) {
    const hash = await surveyLinks.dossierRefHash(org.id, d.ref);
    const day = startOfLocalDay(d.receivedAt);
    tally.set(day, (tally.get(day) ?? 0) + 1);
    if (d.answer) {
      claims.push(`link:${dossierClaimId(hash)}`);
      if (d.answer.verified && d.answer.overall !== null && d.answer.overall <= LOW_RATING_MAX) claims.push(lowRatingClaim(hash));
    }
    const dueAt = d.receivedAt + (3 + Math.floor(rand() * 10)) * DAY_MS;
    const late = rand() < LATE_SHARE;
    const settledAt = late ? dueAt + (1 + Math.floor(rand() * 4)) * DAY_MS : d.receivedAt + Math.floor(rand() * (dueAt - d.receivedAt));
    const facts: DossierFacts[] = [{ event: 'received', receivedAt: iso(d.receivedAt), dueAt: iso(dueAt) }];
    // Dossiers still being processed have no result yet.
    if (settledAt < now) facts.push({ event: 'settled', settledAt: iso(settledAt), late });
    if (settledAt < now && rand() < COMPLAINT_SHARE) facts.push({ event: 'complaint', raised: true, raisedAt: iso(Math.min(now - HOUR_MS, settledAt + DAY_MS)) });
    for (const f of facts) {
      events.push({ orgId: org.id, dossierHash: hash, unitId: d.unitId, facts: f, factsHash: sha256(canonicalJson({ unitId: d.unitId, facts: f })), recordedAt: iso(now) });
    }
  }

  await store.addClaims(claims);
  for (let i = 0; i < events.length; i += 1000) await store.recordDossierEvents(events.slice(i, i + 1000));
  for (const [dayStart, issued] of tally) {
    await store.putEntity({ kind: TALLY_KIND, id: `${org.id}:${dayStart}`, orgId: org.id, lookup: null, data: { orgId: org.id, dayStart, issued }, updatedAt: iso(dayStart) });
  }
  deps.log.info({ dossiers: dossiers.length, answered: answers.length, events: events.length }, 'demo dossier outcomes seeded');
}
