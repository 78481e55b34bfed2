// What a start leaves right after a crash (issue 20): imports the dead
// process left `running` are marked failed, the rescoring it never
// finished is done (rescore-pending.ts), and firms whose stored level has
// no alert get one (standing.ts). Runs beside serving; never throws.

import type { Db } from '../db/connect.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { reapStaleImports } from '../ingest/import-runs.ts';
import { evidenceArrived } from '../ingest/evidence-arrived.ts';
import { evaluateStanding } from '../alerts/standing.ts';

export async function recoverAtStart(
  deps: { db: Db; log: Logger; config: Config },
  now: Date,
  opts: { standing: boolean },
): Promise<void> {
  await reapStaleImports(deps.db, deps.log, now);
  await evidenceArrived(deps, { firmIds: [], at: now, reason: 'recovery', actor: SYSTEM_ACTOR });
  if (!opts.standing) return;
  try {
    const alerts = await evaluateStanding(deps, now);
    if (alerts.raised > 0) deps.log.warn({ alerts }, 'start-up: alerts raised for firms whose level had none');
  } catch (err) {
    deps.log.error({ err }, 'start-up alert evaluation failed; the next sweep evaluates again');
  }
}
