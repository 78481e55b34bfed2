import type { RiskHit } from './lexicon.ts';
import { NUMBER_SOURCE, readNumber, scaleOf } from './cn-numbers.ts';

// Collective action in an item: people acting together (罢工, 罢送, 聚集,
// 集体讨薪, 堵门, 拉横幅 …) or ten or more people named in an item that
// carries a risk (劳动争议调解仲裁法 art. 7: ≥ 10 workers with a common claim
// is a collective dispute). Head counts (二百余名, 43名, 近百名, 数十名) and
// sums (十余万元, 3.9万元, 186,400元) are read from the text into the
// evidence, so the alert says how many and how much.

/** Risk terms that are collective action by themselves. */
export const COLLECTIVE_TERMS: ReadonlySet<string> = new Set([
  '罢工',
  '罢送',
  '罢运',
  '停工',
  '聚集',
  '集体停运',
  '集体拒单',
  '集体维权',
  '集体停工',
  '集体罢工',
  '集体下线',
  '围堵',
  '堵门',
  '堵路',
  '静坐',
  '拉横幅',
  '拉条幅',
  '群体性事件',
  '停止接单',
]);

export interface CollectiveFacts {
  /** A live collective-action term, or ≥ minPeople people in a risk-bearing item. */
  collective: boolean;
  /** The largest head count read from the text; null if none. */
  people: number | null;
  /** The largest sum of money (CNY) read from the text; null if none. */
  amount: number | null;
}

// 二百余名骑手, 43名, 近百名, 二十多个兄弟, 30人, 八个人. 个 counts only
// before a person word (三个月 is not three people); 第一名 is a rank.
const PERSON = '(?:人|兄弟|骑手|小哥|快递员|外卖员|配送员|司机|工人|员工|职工|主播|劳动者|农民工|师傅)';
const PEOPLE = new RegExp(`(?<!第)(${NUMBER_SOURCE})(?:余|多|来)?(?:名|位|(?:个|名)?(?=${PERSON})|人)`, 'gu');
// 十余万元, 3.9万元, 186,400元, 6万余元, ¥36,000.
const AMOUNT = new RegExp(
  `(?:[¥￥]\\s?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(万)?)|(?:(${NUMBER_SOURCE})(?:余|多)?(万|亿|千)?(?:余|多)?元)`,
  'gu',
);

/** The largest head count in the text (null if none). */
export function readPeople(text: string): number | null {
  let best: number | null = null;
  for (const m of text.matchAll(PEOPLE)) {
    const n = readNumber(m[1]!);
    if (Number.isFinite(n) && n > 0 && n < 1_000_000 && (best === null || n > best)) best = n;
  }
  return best;
}

/** The largest sum of money in the text (null if none). */
export function readAmount(text: string): number | null {
  let best: number | null = null;
  for (const m of text.matchAll(AMOUNT)) {
    const n = m[1] !== undefined ? readNumber(m[1]) * scaleOf(m[2]) : readNumber(m[3]!) * scaleOf(m[4]);
    if (Number.isFinite(n) && n > 0 && (best === null || n > best)) best = n;
  }
  return best;
}

/**
 * 集体 right before an arrears term (集体讨薪, 集体反映欠薪) is collective too;
 * the lexicon keeps 集体 a separate weak term so plain copy is not flagged.
 */
function collectiveTerm(hits: readonly RiskHit[], k: number): boolean {
  const h = hits[k]!;
  if (COLLECTIVE_TERMS.has(h.term)) return true;
  const next = hits[k + 1];
  return h.term === '集体' && next !== undefined && !next.negated && next.offset - (h.offset + h.length) <= 4;
}

export function collectiveFacts(text: string, hits: readonly RiskHit[], minPeople = 10): CollectiveFacts {
  return factsOf(hits, readPeople(text), readAmount(text), minPeople);
}

function factsOf(
  hits: readonly RiskHit[],
  people: number | null,
  amount: number | null,
  minPeople: number,
): CollectiveFacts {
  if (hits.length === 0) return { collective: false, people, amount };
  const live = hits.filter((h) => !h.negated);
  if (live.length === 0) return { collective: false, people, amount };
  const byTerm = live.some((_, k) => collectiveTerm(live, k));
  return { collective: byTerm || (people !== null && people >= minPeople), people, amount };
}

