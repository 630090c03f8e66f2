/**
 * Writes to the office's structure: units, counters (service points),
 * officers and procedures, and the procedure list imported from CSV.
 * Nothing is deleted: deactivation sets `active: false`, and every change
 * is audited with the record before and after. Scope goes through
 * permissions.ts: a unit head creates and changes counters and officers of
 * their own unit only; units and procedures belong to the whole office.
 * (The officer on duty stays with organisation.service.ts.)
 */
import { randomUUID } from 'node:crypto';
import type { AuditService } from './audit.service';
import { DomainError } from './errors';
import { type Entities, type Officer, type OpeningHours, type Procedure, type ServicePoint, type Unit } from './entities';
import type { EventBus } from './events';
import type { Store } from '../store/types';
import { authorise, belongsTo, seesUnit, type Caller } from './permissions';
import type { LocalText } from '../../shared/local-text';
import { readProcedureCsv, type CsvProcedureRow } from './procedures-csv';
import { looksLikeXlsx, readProcedureXlsx } from './procedures-xlsx';
import { officerPhotoUrl, squarePhoto } from './officer-photos';
import { screenSettingsOf } from './public-screen.service';

export interface StructureDeps {
  entities: Entities;
  /** The duty history: deactivating an officer ends their duty. */
  store: Pick<Store, 'recordDuty' | 'dutyAt'>;
  audit: AuditService;
  events: EventBus;
}

export interface UnitInput {
  code: string;
  name: LocalText;
}
export interface ServicePointInput {
  code: string;
  name: LocalText;
  unitId: string;
  hours: OpeningHours;
}
export interface OfficerInput {
  name: string;
  unitId: string;
  title?: LocalText;
  initials?: string | null;
}
export interface ProcedureInput {
  code: string;
  name: LocalText;
  field: LocalText;
}
type Patch<T> = Partial<T> & { active?: boolean };

export interface ImportOutcome {
  rows: { line: number; code: string; name: string; field: string; status: 'new' | 'update' | 'unchanged' | 'error'; errors: { path: string; message: string }[] }[];
  counts: { new: number; update: number; unchanged: number; error: number };
  written: boolean;
}

/** Read limit for an office's whole procedure list (a national list is ~5,000; the store's default page is 1,000). */
const ALL_PROCEDURES = 1_000_000;

const taken = (path: string, what: string) => new DomainError('conflict', `${what} is already used`, [{ path, message: 'already used' }]);
const now = () => new Date().toISOString();

/** Hours as stored: weekdays sorted, holidays sorted and unique, no per-day entry for a closed day. */
function normaliseHours(h: OpeningHours): OpeningHours {
  const weekdays = [...new Set(h.weekdays)].sort();
  const perDay = h.perDay ? Object.fromEntries(Object.entries(h.perDay).filter(([d]) => weekdays.includes(Number(d)))) : undefined;
  return { weekdays, sessions: h.sessions, holidays: [...new Set(h.holidays)].sort(), ...(perDay && Object.keys(perDay).length ? { perDay } : {}) };
}

export class StructureService {
  constructor(private readonly deps: StructureDeps) {}

  // ---- units ---------------------------------------------------------------

  async createUnit(caller: Caller, input: UnitInput): Promise<Unit> {
    await this.unitCodeFree(caller.orgId, input.code);
    const unit: Unit = { id: randomUUID(), orgId: caller.orgId, code: input.code, name: input.name, active: true };
    await this.deps.entities.insert('unit', unit);
    await this.audited(caller, 'unit.create', unit.id, null, unit);
    return unit;
  }

  async updateUnit(caller: Caller, id: string, patch: Patch<UnitInput>): Promise<Unit> {
    const before = authorise(caller, 'unit', this.placedUnit(await this.deps.entities.get('unit', id)));
    // A unit head may rename their unit, not switch it off (that is the office's decision).
    if (patch.active !== undefined && caller.role === 'unit-head') throw new DomainError('forbidden', 'Only managers deactivate a unit');
    if (patch.code !== undefined && patch.code.toLowerCase() !== before.code.toLowerCase()) await this.unitCodeFree(caller.orgId, patch.code);
    const { unitId: _placed, ...stored } = before;
    const after: Unit = { ...stored, ...defined(patch) };
    await this.deps.entities.put('unit', after);
    await this.audited(caller, this.action('unit', stored, after), id, stored, after);
    this.deps.events.emit('config:changed', { orgId: caller.orgId, kind: 'unit', id });
    return after;
  }

