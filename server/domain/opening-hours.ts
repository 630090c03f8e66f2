import type { OpeningHours } from './entities';

/** The rule itself is shared with the kiosk (its screen stays awake while the counter is open). Ratings outside are flagged, not refused. */
export { isOpenAt } from '../../shared/opening-hours';

/** Monday–Friday, 07:30–11:30 and 13:30–17:00: the usual one-stop desk hours. */
export const DEFAULT_HOURS: OpeningHours = {
  weekdays: [1, 2, 3, 4, 5],
  sessions: [
    { open: '07:30', close: '11:30' },
    { open: '13:30', close: '17:00' },
  ],
  holidays: [],
};
