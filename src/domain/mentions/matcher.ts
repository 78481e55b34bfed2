import { Automaton, type Hit } from './automaton.ts';
import { isShortHan, standing } from './boundary.ts';
import { normalizeText } from './normalize.ts';

// Firm mentions in feed items. Matching runs on folded text (full-width →
// half-width, lower case; see normalize.ts). The fold maps each UTF-16 code
// unit to exactly one code unit, so `offset`/`length` are valid on the
// ORIGINAL text: text.slice(offset, offset + length) is what the item
// actually printed (e.g. 'Ｋｕａｉｔｕ' for the alias 'Kuaitu').
//
// Ambiguous aliases (short brands that are also ordinary words, like 快兔 or
// 盒马) count only with a second cue, either of:
//   - 'firm':   the same firm is also mentioned in the item through a
//               non-ambiguous alias (one that survives selection itself);
//   - 'sector': a sector cue word (骑手, 外卖, ...) lies within `cueWindow`
//               code units before or after the alias, outside its span.
// An ambiguous alias without a cue is dropped before the non-overlap
// selection, so it never hides a shorter or later alias inside its span.
//
// Short aliases (at most `shortAlias` Han characters: 美团, 滴滴, 中通) are
// conditional too, and so is every ambiguous one: inside another word
// (完美团队, 点点滴滴, 中通客车) they never count; see boundary.ts. A short
// alias standing alone (「美团」, start of a line up to a comma) counts
// without a cue; otherwise it needs one, like an ambiguous alias.

export interface AliasPattern {
  text: string;
  firmId: number;
  /** Needs a second cue in the item before it counts as a mention. */
  ambiguous?: boolean;
}

export interface Mention {
  firmId: number;
  /** The alias as configured (not the surface form; slice the text for that). */
  alias: string;
  /** UTF-16 offset into the original text. */
  offset: number;
  /** UTF-16 length in the original text (always the alias length). */
  length: number;
  ambiguous: boolean;
  /** Which cue confirmed an ambiguous alias; absent for plain aliases. */
  cue?: 'firm' | 'sector';
}

export interface MatcherOptions {
  /** Words that confirm a nearby ambiguous alias; [] turns the check off. */
  sectorCues?: readonly string[];
  /** Largest gap, in code units, between an ambiguous alias and a cue. */
  cueWindow?: number;
  /** Aliases of at most this many Han characters need a boundary or a cue; 0 turns it off. */
  shortAlias?: number;
}

export const DEFAULT_SECTOR_CUES: readonly string[] = [
  '骑手',
  '外卖',
  '快递',
  '配送',
  '司机',
  '主播',
  '平台',
  '小哥',
  '跑腿',
  '网约车',
  '众包',
  '站点',
  '站长',
  '派单',
  '接单',
  '物流',
  '网点',
  '运单',
  '打车',
  '出行',
  '直播',
  '电商',
  '商家',
  '运力',
  '乘客',
  '送餐',
  '揽收',
  '派件',
  '快件',
  '顺风车',
];
export const DEFAULT_SHORT_ALIAS = 2;
export const DEFAULT_CUE_WINDOW = 12;

export interface MentionMatcher {
  readonly aliasCount: number;
  findMentions(text: string): Mention[];
}

interface Alias {
  text: string;
  firmId: number;
  ambiguous: boolean;
}

/**
 * What a matcher needs from a scan: its words (aliases, then the sector
 * cues) and the selection over their hits. The item judge (judge.ts) puts
 * the words into one automaton with every other cue of the judgement, so
 * an item is scanned once; buildMatcher gives them an automaton of their own.
 */
export interface MatcherParts {
  /** Aliases (pattern ids 0 … aliasCount − 1), then sector cues. */
  readonly words: readonly string[];
  readonly aliasCount: number;
  /** Mentions from every hit of `words` in the text, in scan order (ids as in `words`). */
  select(text: string, all: readonly Hit[]): Mention[];
}

