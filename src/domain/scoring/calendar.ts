// Day arithmetic for scoring. Record dates are Asia/Shanghai calendar dates
// and mean 00:00 UTC+8 of that day; the Shanghai day of an instant comes
// from ../time/shanghai.ts, the one home of that arithmetic.
// Ages are whole calendar days so that an inspector can check them against
// a wall calendar, and so decay factors can come from a precomputed table.

import { Invalid } from '../errors.ts';
import { isRealDate } from '../values/dates.ts';
import { DAY_MS, formatShanghaiDate, shanghaiDayOf } from '../time/shanghai.ts';

export { DAY_MS, shanghaiDayOf };
/** YYYY-MM-DD of the Shanghai day of an instant. */
export const shanghaiDate = formatShanghaiDate;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

// Howard Hinnant's days-from-civil: integer arithmetic only, no Date object
// per record (scoring parses a million of these per run).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

// The day number of the 1st and the length of every month of the years
// records carry, built once at load: dayNumber then costs a table lookup
// (a run parses a few million dates). Other years take the arithmetic.
const TABLE_FROM = 1900;
const TABLE_YEARS = 300;
const MONTH_START = new Float64Array(TABLE_YEARS * 12);
const MONTH_DAYS = new Uint8Array(TABLE_YEARS * 12);
for (let k = 0; k < TABLE_YEARS * 12; k++) {
  const y = TABLE_FROM + Math.floor(k / 12);
  const m = (k % 12) + 1;
  MONTH_START[k] = daysFromCivil(y, m, 1);
  MONTH_DAYS[k] = m === 12 ? 31 : daysFromCivil(y, m + 1, 1) - daysFromCivil(y, m, 1);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; NaN when it is not one. */
export function dayNumber(date: string): number {
  // charCode arithmetic instead of a regex: this runs once per record.
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 2);
  const d = digits(date, 8, 2);
  const k = (y - TABLE_FROM) * 12 + m - 1;
  if (k >= 0 && k < TABLE_YEARS * 12 && m >= 1 && m <= 12)
    return d >= 1 && d <= MONTH_DAYS[k]! ? MONTH_START[k]! + d - 1 : Number.NaN;
  if (!isRealDate(y, m, d)) return Number.NaN;
  return daysFromCivil(y, m, d);
}

/** dayNumber, throwing Invalid that names the record when the date is malformed. */
export function requireDay(date: string, what: string, id: unknown): number {
  const n = dayNumber(date);
  if (Number.isNaN(n))
    throw new Invalid(`scoring: ${what} of record ${String(id)} is not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return n;
}

/** An optional date: NaN when absent, Invalid when present and malformed. */
export function optionalDay(date: string | null | undefined, what: string, id: unknown): number {
  return date === null || date === undefined || date === '' ? Number.NaN : requireDay(date, what, id);
}

/**
 * The as-of rule for records (issue 14 item 2): a record counts as of an
 * instant when it was recorded at or before it. A record whose file gave a
 * time of day carries that instant (`at`, epoch ms); one with a date alone
 * counts from the start of its Shanghai day, which the callers' day test
 * (date ≤ the day of the instant) already says. A petition registered at
 * 10:30 is not known at 09:00 the same day.
 */
export function recordedAfter(recordedAt: number | null | undefined, atMs: number): boolean {
  return recordedAt !== null && recordedAt !== undefined && recordedAt > atMs;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** YYYY-MM-DD of a day number (the inverse of dayNumber, for years 1000–9999). */
export function formatDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad2(m)}-${pad2(d)}`;
}

/** epoch ms of an instant; Invalid naming the record (when given) if it is not a valid Date. */
export function requireInstant(at: Date, what: string, id?: unknown): number {
  const t = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(t))
    throw new Invalid(`scoring: ${what}${id === undefined ? '' : ` of record ${String(id)}`} is not a valid instant`);
  return t;
}
