// Silences: mute a firm, a rule or a level for a while, with a reason.
// Muted alerts are still raised and recorded; only their delivery waits.
// Creating and cancelling are audited.

import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { type Principal, type Scope, scopeOf } from '../domain/jurisdiction.ts';
import type { SilenceInput } from '../domain/alerts/index.ts';
import { getFirm } from '../firms/firms-repo.ts';
import { msg } from '../domain/i18n/messages.ts';

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
  /** Where it mutes alerts: its creator's jurisdiction ('city' spans every district). */
  scope: { kind: 'city' } | { kind: 'district'; district: string; streets: string[] };
}

type SilenceRow = {
  id: number;
  firm_id: number | null;
  rule: string | null;
  level: string | null;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_by: string;
  cancelled_at: Date | null;
  district: string | null;
  streets: string[];
};

export async function createSilence(
  db: Db,
  principal: Principal,
  actor: Actor,
  input: SilenceInput,
  now: Date,
): Promise<SilenceView> {
  // Naming a firm requires seeing it; a silence mutes only alerts inside its
  // creator's jurisdiction (district and streets), whatever it matches.
  const scope = scopeOf(principal);
  if (input.firmId !== null) await getFirm(db, scope, String(input.firmId));
  const place =
    scope.kind === 'all' ? { district: null, streets: [] } : { district: scope.district, streets: [...scope.streets] };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('silences')
      .values({
        firm_id: input.firmId,
        rule: input.rule,
        level: input.level,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        reason: input.reason,
        district: place.district,
        streets: place.streets,
        created_by: actor.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      actor,
      {
        action: 'silence.create',
        objectType: 'silence',
        objectId: row.id,
        details: {
          firmId: input.firmId,
          rule: input.rule,
          level: input.level,
          until: input.endsAt.toISOString(),
          reason: input.reason,
          district: place.district,
          streets: place.streets,
        },
      },
      now,
    );
    return view(row, now);
  });
}

function view(r: SilenceRow, now: Date): SilenceView {
  return {
    id: r.id,
    firmId: r.firm_id,
    rule: r.rule,
    level: r.level,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    reason: r.reason,
    createdBy: r.created_by,
    active: r.cancelled_at === null && r.starts_at <= now && now < r.ends_at,
    scope: r.district === null ? { kind: 'city' } : { kind: 'district', district: r.district, streets: r.streets },
  };
}

/** Whether a silence's place overlaps the reader's: it mutes some alert they could see. */
function overlaps(scope: Scope, r: SilenceRow): boolean {
  if (scope.kind === 'all' || r.district === null) return true;
  if (r.district !== scope.district) return false;
  return scope.streets.length === 0 || r.streets.length === 0 || r.streets.some((s) => scope.streets.includes(s));
}

/** Whether the silence lies wholly inside the user's jurisdiction, so they may end it. */
function within(scope: Scope, r: SilenceRow): boolean {
  if (scope.kind === 'all') return true;
  if (r.district !== scope.district) return false;
  return scope.streets.length === 0 || (r.streets.length > 0 && r.streets.every((s) => scope.streets.includes(s)));
}

/**
 * Silences that mute alerts the reader can see: their own district's and
 * city-wide ones (marked by `scope`); another district's stay hidden.
 */
export async function listSilences(db: Db, principal: Principal, now: Date): Promise<SilenceView[]> {
  const scope = scopeOf(principal);
  let q = db.selectFrom('silences').selectAll().where('cancelled_at', 'is', null).where('ends_at', '>', now);
  if (scope.kind === 'district')
    q = q.where((eb) => eb.or([eb('district', 'is', null), eb('district', '=', scope.district)]));
  return (await q.orderBy('ends_at').orderBy('id').execute())
    .filter((r) => overlaps(scope, r))
    .map((r) => view(r, now));
}

/** Ends a silence now; alerts it held are released by the next escalation pass. Only one wholly inside the user's jurisdiction. */
export async function cancelSilence(db: Db, principal: Principal, actor: Actor, id: number, now: Date): Promise<void> {
  const scope = scopeOf(principal);
  const row = await db
    .selectFrom('silences')
    .selectAll()
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  if (!row || !overlaps(scope, row))
    throw new NotFound(`silence ${id} not found`, undefined, msg('silence.not_found', { id }));
  if (!within(scope, row))
    throw new Forbidden(
      `silence ${id} spans more than your jurisdiction; ask a city-level user to end it`,
      undefined,
      msg('silence.too_wide', { id }),
    );
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('silences').set({ cancelled_at: now }).where('id', '=', id).execute();
    await audit(trx, actor, { action: 'silence.cancel', objectType: 'silence', objectId: id }, now);
  });
}
