// Dates as users type them into spreadsheets. A date or time without an
// offset is Asia/Shanghai (../time/shanghai.ts holds the offset).

import { SHANGHAI_OFFSET_MINUTES, formatShanghaiDate } from '../time/shanghai.ts';
import { type ParseResult, fail, foldWidth, ok, quote } from './result.ts';
import { detach } from './text.ts';

export { SHANGHAI_OFFSET_MINUTES, formatShanghaiDate };

// Labor records older than 1900 or beyond 2100 are typos (a year of 0026 or
// 20266), not history; refusing them early keeps them out of as-of scoring.
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const EXPECTED = 'expected 2026-11-03, 2026/11/3, 2026年11月3日 or ISO 8601 with time';

const DATE_PART = /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*(日?))/;
const TIME_PART = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  /** Present when the input had a time of day. */
  time?: { hour: number; minute: number; second: number; ms: number; offsetMinutes: number };
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

// The canonical form, which machine exports use, skips normalization.
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})$/;

function splitDateTime(raw: string): ParseResult<DateTimeParts> {
  const c = CANONICAL.exec(raw);
  if (c) {
    const year = Number(c[1]);
    const month = Number(c[2]);
    const day = Number(c[3]);
    if (year >= MIN_YEAR && year <= MAX_YEAR && isRealDate(year, month, day)) return ok({ year, month, day });
  }
  const s = foldWidth(raw);
  if (s === '') return fail('empty date');
  const m = DATE_PART.exec(s);
  if (!m) return fail(`not a date: ${quote(s)}; ${EXPECTED}`);
  const year = Number(m[1]);
  const month = Number(m[3] ?? m[5]);
  const day = Number(m[4] ?? m[6]);
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(`year ${year} is out of range (${MIN_YEAR}–${MAX_YEAR}): ${s}`);
  if (!isRealDate(year, month, day)) return fail(`not a real date: ${s}`);

  let rest = s.slice(m[0].length);
  if (rest === '') return ok({ year, month, day });
  // A time must be set off by 'T' or a space, except right after 日, so that
  // '2026-11-0310:00' is not read as the 3rd at 10:00.
  if (/^[Tt\s]/.test(rest)) rest = rest.slice(1).trimStart();
  else if (m[7] !== '日') return fail(`not a date: ${quote(s)}; ${EXPECTED}`);
  const t = TIME_PART.exec(rest);
  if (!t) return fail(`not a date: ${quote(s)}; ${EXPECTED}`);
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  const second = t[3] === undefined ? 0 : Number(t[3]);
  if (hour > 23 || minute > 59 || second > 59) return fail(`not a real time of day: ${s}`);
  const ms = t[4] === undefined ? 0 : Number(t[4].slice(0, 3).padEnd(3, '0'));
  const offsetMinutes = t[5] === undefined ? SHANGHAI_OFFSET_MINUTES : parseOffset(t[5]);
  if (Number.isNaN(offsetMinutes)) return fail(`not a valid UTC offset in ${s}`);
  return ok({ year, month, day, time: { hour, minute, second, ms, offsetMinutes } });
}

function parseOffset(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const min = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (h > 23 || min > 59) return Number.NaN;
  return sign * (h * 60 + min);
}

function epochMs(p: DateTimeParts): number {
  const t = p.time;
  const local = Date.UTC(p.year, p.month - 1, p.day, t?.hour ?? 0, t?.minute ?? 0, t?.second ?? 0, t?.ms ?? 0);
  return local - (t?.offsetMinutes ?? SHANGHAI_OFFSET_MINUTES) * 60_000;
}

/**
 * A calendar date as YYYY-MM-DD. An input with a time of day names an
 * instant; its Asia/Shanghai date is returned, so '2026-11-02T20:00:00Z' is
 * '2026-11-03'.
 */
export function parseDate(raw: string): ParseResult<string> {
  const r = parseDateAndInstant(raw);
  return r.ok ? ok(r.value.date) : r;
}

/**
 * An instant. A date without a time is its first moment in Shanghai
 * (00:00 UTC+8); a time without an offset is Shanghai wall-clock time.
 */
export function parseInstant(raw: string): ParseResult<Date> {
  const r = parseDateAndInstant(raw);
  return r.ok ? ok(r.value.at) : r;
}

// An import file holds a few hundred distinct dates over many thousand
// rows; remembering recent answers saves most of the parsing. Only strings
// and numbers are kept, so no caller can alter what another receives, and
// they are detached copies: the cell (and a message quoting it) may be a
// view into a 64 KB chunk of the file that the memo would keep alive.
const MEMO_LIMIT = 4096;
const memo = new Map<string, { date: string; ms: number } | string>();

/** Both readings of one cell, parsed once: the Shanghai date and the instant. */
export function parseDateAndInstant(raw: string): ParseResult<{ date: string; at: Date }> {
  let hit = memo.get(raw);
  if (hit === undefined) {
    const r = splitDateTime(raw);
    if (r.ok) {
      const p = r.value;
      const ms = epochMs(p);
      const date =
        p.time === undefined || p.time.offsetMinutes === SHANGHAI_OFFSET_MINUTES
          ? `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
          : formatShanghaiDate(new Date(ms));
      hit = { date, ms };
    } else hit = detach(r.message);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(detach(raw), hit);
  }
  return typeof hit === 'string' ? fail(hit) : ok({ date: hit.date, at: new Date(hit.ms) });
}
