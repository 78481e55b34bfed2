// The labor-risk model (pure): parameters, scoring, hard triggers, affiliation.
export {
  MODEL_FAMILY,
  type ModelConfig,
  defaultModelConfig,
  modelConfigSchema,
  modelVersion,
  parseModelConfig,
} from './config.ts';
export { applyAffiliation, createScorer, type Scorer, scoreFirm } from './model.ts';
export { partValidAt, type RecordsPart } from './own-part.ts';
export { evaluateTriggers, levelOf, maxLevel, reachesCrimeAmount } from './triggers.ts';
export { type EvidenceWindow, evidenceWindow, type Horizons, horizons } from './window.ts';
export { poissonSurprise, squash, unsquash } from './math.ts';
export type {
  Components,
  Contribution,
  ContributionSource,
  EvidenceId,
  FirmEvidence,
  FirmScore,
  HardTrigger,
  InspectionEvidence,
  Level,
  MentionEvidence,
  PartnerScore,
  PetitionEvidence,
  Reason,
  TriggerKind,
} from './types.ts';
