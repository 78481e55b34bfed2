// Silences: mute a firm, a rule or a level for a while, with a reason.
// Muted alerts are still raised and recorded; only their delivery waits.
// Creating and cancelling are audited.

import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { NotFound } from '../domain/errors.ts';
import { type Principal, scopeOf } from '../domain/jurisdiction.ts';
import type { SilenceInput } from '../domain/alerts/index.ts';
import { getFirm } from '../firms/firms-repo.ts';

export interface SilenceView {
  id: number;
  firmId: number | null;
  rule: string | null;
  level: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  active: boolean;
}

export async function createSilence(db: Db, principal: Principal, actor: Actor, input: SilenceInput, now: Date): Promise<SilenceView> {
  // Naming a firm requires seeing it; a district user's silences stay in their district.
  if (input.firmId !== null) await getFirm(db, scopeOf(principal), String(input.firmId));
  const district = principal.role === 'admin' ? null : principal.district;
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('silences').values({
      firm_id: input.firmId, rule: input.rule, level: input.level, starts_at: input.startsAt, ends_at: input.endsAt,
      reason: input.reason, district, created_by: actor.name,
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'silence.create', objectType: 'silence', objectId: row.id, details: { firmId: input.firmId, rule: input.rule, level: input.level, until: input.endsAt.toISOString(), reason: input.reason } }, now);
    return view(row, now);
  });
}

function view(r: { id: number; firm_id: number | null; rule: string | null; level: string | null; starts_at: Date; ends_at: Date; reason: string; created_by: string; cancelled_at: Date | null }, now: Date): SilenceView {
  return {
    id: r.id, firmId: r.firm_id, rule: r.rule, level: r.level, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(),
    reason: r.reason, createdBy: r.created_by, active: r.cancelled_at === null && r.starts_at <= now && now < r.ends_at,
  };
}

export async function listSilences(db: Db, principal: Principal, now: Date): Promise<SilenceView[]> {
  let q = db.selectFrom('silences').selectAll().where('cancelled_at', 'is', null).where('ends_at', '>', now);
  if (principal.role !== 'admin' && principal.district !== null) q = q.where('district', '=', principal.district);
  return (await q.orderBy('ends_at').execute()).map((r) => view(r, now));
}

/** Ends a silence now; alerts it held are released by the next escalation pass. */
export async function cancelSilence(db: Db, principal: Principal, actor: Actor, id: number, now: Date): Promise<void> {
  let q = db.selectFrom('silences').select('id').where('id', '=', id).where('cancelled_at', 'is', null);
  if (principal.role !== 'admin' && principal.district !== null) q = q.where('district', '=', principal.district);
  if (!(await q.executeTakeFirst())) throw new NotFound(`silence ${id} not found`);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('silences').set({ cancelled_at: now }).where('id', '=', id).execute();
    await audit(trx, actor, { action: 'silence.cancel', objectType: 'silence', objectId: id }, now);
  });
}