  // ---- counters ------------------------------------------------------------

  async createServicePoint(caller: Caller, input: ServicePointInput): Promise<ServicePoint> {
    await this.unitFor(caller, input.unitId);
    const sp: ServicePoint = { id: randomUUID(), orgId: caller.orgId, unitId: input.unitId, code: input.code, name: input.name, hours: normaliseHours(input.hours), officerOnDutyId: null, active: true };
    // Counter codes are public (/s/<code>) and unique across the server.
    if ((await this.deps.entities.insert('servicePoint', sp)) === 'duplicate') throw taken('code', 'This counter code');
    await this.audited(caller, 'counter.create', sp.id, null, sp);
    return sp;
  }

  async updateServicePoint(caller: Caller, id: string, patch: Patch<ServicePointInput>): Promise<ServicePoint> {
    const before = authorise(caller, 'counter', await this.deps.entities.get('servicePoint', id));
    if (patch.unitId !== undefined && patch.unitId !== before.unitId) await this.unitFor(caller, patch.unitId);
    const after: ServicePoint = { ...before, ...defined(patch), ...(patch.hours ? { hours: normaliseHours(patch.hours) } : {}) };
    // From this moment its kiosk stops offering the survey and new ratings are refused (ingest.service.ts).
    if (before.active !== false && after.active === false) after.inactiveSince = now();
    if (after.active !== false) delete after.inactiveSince;
    if ((await this.deps.entities.put('servicePoint', after)) === 'duplicate') throw taken('code', 'This counter code');
    await this.audited(caller, this.action('counter', before, after), id, before, after);
    this.deps.events.emit('config:changed', { orgId: caller.orgId, kind: 'servicePoint', id, servicePointIds: [id] });
    return after;
  }

  // ---- officers ------------------------------------------------------------

  async createOfficer(caller: Caller, input: OfficerInput): Promise<Officer> {
    await this.unitFor(caller, input.unitId);
    const officer: Officer = { id: randomUUID(), orgId: caller.orgId, unitId: input.unitId, name: input.name, active: true, ...(input.title ? { title: input.title } : {}), ...(input.initials ? { initials: input.initials } : {}) };
    await this.deps.entities.insert('officer', officer);
    await this.audited(caller, 'officer.create', officer.id, null, officer);
    return officer;
  }

  async updateOfficer(caller: Caller, id: string, patch: Patch<OfficerInput>): Promise<Officer> {
    const before = authorise(caller, 'officer', await this.deps.entities.get('officer', id));
    if (patch.unitId !== undefined && patch.unitId !== before.unitId) await this.unitFor(caller, patch.unitId);
    const after: Officer = { ...before, ...defined(patch) };
    await this.deps.entities.put('officer', after);
    await this.audited(caller, this.action('officer', before, after), id, before, after);
    const at = (await this.deps.entities.list('servicePoint', { orgId: caller.orgId })).filter((sp) => sp.officerOnDutyId === id);
    if (before.active !== false && after.active === false) await this.endDuty(caller, after, at);
    // Kiosks showing this officer re-render (name, title, initials; nobody once their duty ended).
    this.deps.events.emit('config:changed', { orgId: caller.orgId, kind: 'officer', id, servicePointIds: at.map((sp) => sp.id) });
    return after;
  }

  /**
   * A deactivated officer serves nowhere from now on: each counter naming
   * them gets "nobody on duty" in the duty history (who ended it, when), so
   * no later rating is attributed to them. The closed period stays theirs.
   */
  private async endDuty(caller: Caller, officer: Officer, counters: ServicePoint[], at = Date.now()): Promise<void> {
    const { store, entities, audit } = this.deps;
    for (const sp of counters) {
      const place = { orgId: sp.orgId, unitId: sp.unitId, servicePointId: sp.id };
      // As organisation.setDuty: a counter never changed through the roster has had its officer since ever.
      if (!(await store.dutyAt(sp.id, at))) await store.recordDuty({ ...place, officerId: sp.officerOnDutyId, from: 0, setBy: 'system' });
      await store.recordDuty({ ...place, officerId: null, from: at, setBy: caller.email });
      await entities.put('servicePoint', { ...sp, officerOnDutyId: null });
      await audit.record({ orgId: sp.orgId, actor: caller.email, action: 'duty.set', target: sp.id, details: { officerId: null, before: { officerId: officer.id }, reason: 'officer.deactivate' } });
    }
  }

  // ---- officer photos --------------------------------------------------------

