// Deadlines of the credit-list procedure, in Shanghai calendar days and
// working days (weekends, public holidays and 调休 from the work calendar).

import { dayNumber, formatDay, shanghaiDayOf } from '../scoring/calendar.ts';
import { dayStartMs } from '../alerts/local-time.ts';
import { nextWorkingDay, type WorkCalendar } from '../alerts/working-days.ts';
import { Invalid } from '../errors.ts';
import { msg } from '../i18n/messages.ts';

export function requireDate(value: string, what: string): number {
  const d = dayNumber(value);
  if (Number.isNaN(d))
    throw new Invalid(
      `${what}: expected a real calendar date as YYYY-MM-DD, got ${JSON.stringify(value)}`,
      undefined,
      msg('input.bad_date', { field: what }),
    );
  return d;
}

/**
 * The `n`-th working day strictly after the date `from` (the day of the act
 * itself does not count, as periods in Chinese administrative law run from
 * the next day). n = 0 gives `from` itself.
 */
export function nthWorkingDayAfter(from: string, n: number, cal: WorkCalendar): string {
  let day = requireDate(from, 'date');
  for (let i = 0; i < n; i++) day = nextWorkingDay(day, cal);
  return formatDay(day);
}

/** The end (24:00 Shanghai, i.e. 00:00 of the next day) of the date. */
export function endOfDay(date: string): Date {
  return new Date(dayStartMs(requireDate(date, 'date') + 1));
}

/** When the 陈述申辩 period after a notice issued on `noticeDate` ends. */
export function statementDue(noticeDate: string, workingDays: number, cal: WorkCalendar): Date {
  return endOfDay(nthWorkingDayAfter(noticeDate, workingDays, cal));
}

/** Objection received at `at`: marked by the end of the 1st working day after, decided by the end of the 5th. */
export function objectionDeadlines(
  at: Date,
  markDays: number,
  decideDays: number,
  cal: WorkCalendar,
): { markDue: Date; decideDue: Date } {
  const received = formatDay(shanghaiDayOf(at));
  return {
    markDue: endOfDay(nthWorkingDayAfter(received, markDays, cal)),
    decideDue: endOfDay(nthWorkingDayAfter(received, decideDays, cal)),
  };
}

/** The same calendar date `months` later; a day missing in the target month falls back to its last day (29 Feb → 28 Feb). */
export function addMonths(date: string, months: number): string {
  requireDate(date, 'date');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The expected exit date of a listing that starts on `listedOn`. */
export function expectedExit(listedOn: string, termYears: number): string {
  return addMonths(listedOn, termYears * 12);
}

/** The Shanghai date of an instant (re-exported for callers of this module). */
export function dateOf(at: Date): string {
  return formatDay(shanghaiDayOf(at));
}
