// Cell formats shared by the demo files: how a record names its firm, how
// amounts and counts are written, and CSV quoting. The variety is the point:
// real bureau sheets mix spellings, and resolution and parsing need work.

import type { Random } from './prng.ts';
import { type FirmLike, type RefStyle, thousands } from './record-model.ts';

export interface FirmRefCells {
  firm?: string;
  uscc?: string;
}

/** Alternative spellings that normalizeFirmName folds back to the registered name. */
function spellingVariant(name: string, rnd: Random): string {
  const options: string[] = [];
  if (/[（）]/.test(name)) options.push(name.replace(/（/g, '(').replace(/）/g, ')'));
  if (name.startsWith('上海')) options.push(`上海 ${name.slice(2)}`, `上海\u3000${name.slice(2)}`);
  if (name.includes('有限公司')) options.push(name.replace('有限公司', '有限责任公司'));
  return options.length > 0 ? rnd.pick(options) : name;
}

/**
 * How one record names its firm. 'auto' mixes: USCC only, USCC and name,
 * or a name that is usually exact, sometimes a brand alias or a variant
 * spelling, and rarely missing 有限公司 (which exact matching cannot fix).
 */
export function firmRef(firm: FirmLike, style: RefStyle, uniqueAliases: readonly string[], rnd: Random): FirmRefCells {
  if (firm.key === null || firm.uscc === null) {
    if (style === 'alias' && uniqueAliases.length > 0) return { firm: aliasFor(uniqueAliases, rnd) };
    return { firm: style === 'auto' ? nameFor(firm, uniqueAliases, rnd) : firm.name };
  }
  switch (style) {
    case 'name':
      return { firm: firm.name };
    case 'uscc':
      return { uscc: firm.uscc };
    case 'both':
      return { firm: firm.name, uscc: firm.uscc };
    case 'alias':
      return { firm: uniqueAliases.length > 0 ? aliasFor(uniqueAliases, rnd) : firm.name };
    default: {
      const r = rnd.float();
      if (r < 0.25) return { uscc: firm.uscc };
      if (r < 0.5) return { firm: firm.name, uscc: firm.uscc };
      return { firm: nameFor(firm, uniqueAliases, rnd) };
    }
  }
}

/** Station aliases (快兔望月站) are what riders and clerks actually say. */
function aliasFor(aliases: readonly string[], rnd: Random): string {
  const station = aliases.find((a) => a.endsWith('站'));
  return station ?? rnd.pick(aliases);
}

function nameFor(firm: FirmLike, uniqueAliases: readonly string[], rnd: Random): string {
  if (firm.key === null) return firm.name;
  const r = rnd.float();
  if (r < 0.8) return firm.name;
  if (r < 0.9 && uniqueAliases.length > 0) return rnd.pick(uniqueAliases);
  if (r < 0.99) return spellingVariant(firm.name, rnd);
  return firm.name.replace('有限公司', '');
}

/** 12000 / 12,000元 / 1.2万 / 1.2万元, as clerks type them. */
export function amountText(amount: number, rnd: Random): string {
  const r = rnd.float();
  if (amount >= 10_000 && amount % 100 === 0 && r < 0.4) {
    const w = (amount / 10_000).toFixed(4).replace(/\.?0+$/, '');
    return rnd.chance(0.5) ? `${w}万` : `${w}万元`;
  }
  if (r < 0.65) return `${thousands(amount)}元`;
  return String(amount);
}

export function countText(n: number, rnd: Random): string {
  return rnd.chance(0.1) ? `${n}人` : String(n);
}

/** Garbage that a careless sheet carries in the amount column. */
export const GARBAGE_AMOUNTS = ['约3万多', '1,2000', '待核实', '12000元（暂估）'];

export { csvLine } from '../domain/csv.ts';

/** An impossible calendar date in the row's own year, in one of the accepted shapes. */
export function impossibleDate(year: number, rnd: Random): string {
  return rnd.pick([`${year}-02-30`, `${year}/2/30`, `${year}年2月31日`, `${year}-13-05`, `${year}/4/31`]);
}

/** Record numbers count per day: JC-20261103-007. */
export class RecordNumbers {
  private readonly perDay = new Map<string, number>();

  constructor(private readonly prefix: string) {}

  next(day: string): string {
    const n = (this.perDay.get(day) ?? 0) + 1;
    this.perDay.set(day, n);
    return `${this.prefix}-${day}-${String(n).padStart(3, '0')}`;
  }
}
