// The evidence the risk model reads and the score it returns. Evidence types
// carry only what the formulas use, so the database side can select narrow
// columns for 1,000,000 records; every record keeps its id so each point of
// the score can be traced back to a row an inspector can open.

import type { InspectionStatus, Order, PetitionCategory, Violation } from '../values/index.ts';

/** A database id as the caller has it; only echoed back, never interpreted. */
export type EvidenceId = string | number;

export interface InspectionEvidence {
  id: EvidenceId;
  /** 检查编号 as imported. */
  recordId: string;
  /** Asia/Shanghai calendar date, YYYY-MM-DD (that day 00:00 UTC+8). */
  date: string;
  /** Empty: the inspection found nothing, and then it scores 0. */
  violations: readonly Violation[];
  workers: number | null;
  /** CNY. */
  amount: number | null;
  order: Order | null;
  due: string | null;
  rectified: string | null;
  status: InspectionStatus | null;
  /** 关联案号: the inspection (or order number) this one follows up; see inspection-chains.ts. */
  related?: string | null;
  /**
   * The instant it was recorded (epoch ms) when the file gave a time of day;
   * absent or null, the date alone counts from the start of its Shanghai day.
   * As of `at`, a record counts when recorded at or before `at`.
   */
  at?: number | null;
}

export interface PetitionEvidence {
  id: EvidenceId;
  /** 信访编号 as imported. */
  recordId: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  received: string;
  /** Empty counts as 'other'. */
  categories: readonly PetitionCategory[];
  /** At least 1. */
  petitioners: number;
  repeat: boolean;
  /** The instant it was received (epoch ms); see InspectionEvidence.at. */
  at?: number | null;
  /** 办结日期; a petition closed on or before `at` no longer raises a hard trigger. */
  closed?: string | null;
}

export interface MentionEvidence {
  /** The feed item's id. One mention per item and firm; a repeated id counts once. */
  id: EvidenceId;
  /** Publication instant of the item. */
  at: Date;
  /** 0 (neutral) to 5, from the lexicon. */
  maxSeverity: number;
  /** An extreme event (跳楼, 轻生, ...). */
  major: boolean;
  categories: readonly string[];
  /** The feed's credibility weight 0–5; absent means the configured default (1). */
  credibility?: number;
  /** Collective action (罢工, 聚集, ≥ 10 people …) read from the item; absent means no. */
  collective?: boolean;
  /** Head count read from the item (二百余名 → 200); absent or null: none. */
  people?: number | null;
  /** Sum of money read from the item in CNY (十余万元 → 100000); absent or null: none. */
  amount?: number | null;
  /**
   * Where the item happens, for this firm (src/domain/place/mention-place.ts):
   * local weighs fully; elsewhere weighs little and never triggers; national
   * (a platform, no place) goes to a capped signal. Absent: local.
   */
  place?: 'local' | 'elsewhere' | 'national';
  /** Epoch ms of the story's other copies (reprints on other feeds); those by `at` add a bounded reach bonus. */
  copies?: readonly number[];
}

export interface FirmEvidence {
  inspections: readonly InspectionEvidence[];
  petitions: readonly PetitionEvidence[];
  mentions: readonly MentionEvidence[];
}

/** 红 I / 橙 II / 黄 III / 蓝 IV, red highest (突发事件应对法 art. 63, by analogy). */
export type Level = 'red' | 'orange' | 'yellow' | 'blue';

export type ContributionSource = 'inspection' | 'petition' | 'opinion' | 'partner';

/** A stable English key for code and filters, and the Chinese text inspectors read. */
export interface Reason {
  key: string;
  text: string;
}

export interface Contribution {
  source: ContributionSource;
  /** Record id; the item id for opinion; the partner's firm id; 'spike' for the burst bonus. */
  id: EvidenceId;
  recordId?: string;
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  /** Share of the final 0–100 score, 2 decimals. */
  points: number;
  /** Points before squashing (the additive scale). */
  raw: number;
  why: Reason;
}

export type TriggerKind = 'major_opinion' | 'collective_action' | 'collective_wage_petition' | 'overdue_wage_order';

export interface HardTrigger {
  kind: TriggerKind;
  /** The level this trigger guarantees at least. */
  level: Level;
  source: 'inspection' | 'petition' | 'opinion';
  /** The most recent record that fired it. */
  id: EvidenceId;
  recordId?: string;
  date: string;
  /** How many records fired it inside its window. */
  count: number;
  why: Reason;
}

/** Per source; in score points they add up to `score`, in raw points to `raw`. */
export interface Components {
  inspections: number;
  petitions: number;
  opinion: number;
  affiliation: number;
}

export interface FirmScore {
  /** The instant scored, ISO 8601. */
  at: string;
  /** modelVersion(config) of the parameters used. */
  model: string;
  /** 0–100, 1 decimal. */
  score: number;
  /** The level of the score raised by any hard trigger; null: no warning. */
  level: Level | null;
  /** The level of the score alone. */
  scoreLevel: Level | null;
  raw: number;
  rawComponents: Components;
  components: Components;
  /** Largest first, at most config.contributionsLimit. */
  contributions: Contribution[];
  triggers: HardTrigger[];
  flags: { majorOpinion: boolean; creditCandidate: boolean };
}

/** A partner's own score (without its affiliation), for applyAffiliation. */
export interface PartnerScore {
  firmId: EvidenceId;
  name: string;
  score: number;
}
