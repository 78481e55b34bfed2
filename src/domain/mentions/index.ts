// Firm mentions and labor-risk classification for feed items (pure).
export { type AnalyzedMention, analyzeItem, type ItemAnalysis } from './analyze.ts';
export { Automaton, type Hit, leftmostLongest } from './automaton.ts';
export { COLLECTIVE_TERMS, type CollectiveFacts, collectiveFacts, readAmount, readPeople } from './collective.ts';
export {
  applyLexiconOverride,
  type Classifier,
  classify,
  createClassifier,
  type LexiconOverride,
  lexiconOverrideSchema,
  parseLexiconOverride,
  type RiskHit,
  type RiskSummary,
  summarizeRisk,
} from './lexicon.ts';
export {
  DEFAULT_LEXICON,
  LABOR_RISK_CATEGORIES,
  type LaborRiskCategory,
  type Lexicon,
  type LexiconPair,
  type LexiconTerm,
} from './lexicon-data.ts';
export { type Disclaimer, findDisclaimers, refutedSpans } from './negation.ts';
export {
  type AliasPattern,
  buildMatcher,
  DEFAULT_CUE_WINDOW,
  DEFAULT_SECTOR_CUES,
  DEFAULT_SHORT_ALIAS,
  type MatcherOptions,
  type Mention,
  type MentionMatcher,
} from './matcher.ts';
export { normalizeText } from './normalize.ts';
export { createItemJudge, type ItemJudge, type ItemJudgement, type ItemJudgeOptions } from './judge.ts';
