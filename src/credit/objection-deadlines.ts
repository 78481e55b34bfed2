// Objection deadlines (上海市社会信用条例: marked within 1 working day,
// decided within 5; computed by the workflow when the objection arrives and
// stored on the case). Once a deadline has passed with its step not taken,
// the daily credit job records it once: a `credit_events` row
// (action `objection-overdue`, shown on the case's history in the console)
// and an audit entry `credit.objection-overdue`.
//
// No webhook: the outbox's event types (src/delivery/channels/types.ts) are
// list changes for the credit platform (credit.proposed / listed / removed)
// and alert events shaped as alerts; none means "a deadline was missed", and
// sending one of them would tell the credit platform something untrue.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audit, SYSTEM_ACTOR } from '../audit/audit.ts';
import type { Objection } from '../domain/credit/index.ts';

export const OBJECTION_OVERDUE = 'objection-overdue';

export type ObjectionDeadline = 'mark' | 'decide';

export interface MissedDeadline {
  caseId: number;
  firmId: number;
  deadline: ObjectionDeadline;
  /** The deadline that passed (ISO instant). */
  due: string;
  /** When the objection was received (identifies it among a case's objections). */
  receivedAt: string;
}

/** The deadlines of an objection that have passed as of `now` with the step still not taken (pure). */
export function missedObjectionDeadlines(o: Objection | null, now: Date): Array<{ deadline: ObjectionDeadline; due: string }> {
  if (o === null || o.decidedAt !== null) return [];
  const out: Array<{ deadline: ObjectionDeadline; due: string }> = [];
  if (o.markedAt === null && now.getTime() > Date.parse(o.markDue)) out.push({ deadline: 'mark', due: o.markDue });
  if (now.getTime() > Date.parse(o.decideDue)) out.push({ deadline: 'decide', due: o.decideDue });
  return out;
}

/**
 * Records each objection deadline missed as of `now` exactly once (per case,
 * objection and deadline; concurrent runs serialize on the case row).
 * Returns the deadlines recorded by this call.
 */
export async function flagMissedObjectionDeadlines(db: Db, now: Date): Promise<MissedDeadline[]> {
  const open = await db.selectFrom('credit_cases').select('id')
    .where('state', '=', 'listed').where('objection', 'is not', null)
    .where(sql<boolean>`objection->>'decidedAt' is null`)
    .orderBy('id').execute();
  const recorded: MissedDeadline[] = [];
  for (const { id } of open) {
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('credit_cases').select(['id', 'firm_id', 'state', 'objection']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row || row.state !== 'listed') return;
      const objection = (row.objection as Objection | null) ?? null;
      const missed = missedObjectionDeadlines(objection, now);
      if (missed.length === 0 || objection === null) return;
      const seen = await trx.selectFrom('credit_events').select('details')
        .where('case_id', '=', id).where('action', '=', OBJECTION_OVERDUE).execute();
      const done = new Set(seen.map((e) => {
        const d = e.details as { deadline?: string; receivedAt?: string };
        return `${d.receivedAt}|${d.deadline}`;
      }));
      for (const m of missed) {
        if (done.has(`${objection.receivedAt}|${m.deadline}`)) continue;
        const details = { deadline: m.deadline, due: m.due, receivedAt: objection.receivedAt };
        await trx.insertInto('credit_events').values({
          case_id: id, at: now, action: OBJECTION_OVERDUE, from_state: 'listed', to_state: 'listed',
          actor_id: null, actor_name: SYSTEM_ACTOR.name, details: JSON.stringify(details),
        }).execute();
        await audit(trx, SYSTEM_ACTOR, { action: `credit.${OBJECTION_OVERDUE}`, objectType: 'credit_case', objectId: id, details: { firmId: row.firm_id, ...details } }, now);
        recorded.push({ caseId: id, firmId: row.firm_id, ...m, receivedAt: objection.receivedAt });
      }
    });
  }
  return recorded;
}
