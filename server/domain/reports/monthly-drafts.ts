/**
 * The scheduled monthly draft (issue 13 item 4): from the 1st of a month
 * (Vietnam time) the previous month's report is prepared as a draft for the
 * organisation and for each unit, stored (not frozen: issuing from a draft
 * freezes the report as it stands then), and a `report.ready` webhook event
 * goes out through the alert engine's signed, retried delivery path.
 *
 * Several nodes, one run: a draft's id is `<org>:<period>:<unit or *>`, and
 * inserting it is the claim — the store's insert is atomic on the id, so
 * when two nodes prepare the same draft only one insert succeeds and only
 * that node sends the webhook (whose delivery id is the draft's, too). A
 * node checks first and skips drafts already there, so the usual loser does
 * no work at all.
 *
 * Downtime: the check runs shortly after start and then hourly, so a month
 * missed while every node was down is prepared on the next start. After a
 * long outage EACH missed month is prepared (oldest first), back to the
 * month after the organisation's latest draft, at most MAX_CATCH_UP_MONTHS;
 * an organisation without any draft yet gets only the previous month (no
 * back-filling of history the office never asked for).
 */
import type { Logger } from 'pino';
import { periodFromCode, localDateOf } from '../../../shared/periods';
import type { ReportDraft } from '../../../shared/api/reports';
import type { WEBHOOK_EVENT_NAMES } from '../../../shared/api/alerts';
import { canonicalJson, sha256 } from '../canonical';
import type { Entities, Organisation, ReportDraftRecord } from '../entities';
import { buildReportContent, type ReportDeps } from './report-content';
import { DomainError } from '../errors';
import { unitFilter, type Viewer } from '../permissions';

export const MAX_CATCH_UP_MONTHS = 12;
export const REPORT_READY_EVENT: (typeof WEBHOOK_EVENT_NAMES)[number] = 'report.ready';

export interface MonthlyDraftsDeps extends ReportDeps {
  entities: Entities;
  log: Logger;
  /** The webhook path (AlertEngine.webhooks); answers whether this call created the delivery. */
  webhooks: { enqueueEvent(e: { id: string; orgId: string; event: string; data: Record<string, unknown> }): Promise<boolean> };
  /** Where people open the Reports screen (for the webhook body). */
  publicUrl: () => string;
}

export interface MonthlyDraftsOptions {
  now: () => number;
  /** First check after start (ms); then every `everyMs`. */
  firstCheckMs: number;
  everyMs: number;
}

const BASE: MonthlyDraftsOptions = { now: Date.now, firstCheckMs: 30_000, everyMs: 3_600_000 };
let overrides: Partial<MonthlyDraftsOptions> = {};
/** Changes the options of schedulers created from now on (tests). */
export function setMonthlyDraftDefaults(p: Partial<MonthlyDraftsOptions>): void {
  overrides = { ...overrides, ...p };
}
export const monthlyDraftOptions = (): MonthlyDraftsOptions => ({ ...BASE, ...overrides });

const monthCode = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const monthIndex = (code: string) => {
  const [y, m] = code.split('-').map(Number);
  return y * 12 + (m - 1);
};
const codeOfIndex = (i: number) => monthCode(Math.floor(i / 12), (i % 12) + 1);
export const draftId = (orgId: string, period: string, unitId: string | null) => `${orgId}:${period}:${unitId ?? '*'}`;

/** The months to prepare at `now` for an organisation whose latest draft is `latest` (oldest first). */
export function dueMonths(now: number, latest: string | null): string[] {
  const d = localDateOf(now);
  const prev = d.year * 12 + (d.month - 1) - 1;
  const first = latest === null ? prev : Math.max(monthIndex(latest) + 1, prev - MAX_CATCH_UP_MONTHS + 1);
  const out: string[] = [];
  for (let i = first; i <= prev; i++) out.push(codeOfIndex(i));
  return out;
}

export const toDraft = ({ orgId: _o, content: _c, ...d }: ReportDraftRecord): ReportDraft => d;

