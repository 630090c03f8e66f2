/**
 * The configuration entities and a typed view over the store's generic
 * entity records. Only this module knows which kind string maps to which type.
 */
import type { Store, EntityRecord, ListOptions } from '../store/types';
import type { IssuedReport, ReportContent, ReportDraft } from '../../shared/api/reports';
import type { LocalText } from '../../shared/local-text';
import type { IndexMethod } from '../../shared/satisfaction';
import type { SurveyVersion } from '../../shared/survey';

export interface Organisation {
  id: string;
  name: LocalText;
  shortName?: string;
  /** Headline target, 0..1 (0.85 by default; some provinces use 0.90). */
  target: number;
  /** Answers needed before "below target" may be called significant. */
  minSample: number;
  indexMethod: IndexMethod;
  /** Headline rate counts verified responses only (the default) or all. */
  headlineVerifiedOnly: boolean;
  activeSurveyVersionId: string | null;
  /** Kiosk timings; `thankYouSeconds` absent: the kiosk's default (4 s). */
  kiosk: { idleSeconds: number; minGapSeconds: number; thankYouSeconds?: number };
  /** Maximum points of Decision 766 indicator 5.4 (absent: 1, shared/decision766.ts). */
  decision766MaxPoints?: number;
  /** Periodic reports (Decree 30/2020 layout): the governing agency above the office, the place on the date line, who signs and as what. */
  agencyParent?: string | null;
  reportPlace?: string | null;
  reportSigner?: string | null;
  reportSignerTitle?: string | null;
  /** scrypt hash of the office's kiosk PIN (staff corner); never leaves the server. */
  kioskPinHash?: string | null;
  /** The waiting-room screen (/screen/<code>); absent: off (public-screen.ts reads the defaults). */
  publicScreen?: PublicScreenRecord;
}

/** As stored once an admin saved it (public-screen.service `screenRecordOf`); absent: the defaults. */
export interface PublicScreenRecord {
  enabled: boolean;
  code: string;
  parts: ('today' | 'month' | 'counters')[];
  unitIds: string[] | null;
}

export interface Unit {
  id: string;
  orgId: string;
  code: string;
  name: LocalText;
  /** Absent or true: in use; false: deactivated (never deleted, the history keeps it). */
  active?: boolean;
}

export interface OpeningHours {
  /** 0 = Sunday … 6 = Saturday */
  weekdays: number[];
  /** Local "HH:MM" ranges, e.g. morning and afternoon sessions. */
  sessions: { open: string; close: string }[];
  /** Local dates "YYYY-MM-DD" when closed. */
  holidays: string[];
  /** Sessions of a weekday ("0" = Sunday … "6") that differ from `sessions`, e.g. Saturday morning only. */
  perDay?: Record<string, { open: string; close: string }[]>;
}

export interface ServicePoint {
  id: string;
  orgId: string;
  unitId: string;
  /** Short public code used in counter links: /s/<code>. */
  code: string;
  name: LocalText;
  hours: OpeningHours;
  officerOnDutyId: string | null;
  /** 'after-service': the kiosk rates only sessions opened by the service (absent = 'always'). */
  ratingMode?: RatingMode;
  /** The survey version this counter asks instead of the office's (absent or null: the office's). */
  surveyVersionId?: string | null;
  /** Absent or true: in use; false: deactivated. */
  active?: boolean;
  /** ISO time it was deactivated: ratings pressed after it are refused (absent while active). */
  inactiveSince?: string | null;
}

export type RatingMode = 'always' | 'after-service';

export interface Officer {
  id: string;
  orgId: string;
  unitId: string;
  name: string;
  title?: LocalText;
  photoUrl?: string | null;
  /** Shown on the kiosk instead of a photo. */
  initials?: string | null;
  active: boolean;
  /** scrypt hash of the officer's PIN for the officer page; never leaves the server. */
  pinHash?: string | null;
}

export interface Procedure {
  id: string;
  orgId: string;
  /** National code of the administrative procedure (mã TTHC). */
  code: string;
  name: LocalText;
  field: LocalText;
  /** Set when the procedure is on one unit's list only (answered at that unit's counters); absent or null: the organisation's list. */
  unitId?: string | null;
  /** Absent or true: offered; false: deactivated. */
  active?: boolean;
}

export interface Device {
  id: string;
  orgId: string;
  servicePointId: string;
  name: string;
  /** sha256 of the device token; the token itself lives only on the device. */
  tokenHash: string | null;
  enrolment: { codeHash: string; expiresAt: string } | null;
  enrolledAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  status?: { online: boolean; outbox: number; oldestQueuedMs: number; appVersion: string; skewMs: number } | null;
}

export type Role = 'admin' | 'manager' | 'unit-head';

export interface User {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  /** Set for unit heads: the only unit they may see. */
  unitId: string | null;
  passwordHash: string;
  disabled: boolean;
  /** Set while the password is a temporary one (made by an admin): every call but changing it is refused. */
  mustChangePassword?: boolean;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: string;
}

