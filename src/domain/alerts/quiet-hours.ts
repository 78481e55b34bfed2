// Quiet hours: non-red notifications due at night wait for the morning.
// Red alerts are never deferred (重大舆情不过夜).

import type { Level } from '../scoring/types.ts';
import { type DailyWindow, dailyWindowSchema, windowOccurrence } from './local-time.ts';

export type QuietHours = DailyWindow;
export const quietHoursSchema = dailyWindowSchema;

/** Whether `at` falls inside quiet hours (Shanghai local; from inclusive, to exclusive). */
export function inQuietHours(at: Date, quiet: QuietHours | null): boolean {
  return quiet !== null && windowOccurrence(at, quiet) !== null;
}

/**
 * When a notification due at `at` may go out: unchanged for red alerts and
 * outside quiet hours; otherwise the end of the quiet period containing it.
 */
export function applyQuietHours(at: Date, level: Level, quiet: QuietHours | null): Date {
  if (level === 'red' || quiet === null) return at;
  const occurrence = windowOccurrence(at, quiet);
  return occurrence === null ? at : occurrence.end;
}
