/**
 * The content of one periodic report (issue 13) for a period and a scope,
 * built only from the stats service (the same figures as the dashboard and
 * /stats/*) plus Decision 766 and the exclusions. Every format renders this
 * object; nothing here knows about HTTP, XLSX or DOCX.
 */
import type { Period } from '../../../shared/periods';
import { previousPeriod, samePeriodLastYear } from '../../../shared/periods';
import { EXPECTATION_OPTIONS, REASON_OPTIONS } from '../../../shared/survey';
import { CRITERION_CODES, ELEMENTS } from '../../../shared/sipas';
import type { ReportContent, ReportRow } from '../../../shared/api/reports';
import type { Dimension } from '../../../shared/dimensions';
import type { Store } from '../../store/types';
import type { Entities, Organisation } from '../entities';
import type { StatsScope, StatsService } from '../stats.service';
import type { Decision766Service } from '../decision766.service';
import { summaryInput, summaryText } from './summary-text';
import { kioskUptime } from './kiosk-uptime';

export interface ReportDeps {
  stats: StatsService;
  decision766: Decision766Service;
  entities: Entities;
  store: Store;
}

/** Report settings kept on the organisation (PATCH /organisation). */
export interface ReportSettings {
  reportSigner?: string | null;
  reportSignerTitle?: string | null;
  reportPlace?: string | null;
  agencyParent?: string | null;
}

export interface ReportRequest {
  org: Organisation & ReportSettings;
  period: Period & { code: string };
  /** One unit, or the organisation (undefined). A unit head's scope is always their unit. */
  unitId?: string;
  now?: number;
}

type LocalText = { vi: string; en: string };

/** At most this many responses are read to count exclusions by reason. */
const EXCLUSION_SCAN_LIMIT = 50_000;

const iso = (t: number) => new Date(t).toISOString();
const periodDto = (p: Period, code: string): ReportContent['period'] => ({ code, kind: p.kind, from: iso(p.from), to: iso(p.to), label: p.label });

