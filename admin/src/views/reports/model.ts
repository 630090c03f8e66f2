/** The period a person picks on the Reports screen, as the report's period word (shared/periods periodFromCode). */
export type PeriodType = 'month' | 'quarter' | 'half' | 'nine-months' | 'year' | 'custom';
export const PERIOD_TYPES: PeriodType[] = ['month', 'quarter', 'half', 'nine-months', 'year', 'custom'];

export interface PeriodPick {
  type: PeriodType;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2. */
  part: number;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodCode(p: PeriodPick): string | null {
  switch (p.type) {
    case 'month':
      return `${p.year}-${pad(p.part)}`;
    case 'quarter':
      return `${p.year}-Q${p.part}`;
    case 'half':
      return `${p.year}-H${p.part}`;
    case 'nine-months':
      return `${p.year}-9M`;
    case 'year':
      return String(p.year);
    case 'custom':
      return p.from && p.to && p.from <= p.to ? `${p.from}..${p.to}` : null;
  }
}

/** Back from the word in the address; the default is the last whole quarter (Vietnam time). */
export function pickFromCode(code: string | undefined, now = Date.now()): PeriodPick {
  const d = new Date(now + 7 * 3600_000);
  const y = d.getUTCFullYear();
  const q = Math.floor(d.getUTCMonth() / 3) + 1;
  const base: PeriodPick = { type: 'quarter', year: q === 1 ? y - 1 : y, part: q === 1 ? 4 : q - 1, from: '', to: '' };
  if (!code) return base;
  let m: RegExpMatchArray | null;
  if ((m = code.match(/^(\d{4})-(\d{2})$/))) return { ...base, type: 'month', year: +m[1], part: +m[2] };
  if ((m = code.match(/^(\d{4})-Q([1-4])$/))) return { ...base, type: 'quarter', year: +m[1], part: +m[2] };
  if ((m = code.match(/^(\d{4})-H([12])$/))) return { ...base, type: 'half', year: +m[1], part: +m[2] };
  if ((m = code.match(/^(\d{4})-9M$/))) return { ...base, type: 'nine-months', year: +m[1] };
  if ((m = code.match(/^(\d{4})$/))) return { ...base, type: 'year', year: +m[1] };
  if ((m = code.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/))) return { ...base, type: 'custom', from: m[1], to: m[2] };
  return base;
}
