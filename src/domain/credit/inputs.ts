// Small input pieces the credit machine and its case-file steps share:
// free text, a calendar date, and the check that a date is not after today.

import { z } from 'zod';
import { Invalid } from '../errors.ts';
import { msg } from '../i18n/messages.ts';
import { endOfDay, requireDate } from './deadlines.ts';

export const text = (max = 4000) => z.string().trim().min(1).max(max);

export const dateInput = z.string().refine(
  (s) => {
    try {
      requireDate(s, 'date');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a real calendar date as YYYY-MM-DD' },
);

export const endOfDayMs = (d: string) => endOfDay(d).getTime();

/** Throws when `d` (YYYY-MM-DD) is after `today`: nobody records a receipt, filing or decision of tomorrow. */
export function notAfterToday(d: string, today: string, what: string): void {
  if (d > today)
    throw new Invalid(
      `credit: ${what} ${d} is in the future (today is ${today})`,
      undefined,
      msg('credit.future_date', { field: what, date: d, today }),
    );
}