export async function buildReportContent(deps: ReportDeps, req: ReportRequest): Promise<ReportContent> {
  const { org, period } = req;
  const unitIds = req.unitId ? [req.unitId] : undefined;
  const headlineVerified = org.headlineVerifiedOnly ? true : undefined;
  const scopeOf = (p: Period, verified: boolean | undefined): StatsScope => ({
    from: p.from,
    to: p.to,
    target: org.target,
    minSample: org.minSample,
    indexMethod: org.indexMethod,
    filter: { orgId: org.id, unitIds, verified },
  });
  const headScope = scopeOf(period, headlineVerified);
  const prev = previousPeriod(period);
  const lastYear = samePeriodLastYear(period);

  const now = req.now ?? Date.now();
  const [summary, prevSummary, lastYearSummary, byChannel, byVerified, units, counters, officers, procedures, indicator, excluded, uptime] = await Promise.all([
    deps.stats.summary(headScope),
    deps.stats.summary(scopeOf(prev, headlineVerified)),
    deps.stats.summary(scopeOf(lastYear, headlineVerified)),
    deps.stats.breakdown(scopeOf(period, undefined), 'channel'),
    deps.stats.breakdown(scopeOf(period, undefined), 'verified'),
    deps.stats.breakdown(headScope, 'unitId'),
    deps.stats.breakdown(headScope, 'servicePointId'),
    deps.stats.breakdown(headScope, 'officerId'),
    deps.stats.breakdown(headScope, 'procedureId'),
    deps.decision766.indicator({ orgId: org.id, from: period.from, to: period.to, unitIds }),
    countExclusions(deps.store, org.id, period, unitIds),
    kioskUptime(deps.store, deps.entities, { orgId: org.id, from: period.from, to: period.to, unitIds, now }),
  ]);
  const comments = await commentSelection(deps.store, org.id, period, unitIds, headlineVerified);

  const names = await nameBook(deps.entities, org.id);
  const table = async (rows: Awaited<ReturnType<StatsService['breakdown']>>, dim: Dimension, hideSmall: boolean) => {
    const all: ReportRow[] = rows.map((r) => ({
      key: r.key,
      name: names(dim, r.key),
      responses: r.responses,
      ...(({ distribution: _d, ...rest }) => rest)(r.overall),
    }));
    const shown = hideSmall ? all.filter((r) => r.n >= org.minSample) : all;
    return { rows: shown.sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)), hidden: all.length - shown.length };
  };
  const count = (rows: typeof byChannel, key: string) => rows.find((r) => r.key === key)?.responses ?? 0;
  const compare = (p: Period, s: typeof summary): ReportContent['previous'] => ({
    period: periodDto(p, ''),
    rate: s.overall.rate,
    n: s.overall.n,
    deltaPoints: summary.overall.rate !== null && s.overall.rate !== null ? round1((summary.overall.rate - s.overall.rate) * 100) : null,
  });
  const choiceRows = (picks: Record<string, number> | undefined, options: { id: string; text: LocalText }[]) =>
    Object.entries(picks ?? {})
      .map(([id, n]) => ({ id, label: options.find((o) => o.id === id)?.text ?? { vi: id, en: id }, count: n }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  const criterionText = new Map(ELEMENTS.flatMap((e) => e.criteria.map((c) => [c.code, c.text] as const)));

  const unitName = req.unitId ? names('unitId', req.unitId) : org.name;
  const content: Omit<ReportContent, 'summary'> = {
    generatedAt: iso(now),
    period: periodDto(period, period.code),
    scope: { unitId: req.unitId ?? null, name: { vi: unitName.vi, en: unitName.en || unitName.vi } },
    organisation: {
      name: { vi: org.name.vi, en: org.name.en || org.name.vi },
      shortName: org.shortName ?? null,
      agencyParent: org.agencyParent ?? null,
      place: org.reportPlace ?? null,
      signer: org.reportSigner ?? null,
      signerTitle: org.reportSignerTitle ?? null,
    },
    target: org.target,
    minSample: org.minSample,
    headlineVerifiedOnly: org.headlineVerifiedOnly,
    responses: {
      total: byChannel.reduce((a, r) => a + r.responses, 0),
      verified: count(byVerified, 'true'),
      unverified: count(byVerified, 'false'),
      byChannel: { kiosk: count(byChannel, 'kiosk'), qr: count(byChannel, 'qr'), link: count(byChannel, 'link') },
      comments: summary.comments,
    },
    headline: summary.overall,
    previous: compare(prev, prevSummary),
    lastYear: compare(lastYear, lastYearSummary),
    indices: summary.indices,
    tables: {
      units: await table(units, 'unitId', false),
      counters: await table(counters, 'servicePointId', false),
      officers: await table(officers, 'officerId', true),
      procedures: await table(procedures, 'procedureId', false),
    },
    criteria: CRITERION_CODES.flatMap((code) => {
      const c = summary.criteria[code];
      if (!c) return [];
      const { distribution: _d, ...rest } = c;
      return [{ key: code, name: criterionText.get(code) ?? { vi: code, en: code }, responses: c.n, ...rest }];
    }),
    reasons: choiceRows(summary.choices.reasons, REASON_OPTIONS),
    expectations: choiceRows(summary.choices.expect, EXPECTATION_OPTIONS),
    integrity: summary.integrity,
    decision766: indicator,
    kioskUptime: uptime,
    excluded,
    comments,
  };
  return { ...content, summary: summaryText(summaryInput(content)) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Display names of units, counters, officers and procedures; '' is "none recorded". */
async function nameBook(entities: Entities, orgId: string): Promise<(dim: Dimension, key: string) => LocalText> {
  const [units, sps, officers, procs] = await Promise.all([
    entities.list('unit', { orgId }),
    entities.list('servicePoint', { orgId }),
    entities.list('officer', { orgId }),
    entities.list('procedure', { orgId }),
  ]);
  const book = new Map<string, LocalText>();
  for (const u of units) book.set(`unitId:${u.id}`, u.name);
  for (const s of sps) book.set(`servicePointId:${s.id}`, s.name);
  for (const o of officers) book.set(`officerId:${o.id}`, { vi: o.name, en: o.name });
  for (const p of procs) book.set(`procedureId:${p.id}`, { vi: `${p.code} — ${p.name.vi}`, en: `${p.code} — ${p.name.en || p.name.vi}` });
  return (dim, key) => {
    if (!key) return { vi: 'Không ghi nhận', en: 'Not recorded' };
    const n = book.get(`${dim}:${key}`);
    return n ? { vi: n.vi, en: n.en || n.vi } : { vi: key, en: key };
  };
}

/** Responses of the period held out by a manager, by the reason given. */
async function countExclusions(store: Store, orgId: string, period: Period, unitIds?: string[]): Promise<ReportContent['excluded']> {
  const rows = await store.listResponses({ orgId, from: iso(period.from), to: iso(period.to), unitIds, includeExcluded: true, limit: EXCLUSION_SCAN_LIMIT });
  const byReason: Record<string, number> = {};
  let count = 0;
  for (const r of rows) {
    if (!r.excluded) continue;
    count++;
    const reason = r.excluded.reason.trim().slice(0, 200) || '—';
    byReason[reason] = (byReason[reason] ?? 0) + 1;
  }
  return { count, byReason };
}

/** How many comments a report quotes. */
export const REPORT_COMMENTS = 10;

/** Masks what could identify a person: e-mails, phone and ID numbers (runs of 6+ digits), dossier-like codes. */
export function maskPersonalData(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[…]')
    .replace(/\+?\d[\d .-]{4,}\d/g, (m) => (m.replace(/\D/g, '').length >= 6 ? '[…]' : m))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

/** The newest comments of the period (counted responses only), masked. */
async function commentSelection(store: Store, orgId: string, period: Period, unitIds: string[] | undefined, verified: boolean | undefined): Promise<ReportContent['comments']> {
  const rows = await store.listResponses({ orgId, from: iso(period.from), to: iso(period.to), unitIds, withComment: true, limit: REPORT_COMMENTS * 3 });
  return rows
    .filter((r) => r.comment && !r.excluded && !(r.suspect && r.suspect.accepted === null) && (verified === undefined || r.verified === verified))
    .slice(0, REPORT_COMMENTS)
    .map((r) => ({
      text: maskPersonalData(r.comment!),
      overall: r.overall,
      day: new Date(Date.parse(r.serverTime) + 7 * 3600_000).toISOString().slice(0, 10),
    }));
}
