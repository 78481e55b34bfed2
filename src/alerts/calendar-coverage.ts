import type { Logger } from '../log/logger.ts';
import { shanghaiDayOf } from '../domain/scoring/calendar.ts';
import { type WorkCalendar, uncoveredYears } from '../domain/alerts/working-days.ts';

/**
 * How far ahead deadlines reach: the longest working-day deadline in use is
 * a few weeks (credit objections, 3-working-day alerts over a holiday); two
 * months gives the operator a season's warning before a new year starts.
 */
export const CALENDAR_HORIZON_DAYS = 60;

/**
 * Warns when deadlines computed from `now` may fall in a year whose public
 * holidays and 调休 days the work calendar does not hold: they would count
 * Monday to Friday only. Run at start-up and daily (credit-expiry job), so
 * the warning appears in the logs from two months before the year begins
 * until the calendar is updated (a new chinese-days release, or the year's
 * days in QIANSHAO_SLA_CONFIG's `calendar`). Returns the years it warned of.
 */
export function warnIfCalendarEnds(log: Logger, calendar: WorkCalendar, now: Date): number[] {
  const today = shanghaiDayOf(now);
  const years = uncoveredYears(calendar, today, today + CALENDAR_HORIZON_DAYS);
  if (years.length > 0) {
    log.warn(
      { years, coveredUntil: calendar.coveredYears?.at(-1) ?? null },
      'work calendar has no public holidays for these years: working-day deadlines there count Monday to Friday only; update chinese-days or add the days to QIANSHAO_SLA_CONFIG calendar',
    );
  }
  return years;
}
