// Working days for deadlines: Monday to Friday, minus public holidays, plus
// make-up working days (调休, e.g. a Saturday worked before a long holiday),
// all as Asia/Shanghai calendar dates.

import { z } from 'zod';
import { DAY_MS, dayNumber, shanghaiDayOf } from '../scoring/calendar.ts';
import { Invalid } from '../errors.ts';
import { dayStartMs, isoWeekday, msIntoDay } from './local-time.ts';

export interface WorkCalendar {
  /** YYYY-MM-DD days off (weekend days in the list change nothing). */
  holidays: readonly string[];
  /** YYYY-MM-DD weekend days that are working days (调休上班). */
  makeupWorkdays: readonly string[];
  /**
   * The years whose holidays the lists are known to hold. Outside them a
   * deadline counts Monday to Friday only, which may be wrong by a holiday:
   * see uncoveredYears. Absent: every year is taken as covered.
   */
  coveredYears?: readonly number[];
}

export const isoDateSchema = z.string().refine((s) => !Number.isNaN(dayNumber(s)), {
  error: 'expected a real calendar date as YYYY-MM-DD, e.g. 2026-10-01',
});

export const workCalendarSchema = z
  .strictObject({
    holidays: z.array(isoDateSchema),
    makeupWorkdays: z.array(isoDateSchema),
    coveredYears: z.array(z.number().int().min(1900).max(2200)).optional(),
  })
  .superRefine((c, ctx) => {
    const off = new Set(c.holidays);
    c.makeupWorkdays.forEach((d, i) => {
      if (off.has(d))
        ctx.addIssue({
          code: 'custom',
          path: ['makeupWorkdays', i],
          message: `${d} is listed both as a holiday and as a make-up working day`,
        });
    });
  });

interface Compiled {
  off: Set<number>;
  on: Set<number>;
}

// Calendars are immutable config values; compile each once.
const compiled = new WeakMap<WorkCalendar, Compiled>();

function compile(cal: WorkCalendar): Compiled {
  let c = compiled.get(cal);
  if (c === undefined) {
    c = { off: new Set(cal.holidays.map(dayNumber)), on: new Set(cal.makeupWorkdays.map(dayNumber)) };
    compiled.set(cal, c);
  }
  return c;
}

/** Whether a Shanghai day number (see ../scoring/calendar.ts) is a working day. */
export function isWorkingDay(day: number, cal: WorkCalendar): boolean {
  const c = compile(cal);
  if (c.on.has(day)) return true;
  if (c.off.has(day)) return false;
  return isoWeekday(day) <= 5;
}

// Any real calendar has a working day within a few weeks; the bound only
// turns a nonsensical configuration into an error instead of a hang.
const MAX_SEARCH_DAYS = 366;

/** The first working day strictly after `day`. */
export function nextWorkingDay(day: number, cal: WorkCalendar): number {
  for (let d = day + 1; d <= day + MAX_SEARCH_DAYS; d++) if (isWorkingDay(d, cal)) return d;
  throw new Invalid(`work calendar has no working day in the ${MAX_SEARCH_DAYS} days after day ${day}`);
}

/**
 * The instant at which `days` × 24 h of working-day time has elapsed since
 * `from` (the earliest such instant). Time that falls on a non-working day
 * does not count. Consequences, which are the documented rule:
 * - raised on a working day at 10:00, 3 working days later is 10:00 on the
 *   third working day after it (Fri 10:00 → Wed 10:00);
 * - raised on a non-working day, the clock starts at 00:00 of the next
 *   working day, so 3 working days end at 24:00 of the third working day
 *   counting that one (Sat → Wed 24:00, i.e. Thu 00:00);
 * - raised at exactly 00:00 of a working day, that day counts whole.
 */
export function addWorkingDays(from: Date, days: number, cal: WorkCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new Invalid(`working days must be a whole number ≥ 0, got ${days}`);
  let day = shanghaiDayOf(from);
  let offset = msIntoDay(from);
  if (!isWorkingDay(day, cal)) {
    day = nextWorkingDay(day, cal);
    offset = 0;
  }
  let remaining = days * DAY_MS;
  let available = DAY_MS - offset;
  while (remaining > available) {
    remaining -= available;
    day = nextWorkingDay(day, cal);
    offset = 0;
    available = DAY_MS;
  }
  return new Date(dayStartMs(day) + offset + remaining);
}

/**
 * The years from `fromDay` to `toDay` (Shanghai day numbers, inclusive) that
 * the calendar does not cover, ascending: deadlines falling in them ignore
 * public holidays and 调休 (the caller warns).
 */
export function uncoveredYears(cal: WorkCalendar, fromDay: number, toDay: number): number[] {
  if (cal.coveredYears === undefined) return [];
  const covered = new Set(cal.coveredYears);
  const first = yearOfDay(fromDay);
  const last = yearOfDay(toDay);
  const out: number[] = [];
  for (let y = first; y <= last; y++) if (!covered.has(y)) out.push(y);
  return out;
}

function yearOfDay(day: number): number {
  return new Date(dayStartMs(day) + DAY_MS / 2).getUTCFullYear();
}
