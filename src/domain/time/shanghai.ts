// The one home of Asia/Shanghai time arithmetic and formatting. Shanghai has
// kept UTC+8 without daylight saving since 1991, and every date this product
// handles is later than that, so a fixed offset is exact: a local day is
// exactly 24 h, a week 7 × 24 h, and no time-zone database is needed (the
// domain stays pure and runs on Workers without ICU data). Everything that
// shows, parses or counts Shanghai days imports from here.

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
export const SHANGHAI_OFFSET_MINUTES = 480;
export const SHANGHAI_OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;
export const SHANGHAI_OFFSET_HOURS = SHANGHAI_OFFSET_MINUTES / 60;
/** The offset as ISO 8601 writes it. */
export const SHANGHAI_OFFSET_TEXT = '+08:00';
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** The Shanghai calendar day (days since 1970-01-01) in which the instant falls. */
export function shanghaiDayOf(at: Date): number {
  return Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Epoch ms of 00:00 Shanghai on a day number. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Milliseconds since 00:00 Shanghai of the instant's own day. */
export function msIntoDay(at: Date): number {
  return at.getTime() - dayStartMs(shanghaiDayOf(at));
}

/** ISO weekday of a day number: Monday 1 … Sunday 7 (day 0, 1970-01-01, was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Monday 00:00 Shanghai of the week holding `at`. */
export function shanghaiWeekStart(at: Date): Date {
  const day = shanghaiDayOf(at);
  return new Date(dayStartMs(day - isoWeekday(day) + 1));
}

/** The instant `ms` after epoch read on a Shanghai wall clock (its UTC fields are Shanghai's). */
function wall(at: Date): Date {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** YYYY-MM-DD: the Shanghai calendar date of an instant. */
export function formatShanghaiDate(at: Date): string {
  const d = wall(at);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 'YYYY-MM-DD HH:MM', Shanghai wall-clock time: how the console, robots, e-mail and the CLI show an instant. */
export function formatShanghaiMinute(at: Date): string {
  const d = wall(at);
  return `${formatShanghaiDate(at)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 'YYYY-MM-DDTHH:MM:SS+08:00': an ISO 8601 instant on the Shanghai clock (for machine-readable text a person also reads). */
export function formatShanghaiIso(at: Date): string {
  const d = wall(at);
  return `${formatShanghaiDate(at)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${SHANGHAI_OFFSET_TEXT}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True for an ISO 8601 date-time with an offset (a date alone is not an instant). */
export function isIsoInstant(value: string): boolean {
  return ISO_INSTANT.test(value);
}

/**
 * A value that may be an instant, as a reader sees it: a Date or an ISO
 * instant becomes Shanghai 'YYYY-MM-DD HH:MM'; other text is returned
 * unchanged; nothing (or an invalid date) is null.
 */
export function formatInstantText(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatShanghaiMinute(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (!isIsoInstant(value.trim())) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : formatShanghaiMinute(new Date(ms));
}
