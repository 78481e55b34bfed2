// Asia/Shanghai wall-clock times of day for the alert clock, roster and
// quiet hours. The day arithmetic itself is ../time/shanghai.ts's.

import { z } from 'zod';
import { DAY_MS, MINUTE_MS, dayStartMs, isoWeekday, msIntoDay, shanghaiDayOf } from '../time/shanghai.ts';

export { MINUTE_MS, dayStartMs, isoWeekday, msIntoDay };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A Shanghai wall-clock time of day, 'HH:MM' from 00:00 to 23:59. */
export const hhmmSchema = z
  .string()
  .regex(HHMM, { error: 'expected a time of day as HH:MM between 00:00 and 23:59, e.g. 08:30' });

/** `by` of a same-day deadline: a time of day, or '24:00' for the midnight that ends the day. */
export const endOfDaySchema = z.union([z.literal('24:00'), hhmmSchema]);

/** Minutes after local midnight of 'HH:MM' or '24:00' (1440). */
export const minutesOfBy = (by: string): number => (by === '24:00' ? 24 * 60 : minutesOf(by));

/**
 * Whether 'HH:MM' time `a` is earlier than `b`; true when either is
 * malformed, since zod runs object refinements even after a field failed
 * and the field has already reported the problem.
 */
export function isEarlierOrInvalid(a: string, b: string, orEqual = false): boolean {
  if (!HHMM.test(a) || !HHMM.test(b)) return true;
  return orEqual ? minutesOf(a) <= minutesOf(b) : minutesOf(a) < minutesOf(b);
}

/** Minutes after local midnight of an 'HH:MM' string; RangeError when malformed. */
export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day HH:MM: ${JSON.stringify(hhmm)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant at `minutes` after 00:00 Shanghai of a day number. */
export function atLocal(day: number, minutes: number): Date {
  return new Date(dayStartMs(day) + minutes * MINUTE_MS);
}

/** A daily Shanghai window; `to` earlier than `from` means it runs past midnight. */
export interface DailyWindow {
  from: string;
  to: string;
}

export const dailyWindowSchema = z
  .object({ from: hhmmSchema, to: hhmmSchema })
  .refine((w) => w.from !== w.to || !HHMM.test(w.from), {
    error: 'a daily window needs from ≠ to (leave the window out for all day)',
  });

/**
 * The occurrence of a daily window that contains `at`, as [start, end)
 * instants, or null when `at` is outside the window. The occurrence of an
 * overnight window after midnight is the one that began the evening before.
 */
export function windowOccurrence(at: Date, w: DailyWindow): { start: Date; end: Date } | null {
  const day = shanghaiDayOf(at);
  const t = msIntoDay(at);
  const from = minutesOf(w.from) * MINUTE_MS;
  const to = minutesOf(w.to) * MINUTE_MS;
  const length = to > from ? to - from : DAY_MS - from + to;
  let startDay: number;
  if (to > from) {
    if (t < from || t >= to) return null;
    startDay = day;
  } else if (t >= from) startDay = day;
  else if (t < to) startDay = day - 1;
  else return null;
  const start = dayStartMs(startDay) + from;
  return { start: new Date(start), end: new Date(start + length) };
}
