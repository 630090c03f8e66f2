import { describe, expect, it } from 'vitest';
import { authorise, may, rolesFor, seesUnit, unitFilter, visibleConfig, visibleUnitIds, type Viewer } from '../../server/domain/permissions';
import { DomainError } from '../../server/domain/errors';

const admin: Viewer = { orgId: 'org-1', role: 'admin', unitId: null };
const manager: Viewer = { orgId: 'org-1', role: 'manager', unitId: null };
const head: Viewer = { orgId: 'org-1', role: 'unit-head', unitId: 'unit-a' };

const errorOf = (fn: () => unknown): { code: string; message: string } | null => {
  try {
    fn();
    return null;
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { code: err.code, message: err.message };
  }
};

describe('which units a user sees', () => {
  it('gives admins and managers the whole organisation and a unit head their unit', () => {
    expect(visibleUnitIds(admin)).toBeUndefined();
    expect(visibleUnitIds(manager)).toBeUndefined();
    expect(visibleUnitIds(head)).toEqual(['unit-a']);
  });

  it('keeps organisation-wide things (no unit) from a unit head', () => {
    expect(seesUnit(admin, null)).toBe(true);
    expect(seesUnit(head, null)).toBe(false);
    expect(seesUnit(head, 'unit-a')).toBe(true);
    expect(seesUnit(head, 'unit-b')).toBe(false);
  });

  it('narrows a query to the unit asked for, and refuses another unit to a unit head', () => {
    expect(unitFilter(admin)).toBeUndefined();
    expect(unitFilter(admin, 'unit-b')).toEqual(['unit-b']);
    expect(unitFilter(head)).toEqual(['unit-a']);
    expect(unitFilter(head, 'unit-a')).toEqual(['unit-a']);
    expect(errorOf(() => unitFilter(head, 'unit-b'))).toEqual({ code: 'forbidden', message: 'Outside your unit' });
  });

  it('lists a unit head their unit, its counters and officers, and procedures of no unit', () => {
    const units = [{ id: 'unit-a' }, { id: 'unit-b' }];
    const sps = [{ id: 'sp-1', unitId: 'unit-a' }, { id: 'sp-2', unitId: 'unit-b' }];
    const procs = [{ id: 'p-1' }];
    expect(visibleConfig(head, 'unit', units).map((u) => u.id)).toEqual(['unit-a']);
    expect(visibleConfig(head, 'servicePoint', sps).map((s) => s.id)).toEqual(['sp-1']);
    expect(visibleConfig(head, 'procedure', procs)).toEqual(procs);
    expect(visibleConfig(manager, 'servicePoint', sps)).toEqual(sps);
  });
});

describe('whether a user may reach a record', () => {
  const counterA = { id: 'sp-1', orgId: 'org-1', unitId: 'unit-a' };
  const counterB = { id: 'sp-2', orgId: 'org-1', unitId: 'unit-b' };

  it('answers not-found for a missing record or another organisation’s, whatever the role', () => {
    expect(errorOf(() => authorise(admin, 'counter', null))).toEqual({ code: 'not-found', message: 'No such service point' });
    expect(errorOf(() => authorise(admin, 'counter', { ...counterA, orgId: 'org-2' }))).toEqual({ code: 'not-found', message: 'No such service point' });
    expect(errorOf(() => authorise(head, 'officer', { ...counterA, orgId: 'org-2' }))).toEqual({ code: 'not-found', message: 'No such officer' });
  });

  it('returns the record to a viewer who sees its unit', () => {
    expect(authorise(admin, 'counter', counterB)).toBe(counterB);
    expect(authorise(head, 'counter', counterA)).toBe(counterA);
  });

  it('forbids a unit head a counter, officer, device or link of another unit', () => {
    for (const kind of ['counter', 'officer', 'device', 'link', 'unit'] as const) {
      expect(errorOf(() => authorise(head, kind, counterB))).toEqual({ code: 'forbidden', message: 'Outside your unit' });
    }
  });

  it('hides from a unit head the alerts and responses of another unit, and organisation-wide alerts', () => {
    expect(errorOf(() => authorise(head, 'alert', { orgId: 'org-1', unitId: 'unit-b' }))).toEqual({ code: 'not-found', message: 'No such alert' });
    expect(errorOf(() => authorise(head, 'alert', { orgId: 'org-1', unitId: null }))).toEqual({ code: 'not-found', message: 'No such alert' });
    expect(errorOf(() => authorise(head, 'response', { orgId: 'org-1', unitId: 'unit-b' }))).toEqual({ code: 'not-found', message: 'No such response' });
    expect(authorise(admin, 'alert', { orgId: 'org-1', unitId: null })).toEqual({ orgId: 'org-1', unitId: null });
  });

  it('uses the caller’s wording for not-found when given', () => {
    expect(errorOf(() => authorise(admin, 'counter', null, 'No such counter'))).toEqual({ code: 'not-found', message: 'No such counter' });
  });
});

describe('which roles may do what', () => {
  it('lets only admins change the organisation, alert rules and integration keys', () => {
    for (const action of ['organisation.change', 'alert-rules.change', 'integration-keys.manage'] as const) {
      expect(rolesFor(action)).toEqual(['admin']);
    }
  });

  it('lets admins and managers, not unit heads, exclude responses and manage devices', () => {
    for (const action of ['responses.exclude', 'devices.manage', 'audit.read', 'alert-rules.read', 'alert-deliveries.read', 'survey-links.stats'] as const) {
      expect([may(admin, action), may(manager, action), may(head, action)]).toEqual([true, true, false]);
    }
  });

  it('lets every role read figures and alerts, act on alerts, set duty and print posters', () => {
    for (const action of ['stats.read', 'alerts.read', 'alerts.act', 'duty.change', 'posters.print', 'responses.read'] as const) {
      expect(may(head, action)).toBe(true);
    }
  });
});
