import { type Classifier, classify, type RiskHit, type RiskSummary, summarizeRisk } from './lexicon.ts';
import type { Mention, MentionMatcher } from './matcher.ts';

// What the pipeline stores per feed item: which firms it names and how it
// reads on labor risk. An item that names no firm is still classified, and
// one with no risk term is kept with summary.neutral = true; dropping either
// is the caller's decision, not this module's.

export interface ItemAnalysis {
  mentions: Mention[];
  risks: RiskHit[];
  summary: RiskSummary;
}

export function analyzeItem(text: string, matcher: MentionMatcher, classifier?: Classifier): ItemAnalysis {
  const risks = classifier ? classifier.classify(text) : classify(text);
  return { mentions: matcher.findMentions(text), risks, summary: summarizeRisk(risks) };
}
