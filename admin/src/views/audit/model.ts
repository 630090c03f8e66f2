/**
 * An audit entry in words: what changed from what to what, with names for
 * ids, percentages for the target, yes/no for flags, never raw JSON. Pure
 * (formats and names are passed in), so it is unit-tested.
 */
export interface Change {
  key: string;
  before: string | null;
  after: string;
}

export interface Formats {
  /** A record's name by its id, if known. */
  name: (id: string) => string | null;
  local: (t: { vi: string; en: string }) => string;
  target: (t: number) => string;
  num: (n: number) => string;
  yes: string;
  no: string;
  none: string;
  more: (n: number) => string;
  daysPerWeek: (n: number) => string;
  holidays: (n: number) => string;
  key: (k: string) => string;
  role: (r: string) => string | null;
}

const isLocalText = (v: unknown): v is { vi: string; en: string } => !!v && typeof v === 'object' && typeof (v as { vi?: unknown }).vi === 'string' && Object.keys(v).every((k) => k === 'vi' || k === 'en');

export function formatValue(key: string, v: unknown, f: Formats, depth = 0): string {
  if (v === null || v === undefined || v === '') return f.none;
  if (typeof v === 'boolean') return v ? f.yes : f.no;
  if (typeof v === 'number') return key === 'target' ? f.target(v) : f.num(v);
  if (typeof v === 'string') return (key.endsWith('Id') && f.name(v)) || (key === 'role' && f.role(v)) || v;
  if (Array.isArray(v)) {
    const shown = v.slice(0, 10).map((x) => formatValue(key, x, f, depth + 1));
    return shown.join(', ') + (v.length > 10 ? ` ${f.more(v.length - 10)}` : '') || f.none;
  }
  if (isLocalText(v)) return f.local(v);
  if (key === 'hours' && typeof v === 'object') {
    const h = v as { weekdays?: number[]; sessions?: { open: string; close: string }[]; holidays?: string[] };
    const sessions = (h.sessions ?? []).map((s) => `${s.open}-${s.close}`).join(', ');
    return [f.daysPerWeek(h.weekdays?.length ?? 0), sessions, h.holidays?.length ? f.holidays(h.holidays.length) : ''].filter(Boolean).join(' · ');
  }
  if (typeof v === 'object' && depth < 2) {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${f.key(k)}: ${formatValue(k, x, f, depth + 1)}`)
      .join('; ');
  }
  return f.none;
}

/** Same value? (Deep, for the small records audited.) */
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Keys never worth showing (ids of the record itself, internal state). */
const HIDDEN = new Set(['id', 'orgId', 'passwordHash']);

/** The changes an entry records: before → after for each changed key; otherwise its details as facts. */
export function changesOf(details: Record<string, unknown> | undefined, f: Formats): Change[] {
  if (!details) return [];
  const { before, after } = details as { before?: Record<string, unknown> | null; after?: Record<string, unknown> };
  if (after && typeof after === 'object') {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k));
    return keys
      .filter((k) => !before || !same(before[k], after[k]))
      .filter((k) => before || (after[k] !== undefined && after[k] !== null))
      .map((k) => ({ key: f.key(k), before: before ? formatValue(k, before[k], f) : null, after: formatValue(k, after[k], f) }));
  }
  return Object.entries(details)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => ({ key: f.key(k), before: null, after: formatValue(k, v, f) }));
}