export class MonthlyDrafts {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly deps: MonthlyDraftsDeps,
    private readonly opts: MonthlyDraftsOptions = monthlyDraftOptions(),
  ) {}

  /** Checks shortly after start, then every `everyMs`; the timer never keeps the process alive. */
  start(): void {
    if (this.timer || this.stopped) return;
    const tick = (wait: number) => {
      this.timer = setTimeout(() => {
        this.running = this.runDue()
          .catch((err: unknown) => this.deps.log.error({ err }, 'monthly draft reports failed'))
          .finally(() => {
            this.running = null;
            if (!this.stopped) tick(this.opts.everyMs);
          });
      }, wait);
      this.timer.unref();
    };
    tick(this.opts.firstCheckMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Prepares every draft due at `now` that no node has prepared yet; answers the ones this call stored. */
  async runDue(now = this.opts.now()): Promise<ReportDraft[]> {
    const made: ReportDraft[] = [];
    for (const org of await this.deps.entities.list('organisation')) {
      if (this.stopped) break;
      const drafts = await this.deps.entities.list('reportDraft', { orgId: org.id });
      const latest = drafts.filter((d) => d.unitId === null).reduce<string | null>((a, d) => (a === null || monthIndex(d.period) > monthIndex(a) ? d.period : a), null);
      const units = (await this.deps.entities.list('unit', { orgId: org.id })).filter((u) => u.active !== false);
      for (const period of dueMonths(now, latest)) {
        // Units first, the organisation last: the org-level draft marks the month as done for the catch-up.
        for (const unitId of [...units.map((u) => u.id), null]) {
          const d = await this.prepare(org, period, unitId, now);
          if (d) made.push(d);
        }
      }
    }
    return made;
  }

  /** The drafts the viewer may see (a unit head: their unit's), newest month first, the organisation before its units. */
  async list(viewer: Viewer): Promise<ReportDraft[]> {
    const units = unitFilter(viewer);
    const all = await this.deps.entities.list('reportDraft', { orgId: viewer.orgId });
    return all
      .filter((r) => !units || (r.unitId !== null && units.includes(r.unitId)))
      .map(toDraft)
      .sort((a, b) => b.period.localeCompare(a.period) || (a.unitId === null ? -1 : b.unitId === null ? 1 : a.scopeName.vi.localeCompare(b.scopeName.vi)));
  }

  async get(viewer: Viewer, id: string): Promise<ReportDraftRecord> {
    const r = await this.deps.entities.get('reportDraft', id);
    const units = unitFilter(viewer);
    if (!r || r.orgId !== viewer.orgId || (units && !(r.unitId !== null && units.includes(r.unitId)))) throw new DomainError('not-found', 'No such draft report');
    return r;
  }

  /** Records that the draft was issued (the issued report is the frozen one). */
  async markIssued(viewer: Viewer, id: string, issuedReportId: string): Promise<ReportDraft> {
    const r = await this.get(viewer, id);
    const next: ReportDraftRecord = { ...r, state: 'issued', issuedReportId };
    await this.deps.entities.put('reportDraft', next);
    return toDraft(next);
  }

  /** One draft: skipped when it exists; built, then claimed by the atomic insert; the winner announces it. */
  private async prepare(org: Organisation, period: string, unitId: string | null, now: number): Promise<ReportDraft | null> {
    const id = draftId(org.id, period, unitId);
    if (await this.deps.entities.get('reportDraft', id)) return null;
    const p = periodFromCode(period)!;
    const content = await buildReportContent(this.deps, { org, period: { ...p, code: period }, unitId: unitId ?? undefined, now });
    const record: ReportDraftRecord = {
      id,
      orgId: org.id,
      state: 'draft',
      period,
      periodLabel: content.period.label,
      unitId,
      scopeName: content.scope.name,
      preparedAt: new Date(now).toISOString(),
      contentHash: sha256(canonicalJson(content)),
      rate: content.headline.rate,
      n: content.headline.n,
      issuedReportId: null,
      content,
    };
    if ((await this.deps.entities.insert('reportDraft', record)) !== 'inserted') return null;
    const draft = toDraft(record);
    const q = new URLSearchParams({ period, ...(unitId ? { unitId } : {}) });
    await this.deps.webhooks
      .enqueueEvent({
        id: `${REPORT_READY_EVENT}:${id}`,
        orgId: org.id,
        event: REPORT_READY_EVENT,
        data: { report: { ...draft, summary: content.summary, url: `${this.deps.publicUrl()}/admin/#/reports?${q}` } },
      })
      .catch((err: unknown) => this.deps.log.error({ err, draft: id }, 'report.ready webhook failed'));
    return draft;
  }
}