export interface AuditEntry {
  id: string;
  orgId: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

/** A comment marked handled (the SIPAS feedback element): one per response, id = the response's id. */
export interface CommentHandled {
  id: string;
  orgId: string;
  unitId: string;
  note: string;
  by: string;
  at: string;
}

/** A periodic report as issued: frozen content, its hash and who issued it (reports/issued-reports.service). */
export interface IssuedReportRecord extends IssuedReport {
  orgId: string;
  content: ReportContent;
}

/** A monthly draft report (reports/monthly-drafts): `id` = org:period:unit, so one node's insert wins. */
export interface ReportDraftRecord extends ReportDraft {
  orgId: string;
  content: ReportContent;
}

/** The DOCX or XLSX bytes of an issued report, as sent. */
export interface IssuedReportFile {
  id: string;
  orgId: string;
  reportId: string;
  format: 'docx' | 'xlsx';
  base64: string;
}

/** An officer's photo as stored: a 256 px WebP square (officer-photos.ts); id = the officer's id. */
export interface OfficerPhoto {
  id: string;
  orgId: string;
  version: string;
  base64: string;
}

interface KindMap {
  commentHandled: CommentHandled;
  organisation: Organisation;
  unit: Unit;
  servicePoint: ServicePoint;
  officer: Officer;
  procedure: Procedure;
  device: Device;
  user: User;
  session: Session;
  surveyVersion: SurveyVersion;
  audit: AuditEntry;
  /** Periodic reports as issued (frozen), and their DOCX/XLSX bytes. */
  issuedReport: IssuedReportRecord;
  issuedReportFile: IssuedReportFile;
  reportDraft: ReportDraftRecord;
  officerPhoto: OfficerPhoto;
}
export type EntityKind = keyof KindMap;

/** The secondary lookup key of each kind (unique per kind), if it has one. */
const LOOKUP: { [K in EntityKind]?: (e: KindMap[K]) => string | null } = {
  servicePoint: (e) => `code:${e.code.toLowerCase()}`,
  procedure: (e) => `${e.orgId}:${e.code}`,
  device: (e) => (e.tokenHash ? `token:${e.tokenHash}` : null),
  user: (e) => `email:${e.email.toLowerCase()}`,
};

/** The structure kinds, read whole by Entities.list. */
const STRUCTURE_KINDS = ['unit', 'servicePoint', 'officer', 'procedure'] as const;
/** The most records of one structure kind a list answers (far above any office's). */
export const STRUCTURE_LIST_LIMIT = 50_000;

export class Entities {
  constructor(private readonly store: Store) {}

  async get<K extends EntityKind>(kind: K, id: string): Promise<KindMap[K] | null> {
    return (await this.store.getEntity<KindMap[K]>(kind, id))?.data ?? null;
  }

  async find<K extends EntityKind>(kind: K, lookup: string): Promise<KindMap[K] | null> {
    return (await this.store.findEntity<KindMap[K]>(kind, lookup))?.data ?? null;
  }

  /**
   * An office's structure (units, counters, officers, procedures) is read
   * whole unless a limit is given: the store's default page of 1,000 cut a
   * national procedure list short, and every reader (lists, filters, reports,
   * the import's own duplicate check) needs all of it.
   */
  async list<K extends EntityKind>(kind: K, opts?: ListOptions): Promise<KindMap[K][]> {
    const whole = opts?.limit === undefined && (STRUCTURE_KINDS as readonly string[]).includes(kind);
    return (await this.store.listEntities<KindMap[K]>(kind, whole ? { ...opts, limit: STRUCTURE_LIST_LIMIT } : opts)).map((r) => r.data);
  }

  /** Inserts or replaces; 'duplicate' when its lookup (code, e-mail…) belongs to another record. */
  async put<K extends EntityKind>(kind: K, data: KindMap[K] & { id: string }): Promise<'ok' | 'duplicate'> {
    return this.store.putEntity(this.record(kind, data));
  }

  async insert<K extends EntityKind>(kind: K, data: KindMap[K] & { id: string }): Promise<'inserted' | 'duplicate'> {
    return this.store.insertEntity(this.record(kind, data));
  }

  /** Many inserts in one store write (an import): one answer per item, in order. */
  async insertMany<K extends EntityKind>(kind: K, items: (KindMap[K] & { id: string })[]): Promise<('inserted' | 'duplicate')[]> {
    return this.store.insertEntities(items.map((d) => this.record(kind, d)));
  }

  /** Many puts in one store write (an import): one answer per item, in order. */
  async putMany<K extends EntityKind>(kind: K, items: (KindMap[K] & { id: string })[]): Promise<('ok' | 'duplicate')[]> {
    return this.store.putEntities(items.map((d) => this.record(kind, d)));
  }

  delete(kind: EntityKind, id: string): Promise<boolean> {
    return this.store.deleteEntity(kind, id);
  }

  private record<K extends EntityKind>(kind: K, data: KindMap[K] & { id: string }): EntityRecord<KindMap[K]> {
    const lookupOf = LOOKUP[kind] as ((e: KindMap[K]) => string | null) | undefined;
    const orgId = (data as { orgId?: string }).orgId ?? null;
    return { kind, id: data.id, orgId, lookup: lookupOf ? lookupOf(data) : null, data, updatedAt: new Date().toISOString() };
  }
}

export const servicePointLookup = (code: string): string => `code:${code.toLowerCase()}`;
export const procedureLookup = (orgId: string, code: string): string => `${orgId}:${code}`;
export const deviceTokenLookup = (tokenHash: string): string => `token:${tokenHash}`;
export const userEmailLookup = (email: string): string => `email:${email.toLowerCase()}`;