export function prepareMatcher(patterns: readonly AliasPattern[], options: MatcherOptions = {}): MatcherParts {
  const aliases = dedupe(patterns);
  const window = options.cueWindow ?? DEFAULT_CUE_WINDOW;
  const cueWords = window > 0 ? (options.sectorCues ?? DEFAULT_SECTOR_CUES) : [];
  // Cue words ride in the alias automaton (ids past the aliases) so an item
  // is scanned once; a separate cue pass cost as much as the alias pass.
  const words = [...aliases.map((a) => a.text), ...cueWords];
  const count = aliases.length;
  const shortMax = options.shortAlias ?? DEFAULT_SHORT_ALIAS;
  // 1: ambiguous (always needs a cue); 2: short (a boundary on both sides will do).
  const conditional = Uint8Array.from(aliases, (a) => (a.ambiguous ? 1 : isShortHan(a.text, shortMax) ? 2 : 0));
  // What a mention needs of its alias, in flat arrays: reading the scattered
  // alias objects for every hit showed in the profile.
  const table: AliasTable = {
    firmOf: Int32Array.from(aliases, (a) => a.firmId),
    textOf: aliases.map((a) => a.text),
    conditional,
  };

  // Per-item work in scratch arrays (need, order) reused across items: the
  // matcher runs once per stored item, and per-item garbage rivalled the scan.
  let need = new Int8Array(64);
  let order = new Int32Array(64);
  /**
   * Selection with conditional aliases: an embedded one is dropped; a short
   * one standing alone is plain; the rest need a cue. One near a sector cue
   * is a candidate like a plain one; one relying on its firm is settled by
   * the vouching below. Dropping a hit before selection frees its span for
   * the hits inside it. Synchronous, so the scratch arrays are never shared.
   */
  function select(text: string, all: readonly Hit[]): Mention[] {
    const n = all.length;
    if (n === 0) return [];
    if (n > need.length) {
      need = new Int8Array(n * 2);
      order = new Int32Array(n * 2);
    }
    let anyNeed = false;
    let candidates = 0;
    for (let k = 0; k < n; k++) {
      const h = all[k]!;
      let v = SKIP;
      if (h.pattern < count) {
        const kind = conditional[h.pattern]!;
        v = PLAIN;
        if (kind !== 0) {
          // Short or ambiguous: inside another word it never counts; else it may need a cue.
          const st = standing(text, h, all);
          if (st === 'embedded') v = SKIP;
          else if (kind === 1 || st === 'needs-cue') {
            v = nearCue(h, all, count, window) ? NEAR_SECTOR : NO_CUE;
            anyNeed = true;
          }
        }
        if (v !== SKIP) order[candidates++] = k;
      }
      need[k] = v;
    }
    if (candidates === 0) return [];
    sortByPosition(all, order, candidates);
    if (!anyNeed)
      return mentionsOf(all, table, need, choose(all, order, candidates, need, undefined, table), undefined);
    // One relying on its firm starts optimistic (every firm with a plain hit
    // vouches), then firms whose plain hits all lost the selection withdraw,
    // until the choice is self-consistent. The voucher list only shrinks, so
    // this ends; it nearly always takes one round.
    let vouched: number[] = [];
    for (let j = 0; j < candidates; j++) {
      const k = order[j]!;
      const f = table.firmOf[all[k]!.pattern]!;
      if (need[k] === PLAIN && !vouched.includes(f)) vouched.push(f);
    }
    for (;;) {
      const chosen = choose(all, order, candidates, need, vouched, table);
      const present: number[] = [];
      for (const k of chosen) if (need[k] === PLAIN) present.push(table.firmOf[all[k]!.pattern]!);
      let settled = true;
      for (const k of chosen) {
        if (need[k] === NO_CUE && !present.includes(table.firmOf[all[k]!.pattern]!)) settled = false;
      }
      if (settled) return mentionsOf(all, table, need, chosen, present);
      const v: number[] = [];
      for (const f of vouched) if (present.includes(f)) v.push(f);
      vouched = v;
    }
  }

  return { words, aliasCount: count, select };
}

export function buildMatcher(patterns: readonly AliasPattern[], options: MatcherOptions = {}): MentionMatcher {
  const parts = prepareMatcher(patterns, options);
  const automaton = Automaton.build(parts.words);
  return { aliasCount: parts.aliasCount, findMentions: (text) => parts.select(text, automaton.scan(text)) };
}

