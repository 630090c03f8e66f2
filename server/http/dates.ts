import { DAY_MS, localMidnight } from '../../shared/periods';
import { DateOrTimeSchema } from '../../shared/api/common';

/** A query date: `YYYY-MM-DD` (a Vietnam-time day) or an ISO time with offset (the contract's one definition). */
export const DateOrTime = DateOrTimeSchema;

/** A date-only value means that local (Vietnam) day: `from` its start, `to` its end (exclusive). */
export function toInstant(v: string, end: boolean): number {
  if (v.length === 10) {
    const [y, m, d] = v.split('-').map(Number);
    return localMidnight(y, m, d) + (end ? DAY_MS : 0);
  }
  return Date.parse(v);
}
