import { type CollectiveFacts, collectiveFacts } from './collective.ts';
import { type Classifier, classify, type RiskHit, type RiskSummary, summarizeRisk } from './lexicon.ts';
import type { Mention, MentionMatcher } from './matcher.ts';
import { type Disclaimer, findDisclaimers, inSpans, type Span } from './negation.ts';

// What the pipeline stores per feed item: which firms it names and how it
// reads on labor risk. An item that names no firm is still classified, and
// one with no risk term is kept with summary.neutral = true; dropping either
// is the caller's decision, not this module's.
//
// 与…无关 clears what it names: a firm named inside it is `negated` (the
// item says nothing against that firm); a disclaimer naming no firm (与外卖
// 平台无关, 与工作无关) clears every firm of the item and the risk terms of
// its own sentence (男子跳楼获救，与外卖平台无关 is no labor incident).

export interface AnalyzedMention extends Mention {
  /** Cleared by 与…无关: the item must not count against this firm. */
  negated: boolean;
}

export interface ItemAnalysis {
  mentions: AnalyzedMention[];
  risks: RiskHit[];
  summary: RiskSummary;
  /** Collective action, head count and sum read from the text (issue 14, item 8). */
  collective: CollectiveFacts;
}

export function analyzeItem(text: string, matcher: MentionMatcher, classifier?: Classifier): ItemAnalysis {
  const risks = classifier ? classifier.classify(text) : classify(text);
  const cleared = applyDisclaimers(matcher.findMentions(text), risks, findDisclaimers(text));
  return { ...cleared, summary: summarizeRisk(cleared.risks), collective: collectiveFacts(text, cleared.risks) };
}

/** Mentions (marked in place) and risk terms after the item's 与…无关 (see above); shared with the item judge. */
export function applyDisclaimers(
  found: Mention[],
  risks: RiskHit[],
  disclaimers: readonly Disclaimer[],
): { mentions: AnalyzedMention[]; risks: RiskHit[] } {
  if (disclaimers.length === 0) {
    // Marked in place: the array is the caller's fresh one, as are its mentions.
    for (const m of found) analyzed(m, false);
    return { mentions: found as AnalyzedMention[], risks };
  }
  const named: Span[] = [];
  const generic: Span[] = [];
  for (const d of disclaimers) {
    const inside = found.some((m) => m.offset >= d.cleared[0] && m.offset + m.length <= d.cleared[1]);
    (inside ? named : generic).push(inside ? d.cleared : d.sentence);
  }
  const mentions = found.map((m) => analyzed(m, generic.length > 0 || inSpans(named, m.offset)));
  if (generic.length > 0) risks = risks.map((r) => (inSpans(generic, r.offset) ? { ...r, negated: true } : r));
  return { mentions, risks };
}

/**
 * { ...m, negated } without the copy: the mentions are the matcher's fresh
 * objects, owned by this call, and the copy cost more than the rest of the step.
 */
function analyzed(m: Mention, negated: boolean): AnalyzedMention {
  const a = m as AnalyzedMention;
  a.negated = negated;
  return a;
}