const SKIP = -1;
const PLAIN = 0;
const NO_CUE = 1;
const NEAR_SECTOR = 2;

function cmp(a: Hit, b: Hit): number {
  return a.start - b.start || b.end - a.end || a.pattern - b.pattern;
}

/**
 * order[0, m) (indices into `all`, ascending) into leftmostLongest's order
 * (start, longest, pattern; ties by index). Scan order (by end) is nearly
 * always that order already; else an insertion sort, as hits per item are few.
 */
function sortByPosition(all: readonly Hit[], order: Int32Array, m: number): void {
  for (let j = 1; j < m; j++) {
    const k = order[j]!;
    let i = j - 1;
    while (i >= 0 && cmp(all[order[i]!]!, all[k]!) > 0) {
      order[i + 1] = order[i]!;
      i--;
    }
    order[i + 1] = k;
  }
}

/**
 * leftmostLongest over the candidates a cue admits (plain ones, ones near a
 * sector cue, ones whose firm is in `vouched`; all when it is undefined),
 * as indices into `all`. A hit not admitted frees its span, as if filtered out first.
 */
function choose(
  all: readonly Hit[],
  order: Int32Array,
  m: number,
  need: Int8Array,
  vouched: readonly number[] | undefined,
  table: AliasTable,
): number[] {
  const chosen: number[] = [];
  let lastStart = -1;
  let lastEnd = 0;
  for (let j = 0; j < m; j++) {
    const k = order[j]!;
    const h = all[k]!;
    const sameSpan = h.start === lastStart && h.end === lastEnd;
    if (!sameSpan && h.start < lastEnd) continue;
    if (vouched !== undefined && need[k] === NO_CUE && !vouched.includes(table.firmOf[h.pattern]!)) continue;
    chosen.push(k);
    lastStart = h.start;
    lastEnd = h.end;
  }
  return chosen;
}

/** The chosen hits as mentions; `present`: the firms named plainly (undefined when no hit needed a cue). */
function mentionsOf(
  all: readonly Hit[],
  table: AliasTable,
  need: Int8Array,
  chosen: readonly number[],
  present: readonly number[] | undefined,
): Mention[] {
  const out: Mention[] = [];
  for (const k of chosen) {
    const h = all[k]!;
    const p = h.pattern;
    const firmId = table.firmOf[p]!;
    const m: Mention = {
      firmId,
      alias: table.textOf[p]!,
      offset: h.start,
      length: h.end - h.start,
      ambiguous: table.conditional[p] === 1,
    };
    if (need[k] !== PLAIN && present !== undefined) m.cue = present.includes(firmId) ? 'firm' : 'sector';
    out.push(m);
  }
  return out;
}

/** The aliases by pattern id: firm, text as configured, 1 ambiguous / 2 short / 0 plain. */
interface AliasTable {
  firmOf: Int32Array;
  textOf: readonly string[];
  conditional: Uint8Array;
}

/** A sector cue (a hit past the aliases) that ends at most `window` before the hit or starts as close after. */
function nearCue(h: Hit, all: readonly Hit[], count: number, window: number): boolean {
  for (const c of all) {
    if (c.pattern < count) continue;
    if (c.end <= h.start ? h.start - c.end <= window : c.start >= h.end && c.start - h.end <= window) return true;
  }
  return false;
}

/**
 * One entry per (folded alias, firm): 'Kuaitu' and 'ＫＵＡＩＴＵ' for the
 * same firm are one alias, ambiguous only if every spelling says so. The
 * same alias for two firms stays two entries, and both firms are reported.
 */
function dedupe(patterns: readonly AliasPattern[]): Alias[] {
  const byKey = new Map<string, Alias>();
  for (const p of patterns) {
    const key = `${p.firmId}\u0000${normalizeText(p.text)}`;
    const prev = byKey.get(key);
    if (prev) prev.ambiguous &&= p.ambiguous === true;
    else byKey.set(key, { text: p.text, firmId: p.firmId, ambiguous: p.ambiguous === true });
  }
  return [...byKey.values()];
}
