// Alerts from standing state, without rescoring: every firm's stored
// result (firm_risk and the explanation in its firm_scores row) goes
// through the alert rules as an unchanged result, so a firm at a level, or
// with a hard trigger, that has no alert for it (its score was stored by a
// process killed before it evaluated, or by a run with --no-alerts) gets
// one at start-up. The episode rule keeps closed alerts closed.

import { sql } from 'kysely';
import type { FirmScore } from '../domain/scoring/index.ts';
import { type AlertDeps, type EvaluateOutcome, evaluateAlerts } from './evaluate.ts';

/** Firms per evaluation, to bound the explanations held in memory. */
const CHUNK = 2000;

export async function evaluateStanding(deps: AlertDeps, at: Date): Promise<EvaluateOutcome> {
  const total: EvaluateOutcome = { raised: 0, updated: 0, deliveries: 0 };
  let after = 0;
  for (;;) {
    const rows = await sql<{ id: number; name: string; uscc: string | null; own_score: number; detail: FirmScore }>`
      select f.id, f.name, f.uscc, r.own_score, s.detail from firm_risk r
      join firms f on f.id = r.firm_id join firm_scores s on s.id = r.score_id
      where r.level is not null and r.firm_id > ${after} order by r.firm_id limit ${CHUNK}`.execute(deps.db);
    if (rows.rows.length === 0) break;
    after = rows.rows[rows.rows.length - 1]!.id;
    const firms = rows.rows.map((r) => ({
      firm: { id: r.id, name: r.name, uscc: r.uscc },
      score: r.detail,
      ownScore: r.own_score,
    }));
    const out = await evaluateAlerts(deps, { at, firms, changes: [] });
    total.raised += out.raised;
    total.updated += out.updated;
    total.deliveries += out.deliveries;
    if (rows.rows.length < CHUNK) break;
  }
  return total;
}
