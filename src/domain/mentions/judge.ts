import { type LocalPlaces, type PlaceResult, preparePlaces } from '../place/classify-place.ts';
import { type AnalyzedMention, applyDisclaimers, type ItemAnalysis } from './analyze.ts';
import { Automaton, type Hit } from './automaton.ts';
import { AMOUNT_ANCHORS, collectiveFactsAt, PEOPLE_ANCHORS } from './collective.ts';
import { prepareClassifier, type RiskHit, summarizeRisk } from './lexicon.ts';
import type { Lexicon } from './lexicon-data.ts';
import { type AliasPattern, type MatcherOptions, prepareMatcher } from './matcher.ts';
import { DISCLAIMER_CUES, findDisclaimers } from './negation.ts';

// The whole judgement of one feed item in one scan: firm mentions, risk
// terms with their negation, refutation and 与…无关, collective action with
// head counts and sums, and the item's place. Every word these rules look
// for across the item — aliases and sector cues, lexicon terms, pair words
// and refutation cues, place names and local cues, the disclaimer cues, and
// the two-character anchors of numbers (collective.ts) — sits in one
// Aho-Corasick automaton; its hits are dealt out to the rules, which then
// read them exactly as they read a scan of their own words (analyzeItem +
// PlaceClassifier.classify give the same result, about 2.4 times slower:
// test/unit/mentions/judge.test.ts holds them equal). Negators alone stay
// out: they matter only in the few characters before a risk term, and
// scanning just those (lexicon.ts) costs less than their hits in every item.
// Build once per registry and district; building costs far more than
// judging one item.

export interface ItemJudgement extends ItemAnalysis {
  /** Where the item happens (firm names are not places: mentions are excluded). */
  place: PlaceResult;
}

export interface ItemJudgeOptions {
  /** The district's own places (its names and streets). */
  places: LocalPlaces;
  lexicon?: Lexicon;
  matcher?: MatcherOptions;
}

export interface ItemJudge {
  readonly aliasCount: number;
  judge(text: string): ItemJudgement;
}

const NONE: number[] = [];

export function createItemJudge(patterns: readonly AliasPattern[], options: ItemJudgeOptions): ItemJudge {
  const matcher = prepareMatcher(patterns, options.matcher);
  const classifier = prepareClassifier(options.lexicon);
  const places = preparePlaces(options.places);
  // Pattern id ranges, in this order.
  const termsAt = matcher.words.length;
  const placesAt = termsAt + classifier.words.length;
  const disclaimersAt = placesAt + places.words.length;
  const peopleAt = disclaimersAt + DISCLAIMER_CUES.length;
  const amountAt = peopleAt + PEOPLE_ANCHORS.length;
  const automaton = Automaton.build(
    [...matcher.words, ...classifier.words, ...places.words, ...DISCLAIMER_CUES, ...PEOPLE_ANCHORS, ...AMOUNT_ANCHORS],
    peopleAt,
  );

  function judge(text: string): ItemJudgement {
    const all = automaton.scan(text);
    const mentionHits: Hit[] = [];
    const termHits: Hit[] = [];
    const placeHits: Hit[] = [];
    // Numbers are rare: these stay the shared empty list unless the item has some.
    let peopleAnchors: number[] = NONE;
    let amountAnchors: number[] = NONE;
    let disclaiming = false;
    // Hits come in order of their end; each rule gets its own (terms renumbered, the rest read with their base).
    for (let k = 0; k < all.length; k++) {
      const h = all[k]!;
      const id = h.pattern;
      if (id < termsAt) mentionHits.push(h);
      else if (id < placesAt) termHits.push({ pattern: id - termsAt, start: h.start, end: h.end });
      else if (id < disclaimersAt) placeHits.push(h);
      else if (id < peopleAt) disclaiming = true;
      else if (id < amountAt) (peopleAnchors === NONE ? (peopleAnchors = []) : peopleAnchors).push(h.start);
      else (amountAnchors === NONE ? (amountAnchors = []) : amountAnchors).push(h.start);
    }
    const found = matcher.select(text, mentionHits);
    const risks: RiskHit[] = termHits.length === 0 ? [] : classifier.select(text, termHits);
    const cleared = applyDisclaimers(found, risks, disclaiming ? findDisclaimers(text) : []);
    const mentions: AnalyzedMention[] = cleared.mentions;
    return {
      mentions,
      risks: cleared.risks,
      summary: summarizeRisk(cleared.risks),
      collective: collectiveFactsAt(text, cleared.risks, peopleAnchors, amountAnchors),
      place: places.select(text, placeHits, mentions, placesAt),
    };
  }

  return { aliasCount: matcher.aliasCount, judge };
}
