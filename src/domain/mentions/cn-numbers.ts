// Numbers as news copy writes them: 43, 3.9, 186,400, 二百, 两千, 十二,
// 一万二 is left out (rare in counts and amounts). Vague quantities read as
// their lower bound so that a threshold met by them is really met: 数十 →
// 20, 近百 → 90, 上百 → 100, 十余 → 10. Pure; used for head counts and sums.

const DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 二百 → 200, 十二 → 12, 三千五百 → 3500, 两 → 2; NaN when not a numeral. */
export function parseCnInteger(s: string): number {
  if (s.length === 0) return NaN;
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGIT) {
      digit = DIGIT[ch]!;
    } else if (ch in UNIT) {
      total += (digit < 0 ? 1 : digit) * UNIT[ch]!;
      digit = -1;
    } else {
      return NaN;
    }
  }
  return digit >= 0 ? total + digit : total;
}

const VAGUE: Readonly<Record<string, number>> = {
  数十: 20,
  几十: 20,
  数百: 200,
  几百: 200,
  上百: 100,
  近百: 90,
  数千: 2000,
  几千: 2000,
  上千: 1000,
  近千: 900,
  百余: 100,
  百多: 100,
  千余: 1000,
  数: 3,
  几: 3,
};

/** The pattern source of one number as written (Arabic with , and ., Chinese, or vague). */
export const NUMBER_SOURCE =
  '(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|数十|几十|数百|几百|上百|近百|数千|几千|上千|近千|百余|百多|千余|[零〇一二两三四五六七八九十百千]+)';

/** Reads one matched number (see NUMBER_SOURCE); NaN when unreadable. */
export function readNumber(s: string): number {
  if (s in VAGUE) return VAGUE[s]!;
  if (/^[\d,.]+$/.test(s)) return Number(s.replace(/,/g, ''));
  return parseCnInteger(s);
}

/** 万 and 亿 scale an amount: 3.9万 → 39000. */
export function scaleOf(unit: string | undefined): number {
  if (unit === '万') return 10_000;
  if (unit === '亿') return 100_000_000;
  if (unit === '千') return 1_000;
  return 1;
}