  /** Stores the officer's photo as a 256 px square (officer-photos.ts) and points the officer at it; audited. */
  async setOfficerPhoto(caller: Caller, id: string, bytes: Uint8Array): Promise<Officer> {
    const before = authorise(caller, 'officer', await this.deps.entities.get('officer', id));
    const { webp, version } = await squarePhoto(bytes);
    await this.deps.entities.put('officerPhoto', { id, orgId: before.orgId, version, base64: webp.toString('base64') });
    return this.pointPhoto(caller, before, officerPhotoUrl(id, version), 'officer.photo-set');
  }

  /** Back to initials on the kiosk; the stored photo is removed (a person's picture is not kept without use). */
  async removeOfficerPhoto(caller: Caller, id: string): Promise<Officer> {
    const before = authorise(caller, 'officer', await this.deps.entities.get('officer', id));
    await this.deps.entities.delete('officerPhoto', id);
    return this.pointPhoto(caller, before, null, 'officer.photo-remove');
  }

  /** The stored photo for GET /officer-photos/:id; null when there is none. */
  async officerPhoto(id: string): Promise<{ version: string; bytes: Buffer } | null> {
    const p = await this.deps.entities.get('officerPhoto', id);
    return p ? { version: p.version, bytes: Buffer.from(p.base64, 'base64') } : null;
  }

  private async pointPhoto(caller: Caller, before: Officer, photoUrl: string | null, action: string): Promise<Officer> {
    const after: Officer = { ...before, photoUrl };
    await this.deps.entities.put('officer', after);
    await this.deps.audit.record({ orgId: caller.orgId, actor: caller.email, action, target: before.id, details: { before: { photoUrl: before.photoUrl ?? null }, after: { photoUrl } } });
    // Kiosks showing this officer swap the initials for the photo (or back) at once.
    const at = (await this.deps.entities.list('servicePoint', { orgId: caller.orgId })).filter((sp) => sp.officerOnDutyId === before.id).map((sp) => sp.id);
    this.deps.events.emit('config:changed', { orgId: caller.orgId, kind: 'officer', id: before.id, servicePointIds: at });
    return after;
  }

  // ---- procedures ----------------------------------------------------------

  async createProcedure(caller: Caller, input: ProcedureInput): Promise<Procedure> {
    const p: Procedure = { id: randomUUID(), orgId: caller.orgId, code: input.code, name: input.name, field: input.field, active: true };
    if ((await this.deps.entities.insert('procedure', p)) === 'duplicate') throw taken('code', 'This procedure code');
    await this.audited(caller, 'procedure.create', p.id, null, p);
    return p;
  }

  async updateProcedure(caller: Caller, id: string, patch: Patch<ProcedureInput>): Promise<Procedure> {
    const before = await this.deps.entities.get('procedure', id);
    if (!before || !belongsTo(caller.orgId, before)) throw new DomainError('not-found', 'No such procedure');
    const after: Procedure = { ...before, ...defined(patch) };
    if ((await this.deps.entities.put('procedure', after)) === 'duplicate') throw taken('code', 'This procedure code');
    await this.audited(caller, this.action('procedure', before, after), id, before, after);
    return after;
  }

  /**
   * Reads the CSV, answers each row's fate (new, update, unchanged, error);
   * when `write`, stores the good rows and never a bad one. One audit entry
   * names the codes written.
   */
  async importProcedures(caller: Caller, csv: string, write: boolean): Promise<ImportOutcome> {
    return this.importRows(caller, readProcedureCsv(csv), 'csv', write);
  }

  /**
   * The same import from an uploaded file: an XLSX workbook (told by its ZIP
   * signature) or CSV text in UTF-8 (a BOM is dropped). A problem with the
   * whole file names `file`.
   */
  async importProcedureFile(caller: Caller, bytes: Uint8Array, write: boolean): Promise<ImportOutcome> {
    const read = looksLikeXlsx(bytes) ? await readProcedureXlsx(bytes) : readProcedureCsv(new TextDecoder('utf-8').decode(bytes));
    return this.importRows(caller, read, 'file', write);
  }

