/**
 * Issued reports are frozen (issue 13 item 3): issuing stores the report's
 * content, its period and scope, who issued it, a content hash, and the DOCX
 * and XLSX bytes as they were sent, so a later download is byte-identical
 * whatever happens to the figures or the renderers. The archive recomputes
 * the same report and shows what changed since.
 */
import { randomUUID } from 'node:crypto';
import type { IssuedReport, ReportContent, ReportDifference } from '../../../shared/api/reports';
import { canonicalJson, sha256 } from '../canonical';
import type { AuditService } from '../audit.service';
import type { Entities, IssuedReportFile, IssuedReportRecord } from '../entities';

export type { IssuedReportFile, IssuedReportRecord };
import { DomainError } from '../errors';
import type { Caller, Viewer } from '../permissions';
import { unitFilter } from '../permissions';
import { reportDifferences } from './report-diff';
import { reportDocx } from './render-docx';
import { reportXlsx } from './render-xlsx';

export interface IssuedReportsDeps {
  entities: Entities;
  audit: AuditService;
}

export class IssuedReportsService {
  constructor(private readonly deps: IssuedReportsDeps) {}

  /** Freezes `content` (already built for the caller's scope) as issued now by `caller`. */
  async issue(caller: Caller, content: ReportContent, lang: 'vi' | 'en', now = Date.now()): Promise<IssuedReport> {
    const id = randomUUID();
    const record: IssuedReportRecord = {
      id,
      orgId: caller.orgId,
      period: content.period.code,
      periodLabel: content.period.label,
      unitId: content.scope.unitId,
      scopeName: content.scope.name,
      lang,
      issuedBy: caller.email,
      issuedAt: new Date(now).toISOString(),
      contentHash: sha256(canonicalJson(content)),
      rate: content.headline.rate,
      n: content.headline.n,
      content,
    };
    const [docx, xlsx] = await Promise.all([reportDocx(content, lang), reportXlsx(content, lang)]);
    for (const [format, bytes] of [['docx', docx], ['xlsx', xlsx]] as const) {
      await this.deps.entities.insert('issuedReportFile', { id: `${id}:${format}`, orgId: caller.orgId, reportId: id, format, base64: bytes.toString('base64') });
    }
    await this.deps.entities.insert('issuedReport', record);
    await this.deps.audit.record({ orgId: caller.orgId, actor: caller.email, action: 'report.issue', target: id, details: { period: record.period, unitId: record.unitId, contentHash: record.contentHash } });
    return toIssued(record);
  }

  /** The archive the viewer may see, newest first (a unit head: their unit's). */
  async list(viewer: Viewer): Promise<IssuedReport[]> {
    const units = unitFilter(viewer);
    const all = await this.deps.entities.list('issuedReport', { orgId: viewer.orgId });
    return all
      .filter((r) => !units || (r.unitId !== null && units.includes(r.unitId)))
      .map(toIssued)
      .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  }

  async get(viewer: Viewer, id: string): Promise<IssuedReportRecord> {
    const r = await this.deps.entities.get('issuedReport', id);
    const units = unitFilter(viewer);
    if (!r || r.orgId !== viewer.orgId || (units && !(r.unitId !== null && units.includes(r.unitId)))) throw new DomainError('not-found', 'No such issued report');
    return r;
  }

  async file(viewer: Viewer, id: string, format: 'docx' | 'xlsx'): Promise<Buffer> {
    await this.get(viewer, id);
    const f = await this.deps.entities.get('issuedReportFile', `${id}:${format}`);
    if (!f) throw new DomainError('not-found', 'No such file');
    return Buffer.from(f.base64, 'base64');
  }

  differences(issued: IssuedReportRecord, current: ReportContent): ReportDifference[] {
    return reportDifferences(issued.content, current);
  }
}

export const toIssued = ({ orgId: _o, content: _c, ...r }: IssuedReportRecord): IssuedReport => r;