// The same readings without a regex pass over the whole item. Every match
// of PEOPLE is a run of number characters (digits, 一…千, 数, 近, 余, 多, 来 …)
// ending right before 名/位/个/人 or a person word; every match of AMOUNT
// is ¥/￥, or such a run (with 万/亿) right before 元. The last character of
// the run and the one after it are two-character anchors the item judge
// finds in its one scan; the regex then runs, sticky, only at the positions
// of the runs before an anchor, in the order and with the skipping of
// matchAll, so the matches are exactly those of readPeople / readAmount.

const NUMBER_CHARS = '0123456789,.零〇一二两三四五六七八九十百千数几上近余多来';
// A match never ends its number on , or . (nor does its run before 元): no anchor starts with them.
const AMOUNT_RUN_CHARS = `${NUMBER_CHARS}万亿`;
const PERSON_STARTS = '名位个人兄骑小快外配司工员职主劳农师';
const inPeopleRun = new Uint8Array(0x10000);
for (const c of NUMBER_CHARS) inPeopleRun[c.charCodeAt(0)] = 1;
const inAmountRun = new Uint8Array(0x10000);
for (const c of AMOUNT_RUN_CHARS) inAmountRun[c.charCodeAt(0)] = 1;

/** Two characters ending a head count: a number character, then 名/位/个/人 or a person word's first. */
export const PEOPLE_ANCHORS: readonly string[] = [...NUMBER_CHARS.replace(/[,.]/g, '')].flatMap((n) =>
  [...PERSON_STARTS].map((p) => n + p),
);
/** A run character before 元, or a currency sign (its match starts there). */
export const AMOUNT_ANCHORS: readonly string[] = [
  ...[...AMOUNT_RUN_CHARS.replace(/[,.]/g, '')].map((n) => `${n}元`),
  '¥',
  '￥',
];

const PEOPLE_AT = new RegExp(PEOPLE.source, 'uy');
const AMOUNT_AT = new RegExp(AMOUNT.source, 'uy');

/**
 * `at`: the start offsets of anchor hits, ascending. A two-character anchor
 * closes the run that ends at its first character; a one-character one
 * (¥) is where the match starts.
 */
function eachMatchNear(
  text: string,
  at: readonly number[],
  run: Uint8Array,
  re: RegExp,
  visit: (m: RegExpExecArray) => void,
): void {
  let next = 0;
  for (const k of at) {
    let from = k;
    if (run[text.charCodeAt(k)] === 1) while (from > 0 && run[text.charCodeAt(from - 1)] === 1) from--;
    for (let p = Math.max(from, next); p <= k; p++) {
      re.lastIndex = p;
      const m = re.exec(text);
      if (m === null) continue;
      visit(m);
      next = p + m[0].length;
      p = next - 1;
    }
  }
}

/** readPeople, given the start of every PEOPLE_ANCHORS hit in the text (ascending). */
export function readPeopleAt(text: string, anchors: readonly number[]): number | null {
  if (anchors.length === 0) return null;
  let best: number | null = null;
  eachMatchNear(text, anchors, inPeopleRun, PEOPLE_AT, (m) => {
    const n = readNumber(m[1]!);
    if (Number.isFinite(n) && n > 0 && n < 1_000_000 && (best === null || n > best)) best = n;
  });
  return best;
}

/** readAmount, given the start of every AMOUNT_ANCHORS hit in the text (ascending). */
export function readAmountAt(text: string, anchors: readonly number[]): number | null {
  if (anchors.length === 0) return null;
  let best: number | null = null;
  eachMatchNear(text, anchors, inAmountRun, AMOUNT_AT, (m) => {
    const n = m[1] !== undefined ? readNumber(m[1]) * scaleOf(m[2]) : readNumber(m[3]!) * scaleOf(m[4]);
    if (Number.isFinite(n) && n > 0 && (best === null || n > best)) best = n;
  });
  return best;
}

/** collectiveFacts with the numbers read at anchors (see readPeopleAt). */
export function collectiveFactsAt(
  text: string,
  hits: readonly RiskHit[],
  peopleAnchors: readonly number[],
  amountAnchors: readonly number[],
  minPeople = 10,
): CollectiveFacts {
  return factsOf(hits, readPeopleAt(text, peopleAnchors), readAmountAt(text, amountAnchors), minPeople);
}
