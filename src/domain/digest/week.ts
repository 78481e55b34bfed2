// ISO weeks (Monday–Sunday) on the Asia/Shanghai calendar: a week is
// exactly 7 × 24 h starting at Monday 00:00 UTC+8 (../time/shanghai.ts), and
// day numbers (days since 1970-01-01) do the rest.

import { Invalid } from '../errors.ts';
import { formatDay } from '../scoring/calendar.ts';
import { DAY_MS, dayStartMs, shanghaiDayOf } from '../time/shanghai.ts';
import { msg } from '../i18n/messages.ts';

export const WEEK_MS = 7 * DAY_MS;

export interface IsoWeek {
  year: number;
  week: number;
}

export interface WeekBounds {
  /** e.g. 2026-W47 */
  label: string;
  /** Monday 00:00 Shanghai (inclusive). */
  start: Date;
  /** The next Monday 00:00 Shanghai (exclusive): the digest's "as of". */
  end: Date;
  /** Monday and Sunday as YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  /** Day number of the Monday. */
  mondayDay: number;
}

// 1970-01-01 was a Thursday: day 0 → ISO weekday 4.
const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

function jan4Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4) / DAY_MS;
  return jan4 - (isoWeekday(jan4) - 1);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
export const formatWeek = (w: IsoWeek): string => `${w.year}-W${pad2(w.week)}`;

/** The ISO week a Shanghai day number falls in. */
export function weekOfDay(day: number): IsoWeek {
  const thursday = day - isoWeekday(day) + 4; // the week belongs to the year of its Thursday
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  return { year, week: Math.floor((thursday - jan4Monday(year)) / 7) + 1 };
}

/** The ISO week (Shanghai calendar) in which an instant falls. */
export const weekOf = (at: Date): IsoWeek => weekOfDay(shanghaiDayOf(at));

/** Parses 2026-W47 (also 2026W47, 2026-w47); Invalid otherwise, or for a week the year does not have. */
export function parseWeek(text: string): IsoWeek {
  const m = /^(\d{4})-?[Ww](\d{2})$/.exec(text.trim());
  if (!m)
    throw new Invalid(
      `expected an ISO week like 2026-W47, got ${JSON.stringify(text)}`,
      undefined,
      msg('digest.bad_week', { text: JSON.stringify(text) }),
    );
  const w = { year: Number(m[1]), week: Number(m[2]) };
  if (w.week < 1 || w.week > weeksInYear(w.year))
    throw new Invalid(
      `${w.year} has no week ${w.week}`,
      undefined,
      msg('digest.no_week', { year: w.year, week: w.week }),
    );
  return w;
}

export function weeksInYear(year: number): number {
  return (jan4Monday(year + 1) - jan4Monday(year)) / 7;
}

export function mondayOf(w: IsoWeek): number {
  return jan4Monday(w.year) + (w.week - 1) * 7;
}

export function boundsOf(w: IsoWeek): WeekBounds {
  const monday = mondayOf(w);
  const start = new Date(dayStartMs(monday));
  return {
    label: formatWeek(w),
    start,
    end: new Date(start.getTime() + WEEK_MS),
    firstDay: formatDay(monday),
    lastDay: formatDay(monday + 6),
    mondayDay: monday,
  };
}

/** The week `n` weeks after (negative: before) `w`. */
export const shiftWeek = (w: IsoWeek, n: number): IsoWeek => weekOfDay(mondayOf(w) + 7 * n);

/** The last `count` weeks ending with `w`, oldest first. */
export function weeksEndingWith(w: IsoWeek, count: number): WeekBounds[] {
  return Array.from({ length: count }, (_, i) => boundsOf(shiftWeek(w, i - count + 1)));
}

/** The week before the one containing `now`: what the Monday job builds. */
export const previousWeekOf = (now: Date): IsoWeek => shiftWeek(weekOf(now), -1);
