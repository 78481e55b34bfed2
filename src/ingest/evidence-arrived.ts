// The one way in after new evidence is stored (ARCHITECTURE: "intake is one
// way in"). Every intake path — a records import (CLI or API), an opinion
// document or feed poll, a record linked to a firm by hand, the start-up
// recovery of rescoring a dead process left pending — calls evidenceArrived
// with the firms whose evidence it committed. It rescores them (with any
// firms left pending), evaluates the alert rules on the result, and the
// evaluation wakes delivery for the notifications it queued. A new intake
// path needs only this call.

import type { Actor } from '../audit/audit.ts';
import type { Config } from '../config/env.ts';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { rescoreTouched } from '../scoring/rescore.ts';
import type { ScoreRunResult } from '../scoring/score-run.ts';

export interface EvidenceDeps {
  db: Db;
  log: Logger;
  config: Config;
}

export interface Evidence {
  /** Firms whose records, items or links were committed (may be empty: pending firms are rescored anyway). */
  firmIds: readonly number[];
  /** The instant scored as of (the import's or poll's `now`). */
  at: Date;
  /** Why, for the score run and the log: `import:inspections`, `feeds`, `link`, `recovery`… */
  reason: string;
  actor: Actor;
}

/**
 * After the evidence is committed: rescore, evaluate alerts, wake delivery.
 * Never throws: the stored evidence stands, a failure is logged, and the
 * next sweep (or the next arrival) catches up from the pending marks.
 */
export function evidenceArrived(deps: EvidenceDeps, e: Evidence): Promise<ScoreRunResult | null> {
  return rescoreTouched(deps, e.firmIds, e.at, e.reason, e.actor);
}
