/** The setup screens' pure parts: opening hours as typed ↔ as the API takes them, and audit entries in words. */
import { describe, expect, it } from 'vitest';
import { draftOf, hoursOf, parseHolidays, parseSessions } from '../../admin/src/views/structure/parts/hours';
import { changesOf, type Formats } from '../../admin/src/views/audit/model';

describe('opening hours in the counter form', () => {
  it('reads sessions as typed, padding single-digit hours and accepting 7h30', () => {
    expect(parseSessions('7:30-11:30, 13h30 – 17:00')).toEqual([{ open: '07:30', close: '11:30' }, { open: '13:30', close: '17:00' }]);
  });

  it('reads Vietnamese and ISO dates', () => {
    expect(parseHolidays('2/9/2026\n2026-01-01, 30/04/2026')).toEqual(['2026-09-02', '2026-01-01', '2026-04-30']);
  });

  it('sends the sessions most days share, and only the differing days as exceptions', () => {
    const d = draftOf(null);
    d.open[6] = true;
    d.sessions[6] = '07:30-11:30';
    expect(hoursOf(d)).toEqual({
      weekdays: [1, 2, 3, 4, 5, 6],
      sessions: [{ open: '07:30', close: '11:30' }, { open: '13:30', close: '17:00' }],
      perDay: { '6': [{ open: '07:30', close: '11:30' }] },
      holidays: [],
    });
  });

  it('round-trips stored hours with per-day exceptions', () => {
    const stored = { weekdays: [1, 2, 6], sessions: [{ open: '08:00', close: '12:00' }], perDay: { '6': [{ open: '08:00', close: '10:00' }] }, holidays: ['2026-09-02'] };
    expect(hoursOf(draftOf(stored))).toEqual(stored);
  });
});

describe('audit entries in words', () => {
  const f: Formats = {
    name: (id) => ({ 'unit-a': 'Phòng A' })[id] ?? null,
    local: (t) => t.vi,
    target: (t) => `${Math.round(t * 100)}%`,
    num: String,
    yes: 'Có',
    no: 'Không',
    none: '—',
    more: (n) => `+${n}`,
    daysPerWeek: (n) => `${n} ngày/tuần`,
    holidays: (n) => `${n} ngày nghỉ`,
    key: (k) => k,
    role: (r) => (r === 'unit-head' ? 'Trưởng bộ phận' : null),
  };

  it('shows only what changed, before → after, with names, percentages and yes/no', () => {
    const changes = changesOf({ before: { target: 0.85, unitId: null, role: 'manager', disabled: false, name: 'A' }, after: { target: 0.9, unitId: 'unit-a', role: 'unit-head', disabled: true, name: 'A' } }, f);
    expect(changes).toEqual([
      { key: 'target', before: '85%', after: '90%' },
      { key: 'unitId', before: '—', after: 'Phòng A' },
      { key: 'role', before: 'manager', after: 'Trưởng bộ phận' },
      { key: 'disabled', before: 'Không', after: 'Có' },
    ]);
  });

  it('a creation lists its values; other details are shown as facts, never as JSON', () => {
    expect(changesOf({ after: { id: 'x', orgId: 'o', name: { vi: 'Quầy 1', en: '' }, hours: { weekdays: [1, 2], sessions: [{ open: '07:30', close: '11:30' }], holidays: [] } } }, f)).toEqual([
      { key: 'name', before: null, after: 'Quầy 1' },
      { key: 'hours', before: null, after: '2 ngày/tuần · 07:30-11:30' },
    ]);
    const facts = changesOf({ created: ['1.1', '1.2'], skippedRows: [3], kiosk: { idleSeconds: 20 } }, f);
    expect(facts.map((c) => c.after)).toEqual(['1.1, 1.2', '3', 'idleSeconds: 20']);
    expect(JSON.stringify(facts.map((c) => c.after))).not.toMatch(/[{}]/);
  });
});
