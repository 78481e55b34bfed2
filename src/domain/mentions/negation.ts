import type { Hit } from './automaton.ts';

// What puts a risk term (or a firm) out of fact, at clause level:
//   - a negator in scope: 并未拖欠工资, 骑手未被拖欠工资, 否认欠薪, 无欠薪;
//   - a rumour refutation: 辟谣！…罢工消息不实, 网传…系谣言;
//   - a disclaimer: 男子跳楼获救，与外卖平台无关 (clears what it names).
// Reporting is full of all three, and an inspector stops trusting alerts
// that read a denial as an accusation. The rules stay clause-bound so that
// 未发生事故，但骑手讨薪 still reads as arrears.

/** Ends a clause: negation never reaches across it. */
export const CLAUSE_BREAK = /[\s,.;:!?，。；：！？、…“”"'()（）【】《》]/;
const SENTENCE_BREAK = /[\n。！？!?；;]/;

// After a negator, these in the gap mean the negated verb is a different
// one (没有收到拖欠的工资, 未能拿到欠薪) or a new clause starts (还, 但).
const SCOPE_BREAK = /[但却而还又才就拿领收获得到]/;

/**
 * Words that begin like a negator but assert the risk or mean something
 * else: 无故扣款, 未能拿到工资, 无锡, 没收. They ride in the negation
 * automaton so that leftmost-longest picks them over the bare negator.
 */
export const NEGATION_BLOCKERS: readonly string[] = [
  '无故',
  '无端',
  '无法',
  '无奈',
  '无力',
  '无良',
  '无视',
  '无理',
  '无数',
  '无人',
  '无偿',
  '无休',
  '无锡',
  '无为',
  '无论',
  '无疑',
  '无意',
  '无辜',
  '无业',
  '无证',
  '无关',
  '无效',
  '无限',
  '无情',
  '无助',
  '无望',
  '无家',
  '无门',
  '无处',
  '没想到',
  '没能',
  '没办法',
  '没法',
  '没人',
  '没收',
  '没完',
  '未能',
  '未按',
  '未及时',
  '未足额',
  '未依法',
  '未如期',
  '未到',
  '未经',
  '未满',
  '未成年',
  '未来',
  '未婚',
  '未知',
  '未签',
  '未缴',
  '未发放',
  '未支付',
];

/** How far (code units) a negator reaches; single characters only a little. */
function reach(negator: string): number {
  if (negator === '无') return 0;
  return negator.length === 1 ? 2 : 6;
}

/**
 * Whether the term `hit` is negated by a negator before it in its clause.
 * `negs` are leftmost-longest negator hits (blockers have pattern ≥
 * `negatorCount`); `previous` is the risk term chosen just before.
 */
export function isNegated(
  text: string,
  hit: Hit,
  negs: readonly Hit[],
  negators: readonly string[],
  previous: Hit | undefined,
): boolean {
  for (const n of negs) {
    if (n.pattern >= negators.length || n.end > hit.start) continue;
    const gap = text.slice(n.end, hit.start);
    if (gap.length > reach(negators[n.pattern]!)) continue;
    // A term listed right after another is not in the first one's scope (未发生罢工停工).
    if (previous && previous.start >= n.end) continue;
    if (CLAUSE_BREAK.test(gap) || SCOPE_BREAK.test(gap)) continue;
    return true;
  }
  return false;
}

/** Cues of a rumour refutation; each clears its sentence (or, in the headline, the item). */
export const REFUTATION_CUES: readonly string[] = [
  '辟谣',
  '不实',
  '谣言',
  '澄清',
  '假消息',
  '虚假消息',
  '虚假信息',
  '不属实',
  '纯属虚构',
  '子虚乌有',
  '造谣',
  '谣传',
  '误传',
  '假新闻',
  '系谣言',
  '系误传',
];
// A clause starting with one of these is news again: …系谣言，但该站确实欠薪.
const CONTRAST = /^(但是|但|然而|不过|可是|同时|此外|另外|另据|另有|与此同时)/;

/** A half-open range of the text. */
export type Span = readonly [start: number, end: number];

/** Ranges whose risk terms are refuted; [] when the text has no cue (the usual case). */
export function refutedSpans(text: string, cues: readonly string[] = REFUTATION_CUES): Span[] {
  const at = cues.map((c) => text.indexOf(c)).filter((i) => i >= 0);
  if (at.length === 0) return [];
  const sentences = splitSentences(text);
  const hasCue = (s: Span) =>
    cues.some((c) => {
      const i = text.indexOf(c, s[0]);
      return i >= 0 && i + c.length <= s[1];
    });
  const out: Span[] = [];
  let wholeItem = false;
  for (const [k, s] of sentences.entries()) {
    // A refutation in the first sentence (the headline: 辟谣！) covers the
    // item, up to a sentence that turns to other news (另有骑手反映…).
    if (wholeItem && CONTRAST.test(text.slice(s[0], s[0] + 4))) wholeItem = false;
    const refuted = wholeItem || hasCue(s);
    if (k === 0 && refuted) wholeItem = true;
    if (!refuted) continue;
    const cut = contrastIn(text, s);
    out.push([s[0], cut]);
    if (cut < s[1]) wholeItem = false;
  }
  return out;
}

function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_BREAK.test(text[i]!)) {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/** Where a contrasting clause starts inside the sentence, else its end. */
function contrastIn(text: string, s: Span): number {
  for (let i = s[0]; i < s[1]; i++) {
    const clauseStart = i === s[0] || CLAUSE_BREAK.test(text[i - 1]!);
    if (clauseStart && i > s[0] && CONTRAST.test(text.slice(i, Math.min(s[1], i + 4)))) return i;
  }
  return s[1];
}

export function inSpans(spans: readonly Span[], offset: number): boolean {
  for (const [a, b] of spans) if (offset >= a && offset < b) return true;
  return false;
}

/** `与X无关`: X is what the sentence clears; `sentence` is the sentence it sits in. */
export interface Disclaimer {
  cleared: Span;
  sentence: Span;
}

const DISCLAIMER =
  /(?:与|和|跟|同)([^，。；！？,;!?\n]{1,20}?)(?:毫无关系|没有任何关系|并无关系|没有关系|没关系|无关|无涉)/g;

/** Every 与…无关 has one of these; the item judge finds them in its one scan. */
export const DISCLAIMER_CUES: readonly string[] = ['无关', '关系', '无涉'];

/** Every 与…无关 in the text; [] without the cheap pre-check hit. */
export function findDisclaimers(text: string): Disclaimer[] {
  if (!DISCLAIMER_CUES.some((c) => text.includes(c))) return [];
  const out: Disclaimer[] = [];
  const sentences = splitSentences(text);
  for (const m of text.matchAll(DISCLAIMER)) {
    const start = m.index! + 1;
    const cleared: Span = [start, start + m[1]!.length];
    const sentence = sentences.find((s) => start >= s[0] && start < s[1]) ?? [0, text.length];
    out.push({ cleared, sentence });
  }
  return out;
}
