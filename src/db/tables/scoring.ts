import type { Generated } from 'kysely';
import type { Timestamp, Json } from './columns.ts';

// Risk scoring: runs, the history of results, the latest result per firm.

export interface ScoreRunsTable {
  id: Generated<number>;
  at: Timestamp;
  model: string;
  scope: 'all' | 'touched';
  reason: string;
  actor_name: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  firms_scored: Generated<number>;
  firms_changed: Generated<number>;
}

export interface FirmScoresTable {
  id: Generated<number>;
  firm_id: number;
  run_id: number;
  at: Timestamp;
  model: string;
  score: number;
  own_score: number;
  level: string | null;
  signature: string;
  detail: Json;
}

export interface FirmRiskTable {
  firm_id: number;
  score_id: number;
  at: Timestamp;
  checked_at: Timestamp;
  model: string;
  score: number;
  own_score: number;
  level: string | null;
  major_opinion: boolean;
  credit_candidate: boolean;
  signature: string;
}

/** The records part of a platform's own score as of `at` (src/domain/scoring/own-part.ts); a cache. */
export interface FirmOwnPartsTable {
  firm_id: number;
  model: string;
  at: Timestamp;
  part: Json;
}

/** Firms whose stored records still wait for their rescoring (cleared once it and its alerts are done). */
export interface RescorePendingTable {
  firm_id: number;
  mark: Generated<number>;
  marked_at: Generated<Date>;
}
