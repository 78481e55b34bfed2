// Resident identity card number (居民身份证号码, GB 11643-1999).
//
// Layout (1-based): 1–6 address (region) code, 7–14 birth date YYYYMMDD,
// 15–17 sequence number (odd for men), 18 check character (ISO 7064
// MOD 11-2, a digit or 'X').
//
// Deliberately not checked:
// - the region code: a faithful check needs the GB/T 2260 table with the
//   years each county code was in force, which we do not ship. A wrong
//   region is still caught by the check character in almost every typo.
// - whether the birth date lies in the past: the domain layer has no
//   clock; callers that care compare `birthDate` with today themselves.
// 15-digit first-generation numbers are rejected: they carry no check
// character, so a typo in one cannot be detected, and the test corpus has
// none. People re-issued cards long ago; ask for the 18-digit number.

export type RicResult =
  | { ok: true; value: string; birthDate: string }
  | { ok: false; reason: 'length' | 'format' | 'checksum' | 'birth_date'; message: string };

const CHECK_CHARS = '10X98765432';

// 2^(18-i) mod 11 for i = 1..17; all non-zero mod the prime 11, so any
// single-digit substitution changes the check character.
const RIC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < 17 - i; k++) w = (w * 2) % 11;
  return w;
});

/** Strips separators, folds full-width digits, upper-cases a trailing x. */
export function compactRic(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E\u3000]/gu, (ch) =>
      ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
    )
    .replace(/[\s\-\u2010-\u2015\u2212]/gu, '')
    .toUpperCase();
}

/** Check character (position 18) for the first 17 digits. */
export function ricCheckChar(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * RIC_WEIGHTS[i]!;
  return CHECK_CHARS.charAt(sum % 11);
}

export function validateRic(raw: string): RicResult {
  const value = compactRic(raw);
  if (/^[0-9]{15}$/.test(value)) {
    return fail('length', '15-digit first-generation ID numbers are not accepted; an 18-character number is required');
  }
  if (value.length !== 18) {
    return fail('length', `an ID number has 18 characters, found ${value.length}`);
  }
  const bad = value.slice(0, 17).search(/[^0-9]/);
  if (bad >= 0) {
    return fail('format', `characters 1–17 must be digits, found '${value.charAt(bad)}' at position ${bad + 1}`);
  }
  const last = value.charAt(17);
  if (!/^[0-9X]$/.test(last)) {
    return fail('format', `the last character must be a digit or 'X', found '${last}'`);
  }
  const expected = ricCheckChar(value.slice(0, 17));
  if (last !== expected) {
    return fail('checksum', `check character should be '${expected}', found '${last}'`);
  }
  const birthDate = parseBirthDate(value.slice(6, 14));
  if (birthDate === null) {
    return fail('birth_date', `characters 7–14 (${value.slice(6, 14)}) are not a real date`);
  }
  return { ok: true, value, birthDate };
}

export function isValidRic(raw: string): boolean {
  return validateRic(raw).ok;
}

/** YYYYMMDD → YYYY-MM-DD if it is a real Gregorian date, else null. */
function parseBirthDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function fail(reason: 'length' | 'format' | 'checksum' | 'birth_date', message: string): RicResult {
  return { ok: false, reason, message };
}