  private async importRows(caller: Caller, read: { rows: CsvProcedureRow[]; problem: string | null }, path: string, write: boolean): Promise<ImportOutcome> {
    const { rows, problem } = read;
    if (problem) throw new DomainError('invalid-input', problem, [{ path, message: problem }]);
    // Every procedure of the office, not the store's default page of 1,000: past it, known codes read as new and their updates were lost.
    const existing = new Map((await this.deps.entities.list('procedure', { orgId: caller.orgId, limit: ALL_PROCEDURES })).map((p) => [p.code, p]));
    const out: ImportOutcome['rows'] = rows.map((r) => {
      const old = existing.get(r.code);
      const status = r.errors.length ? 'error' : !old ? 'new' : old.name.vi === r.name && old.field.vi === r.field ? 'unchanged' : 'update';
      return { line: r.line, code: r.code, name: r.name, field: r.field, status, errors: r.errors };
    });
    const counts = { new: 0, update: 0, unchanged: 0, error: 0 };
    for (const r of out) counts[r.status]++;
    if (!write) return { rows: out, counts, written: false };

    // One store write for the new rows and one for the changed ones (a national list is ~5,000 rows).
    const fresh: Procedure[] = out
      .filter((r) => r.status === 'new')
      .map((r) => ({ id: randomUUID(), orgId: caller.orgId, code: r.code, name: { vi: r.name, en: '' }, field: { vi: r.field, en: '' }, active: true }));
    const changed: Procedure[] = out
      .filter((r) => r.status === 'update')
      .map((r) => {
        const old = existing.get(r.code)!;
        return { ...old, name: { ...old.name, vi: r.name }, field: { ...old.field, vi: r.field } };
      });
    const inserted = await this.deps.entities.insertMany('procedure', fresh);
    // Another import may have taken a code meanwhile: then it is that one's, not an error of this file.
    const created = fresh.filter((_, i) => inserted[i] === 'inserted').map((p) => p.code);
    await this.deps.entities.putMany('procedure', changed);
    const updated = changed.map((p) => p.code);
    await this.deps.audit.record({
      orgId: caller.orgId,
      actor: caller.email,
      action: 'procedure.import',
      target: caller.orgId,
      details: { created: created.slice(0, 500), updated: updated.slice(0, 500), skippedRows: out.filter((r) => r.status === 'error').map((r) => r.line).slice(0, 500) },
    });
    return { rows: out, counts, written: true };
  }

  // ---- helpers -------------------------------------------------------------

  /** The unit a counter or officer goes to: this organisation's, and one the caller may reach (a unit head: theirs). */
  private async unitFor(caller: Caller, unitId: string): Promise<Unit> {
    const unit = await this.deps.entities.get('unit', unitId);
    if (!unit || !belongsTo(caller.orgId, unit)) throw new DomainError('unprocessable', 'Unknown unit', [{ path: 'unitId', message: 'no such unit' }]);
    if (!seesUnit(caller, unit.id)) throw new DomainError('forbidden', 'Outside your unit');
    return unit;
  }

  /**
   * A unit code must be new in this office and must not be a waiting-room
   * screen code: /screen/<code> looks office screen codes up first (any
   * office's, ignoring case), so such a unit's screen could never be reached.
   */
  private async unitCodeFree(orgId: string, code: string): Promise<void> {
    const wanted = code.toLowerCase();
    const units = await this.deps.entities.list('unit', { orgId });
    if (units.some((u) => u.code.toLowerCase() === wanted)) throw taken('code', 'This unit code');
    const orgs = await this.deps.entities.list('organisation');
    if (orgs.some((o) => screenSettingsOf(o).code.toLowerCase() === wanted)) {
      throw new DomainError('conflict', 'This code is the waiting-room screen code', [{ path: 'code', message: 'already the waiting-room screen code of an office' }]);
    }
  }

  /** A unit is placed in itself, so permissions.ts can check a unit head's reach. */
  private placedUnit(u: Unit | null): (Unit & { unitId: string }) | null {
    return u ? { ...u, unitId: u.id } : null;
  }

  private action(kind: string, before: { active?: boolean }, after: { active?: boolean }): string {
    const was = before.active !== false;
    const is = after.active !== false;
    return was && !is ? `${kind}.deactivate` : !was && is ? `${kind}.reactivate` : `${kind}.update`;
  }

  private async audited(caller: Caller, action: string, target: string, before: object | null, after: object): Promise<void> {
    const { orgId: _o, ...a } = after as Record<string, unknown>;
    const b = before ? (({ orgId: _p, ...rest }) => rest)(before as Record<string, unknown>) : null;
    await this.deps.audit.record({ orgId: caller.orgId, actor: caller.email, action, target, details: b ? { before: b, after: a } : { after: a } });
  }
}

/** The patch without its undefined keys (so `{ ...before, ...patch }` never blanks a field). */
function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
