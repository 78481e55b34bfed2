import { Automaton, type Hit, leftmostLongest } from './automaton.ts';
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
  '骑手', '外卖', '快递', '配送', '司机', '主播', '平台', '小哥', '跑腿', '网约车', '众包', '站点', '站长', '派单', '接单',
  '物流', '网点', '运单', '打车', '出行', '直播', '电商', '商家', '运力', '乘客', '送餐', '揽收', '派件', '快件', '顺风车',
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

export function buildMatcher(patterns: readonly AliasPattern[], options: MatcherOptions = {}): MentionMatcher {
  const aliases = dedupe(patterns);
  const window = options.cueWindow ?? DEFAULT_CUE_WINDOW;
  const cueWords = window > 0 ? (options.sectorCues ?? DEFAULT_SECTOR_CUES) : [];
  // Cue words ride in the alias automaton (ids past the aliases) so an item
  // is scanned once; a separate cue pass cost as much as the alias pass.
  const automaton = Automaton.build([...aliases.map((a) => a.text), ...cueWords]);
  const count = aliases.length;
  const shortMax = options.shortAlias ?? DEFAULT_SHORT_ALIAS;
  // 1: ambiguous (always needs a cue); 2: short (a boundary on both sides will do).
  const conditional = Uint8Array.from(aliases, (a) => (a.ambiguous ? 1 : isShortHan(a.text, shortMax) ? 2 : 0));

  // Most items take the plain path (no ambiguous alias hit), which creates
  // no closures or sets: per-item overhead rivalled the scan itself.
  const findMentions = (text: string): Mention[] => {
    const all = automaton.scan(text);
    if (all.length === 0) return [];
    let hits = all;
    let cueHits: Hit[] | undefined;
    let anyConditional = false;
    for (const h of all) {
      if (h.pattern >= count) (cueHits ??= []).push(h);
      else if (conditional[h.pattern] !== 0) anyConditional = true;
    }
    if (cueHits) {
      hits = [];
      for (const h of all) if (h.pattern < count) hits.push(h);
    }
    if (anyConditional) return resolveConditional(text, aliases, conditional, all, hits, cueHits ?? [], window);
    const out: Mention[] = [];
    for (const h of leftmostLongest(hits)) out.push(toMention(aliases[h.pattern]!, h));
    return out;
  };

  return { aliasCount: aliases.length, findMentions };
}

function toMention(a: Alias, h: Hit, cue?: 'firm' | 'sector'): Mention {
  const m: Mention = { firmId: a.firmId, alias: a.text, offset: h.start, length: h.end - h.start, ambiguous: a.ambiguous };
  if (cue) m.cue = cue;
  return m;
}

/**
 * Selection with conditional aliases. An embedded one is dropped; a short
 * one standing alone is plain; the rest need a cue. One near a sector cue
 * is a candidate like a plain one. One relying on its firm starts optimistic
 * (every firm with a plain hit vouches), then firms whose plain hits all
 * lost the selection withdraw, until the choice is self-consistent. The
 * voucher list only shrinks, so this ends; it nearly always takes one round.
 * Dropping a hit before selection frees its span for the hits inside it.
 */
function resolveConditional(
  text: string, aliases: readonly Alias[], conditional: Uint8Array, all: readonly Hit[], found: readonly Hit[], cues: readonly Hit[], window: number,
): Mention[] {
  const needsCue = new Set<Hit>();
  const hits: Hit[] = [];
  for (const h of found) {
    const kind = conditional[h.pattern]!;
    if (kind !== 0) {
      const st = standing(text, h, all);
      if (st === 'embedded') continue;
      if (kind === 1 || st === 'needs-cue') needsCue.add(h);
    }
    hits.push(h);
  }
  // Every conditional hit stood on its own or was dropped: plain selection.
  if (needsCue.size === 0) return leftmostLongest(hits).map((h) => toMention(aliases[h.pattern]!, h));
  const bySector = new Set<Hit>();
  let vouched: number[] = [];
  for (const h of hits) {
    const a = aliases[h.pattern]!;
    if (needsCue.has(h)) {
      if (nearCue(h, cues, window)) bySector.add(h);
    } else if (!vouched.includes(a.firmId)) vouched.push(a.firmId);
  }
  for (;;) {
    const v = vouched;
    const chosen = leftmostLongest(hits.filter((h) => !needsCue.has(h) || bySector.has(h) || v.includes(aliases[h.pattern]!.firmId)));
    const present: number[] = [];
    for (const h of chosen) if (!needsCue.has(h)) present.push(aliases[h.pattern]!.firmId);
    const settled = chosen.every((h) => !needsCue.has(h) || bySector.has(h) || present.includes(aliases[h.pattern]!.firmId));
    if (settled) {
      return chosen.map((h) => {
        const a = aliases[h.pattern]!;
        if (!needsCue.has(h)) return toMention(a, h);
        return toMention(a, h, present.includes(a.firmId) ? 'firm' : 'sector');
      });
    }
    vouched = v.filter((f) => present.includes(f));
  }
}

/** A cue that ends at most `window` before the hit or starts as close after. */
function nearCue(h: Hit, cues: readonly Hit[], window: number): boolean {
  for (const c of cues) {
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
