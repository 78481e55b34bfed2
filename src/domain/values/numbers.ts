// Amounts and counts as written in Chinese spreadsheets: thousands
// separators, a trailing 元, and the 万 (10^4) / 亿 (10^8) units.
// Scaling is done on the decimal digits, not with floating-point
// multiplication, so '1.15万' is exactly 11500 and not 11499.999999999998.

import { type ParseResult, fail, foldWidth, ok, quote } from './result.ts';

const UNIT_EXPONENT: Record<string, number> = { '': 0, 万: 4, 亿: 8 };

// Grouping must be by three: '1,2000' is more likely a mistyped decimal than
// twelve thousand, so it is refused rather than guessed.
const DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
const AMOUNT = /^(?:¥|RMB|CNY|人民币)?\s*([-+]?)\s*([\d.,]+)\s*(万|亿)?\s*(?:元|块|RMB|CNY)?$/i;
const COUNT = /^([-+]?)\s*([\d.,]+)\s*(?:人|名|个)?$/;

// Past 2^53 / 100 a fen-exact amount no longer fits a double.
const MAX_AMOUNT = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/**
 * Shifts the decimal point of `int.frac` right by `exponent` places and
 * returns the integer and fractional digit strings of the result.
 */
function shift(int: string, frac: string, exponent: number): { int: string; frac: string } {
  const padded = frac.padEnd(exponent, '0');
  const whole = (int + padded.slice(0, exponent)).replace(/^0+(?=\d)/, '');
  return { int: whole, frac: padded.slice(exponent).replace(/0+$/, '') };
}

/** An amount in CNY (yuan), exact to the fen. */
export function parseAmount(raw: string): ParseResult<number> {
  const s = foldWidth(raw);
  if (s === '') return fail('empty amount');
  const m = AMOUNT.exec(s);
  const d = m ? DECIMAL.exec(m[2]!) : null;
  if (!m || !d) return fail(`not an amount: ${quote(s)}; expected 12000, 12,000元, 1.2万 or 1.2万元`);
  const { int, frac } = shift(d[1]!.replace(/,/g, ''), d[2] ?? '', UNIT_EXPONENT[m[3] ?? '']!);
  const value = Number(frac === '' ? int : `${int}.${frac}`);
  if (m[1] === '-' && value !== 0) return fail(`an amount cannot be negative: ${s}`);
  if (frac.length > 2) return fail(`an amount is counted in fen at most (two decimals of a yuan): ${s}`);
  if (value > MAX_AMOUNT) return fail(`amount is implausibly large: ${s}`);
  return ok(value);
}

export interface IntegerOptions {
  min?: number;
  max?: number;
}

/** A whole count such as a number of workers; '12', '1,200' and '12人' are accepted. */
export function parseInteger(raw: string, options: IntegerOptions = {}): ParseResult<number> {
  const s = foldWidth(raw);
  if (s === '') return fail('empty number');
  const m = COUNT.exec(s);
  const d = m ? DECIMAL.exec(m[2]!) : null;
  if (!m || !d) return fail(`not a whole number: ${quote(s)}`);
  // '12.0' is what some exports write for an integer cell; '12.5' is not a count.
  if (d[2] !== undefined && !/^0+$/.test(d[2])) return fail(`not a whole number: ${s}`);
  const value = Number(d[1]!.replace(/,/g, ''));
  const signed = m[1] === '-' ? -value : value;
  if (!Number.isSafeInteger(signed)) return fail(`number is too large: ${s}`);
  const min = options.min ?? 0;
  if (signed < min) return fail(min === 0 ? `cannot be negative: ${s}` : `must be at least ${min}: ${s}`);
  if (options.max !== undefined && signed > options.max) return fail(`must be at most ${options.max}: ${s}`);
  return ok(signed === 0 ? 0 : signed);
}
