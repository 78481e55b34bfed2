// Feed dates come as RFC 822 (RSS), W3C-DTF / ISO 8601 (Atom, Dublin Core)
// or, on Chinese sites, "2026-11-03 14:05" and "2026年11月3日 14:05". Date.parse
// is not used: what it accepts beyond ISO is engine-defined and it reads
// zone-less strings in the process time zone, so results would depend on
// the machine.

import { SHANGHAI_OFFSET_MINUTES } from '../../domain/time/shanghai.ts';

/**
 * Offset for timestamps that name no zone, date-only ones included: Beijing
 * time, as for every other date this product reads (China has no DST).
 */
const DEFAULT_OFFSET_MIN = SHANGHAI_OFFSET_MINUTES;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  bst: 60,
  cet: 60,
  cest: 120,
  jst: 540,
  kst: 540,
  hkt: 480,
  ctt: 480,
  sgt: 480,
};

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
const RFC822 =
  /^(?:[a-z]{2,9},?\s+)?(\d{1,2})[\s-]+([a-z]{3,4})[a-z]*\.?[\s-]+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(?:([+-]\d{4}|[+-]\d{2}:\d{2}|[a-z]{1,5}))?$/i;
const ASCTIME = /^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:([a-z]{1,5})\s+)?(\d{4})$/i;
const LOCAL =
  /^(\d{4})\s*[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?\s*秒?)?$/;

/** Parses a feed date to ISO 8601 UTC (`2026-11-03T06:05:00.000Z`), or null. */
export function parseFeedDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (s === '' || s.length > 64) return null;
  let m = ISO.exec(s);
  if (m) {
    return build(
      +m[1]!,
      num(m[2], 1),
      num(m[3], 1),
      num(m[4], 0),
      num(m[5], 0),
      num(m[6], 0),
      m[7] ? Number(`0.${m[7]}`) * 1000 : 0,
      zoneOffset(m[8], DEFAULT_OFFSET_MIN),
    );
  }
  m = RFC822.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    const year = m[3]!.length === 2 ? twoDigitYear(+m[3]!) : +m[3]!;
    return month === undefined
      ? null
      : build(year, month, +m[1]!, num(m[4], 0), num(m[5], 0), num(m[6], 0), 0, zoneOffset(m[7], DEFAULT_OFFSET_MIN));
  }
  m = ASCTIME.exec(s);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month === undefined
      ? null
      : build(+m[7]!, month, +m[2]!, +m[3]!, +m[4]!, +m[5]!, 0, zoneOffset(m[6], DEFAULT_OFFSET_MIN));
  }
  m = LOCAL.exec(s);
  if (m) {
    return build(+m[1]!, +m[2]!, +m[3]!, num(m[4], 0), num(m[5], 0), num(m[6], 0), 0, DEFAULT_OFFSET_MIN);
  }
  return null;
}

function num(s: string | undefined, fallback: number): number {
  return s === undefined ? fallback : Number(s);
}

// RFC 2822 section 4.3: two-digit years below 50 are 20xx.
function twoDigitYear(y: number): number {
  return y < 50 ? 2000 + y : 1900 + y;
}

/** Minutes east of UTC; null for an unknown zone name (the date is then unusable). */
function zoneOffset(zone: string | undefined, fallback: number): number | null {
  if (!zone) return fallback;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === '-' ? -minutes : minutes;
  }
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  // Military single letters other than Z are ambiguous in practice (RFC 2822
  // says to treat them as -0000), so read them as UTC.
  return /^[a-z]$/i.test(zone) ? 0 : null;
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  offsetMin: number | null,
): string | null {
  if (offsetMin === null || y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) {
    return null;
  }
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth || (h === 24 && (mi > 0 || s > 0))) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), Math.round(ms)) - offsetMin * 60_000;
  return new Date(utc).toISOString();
}
