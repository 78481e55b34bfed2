// Rescoring right after new evidence arrives (an import, a feed poll, a
// record linked to a firm), so a warning does not wait for the next sweep.
// Called only by evidenceArrived (src/ingest/evidence-arrived.ts), the one
// entry point every intake path ends in.
// The alert rules run on the result at once. The records are already
// committed when this runs; if rescoring fails the import still stands,
// the failure is logged, and the next sweep catches up. Firms left pending
// by an earlier run that never got this far (killed mid-import, see
// rescore-pending.ts) are rescored with the touched ones.

import type { Db } from '../db/connect.ts';
import type { Actor } from '../audit/audit.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { evaluateAlerts } from '../alerts/evaluate.ts';
import { runScoring, type ScoreRunResult } from './score-run.ts';
import { pendingMarks } from './rescore-pending.ts';
import { candidatesAfterScoring } from '../credit/candidates.ts';

export interface RescoreDeps {
  db: Db;
  log: Logger;
  config: Config;
}

export async function rescoreTouched(
  deps: RescoreDeps,
  firmIds: readonly number[],
  at: Date,
  reason: string,
  actor: Actor,
): Promise<ScoreRunResult | null> {
  try {
    const pending = await pendingMarks(deps.db);
    const ids = [...new Set([...firmIds, ...pending.map((p) => p.firmId)])];
    if (ids.length === 0) return null;
    const run = await runScoring(deps.db, deps.config.model, { at, firms: ids, reason, actor });
    const alerts = await evaluateAlerts(deps, run);
    const credit = await candidatesAfterScoring(deps, at);
    deps.log.info(
      {
        reason,
        touched: firmIds.length,
        pending: pending.length,
        scored: run.firms.length,
        changed: run.changed,
        runId: run.runId,
        alerts,
        credit,
      },
      'rescored touched firms',
    );
    return run;
  } catch (err) {
    deps.log.error(
      { err, reason, touched: firmIds.length },
      'rescoring after new evidence failed; the next sweep will catch up',
    );
    return null;
  }
}
