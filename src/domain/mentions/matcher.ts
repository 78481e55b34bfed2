import { Automaton, type Hit, leftmostLongest } from './automaton.ts';
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
}

export const DEFAULT_SECTOR_CUES: readonly string[] = [
  '骑手', '外卖', '快递', '配送', '司机', '主播', '平台', '小哥', '跑腿', '网约车', '众包', '站点', '站长', '派单', '接单',
];
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
  const isCue = (h: Hit): boolean => h.pattern >= aliases.length;

  const toMention = (h: Hit, cue?: 'firm' | 'sector'): Mention => {
    const a = aliases[h.pattern]!;
    const m: Mention = { firmId: a.firmId, alias: a.text, offset: h.start, length: h.end - h.start, ambiguous: a.ambiguous };
    if (cue) m.cue = cue;
    return m;
  };

  const findMentions = (text: string): Mention[] => {
    const all = automaton.scan(text);
    if (all.length === 0) return [];
    const hits = cueWords.length > 0 ? all.filter((h) => !isCue(h)) : all;
    if (!hits.some((h) => aliases[h.pattern]!.ambiguous)) return leftmostLongest(hits).map((h) => toMention(h));

    const cueHits = all.filter(isCue);
    const nearCue = (h: Hit): boolean =>
      cueHits.some(
        (c) => (c.end <= h.start && h.start - c.end <= window) || (c.start >= h.end && c.start - h.end <= window),
      );
    // Start optimistic (every firm with a plain alias hit vouches for its
    // ambiguous aliases), then withdraw vouchers whose plain alias lost the
    // selection, until the choice is self-consistent. The voucher set only
    // shrinks, so this ends; it almost always takes one round.
    let vouched = new Set(hits.filter((h) => !aliases[h.pattern]!.ambiguous).map((h) => aliases[h.pattern]!.firmId));
    for (;;) {
      const v = vouched;
      const chosen = leftmostLongest(hits, (h) => {
        const a = aliases[h.pattern]!;
        return !a.ambiguous || v.has(a.firmId) || nearCue(h);
      });
      const present = new Set(chosen.filter((h) => !aliases[h.pattern]!.ambiguous).map((h) => aliases[h.pattern]!.firmId));
      const stale = chosen.some((h) => {
        const a = aliases[h.pattern]!;
        return a.ambiguous && !present.has(a.firmId) && !nearCue(h);
      });
      if (!stale) {
        return chosen.map((h) => {
          const a = aliases[h.pattern]!;
          if (!a.ambiguous) return toMention(h);
          return toMention(h, present.has(a.firmId) ? 'firm' : 'sector');
        });
      }
      vouched = new Set([...v].filter((f) => present.has(f)));
    }
  };

  return { aliasCount: aliases.length, findMentions };
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
