// The duty roster in the database: shifts and overrides (a CSV import or
// one at a time), rotations, and "who is on duty now" for a firm. Shifts
// may only cover places within the editor's own jurisdiction.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import { type Principal, scopeOf } from '../domain/jurisdiction.ts';
import { onDuty, type OnDuty, type RotationInput, type ShiftInput, shiftInputSchema } from '../domain/alerts/index.ts';
import { getFirm } from '../firms/firms-repo.ts';
import { readRows, type ByteSource } from '../ingest/rows/index.ts';
import { loadRoster } from './duty.ts';
import { msg } from '../domain/i18n/messages.ts';

export interface RosterImportResult {
  accepted: number;
  rejected: Array<{ line: number; reasons: Array<{ field: string; message: string }> }>;
}

/** A city-level editor may staff anything; a district editor only their district. */
function checkCoverage(principal: Principal, district: string | null, field = 'district'): void {
  const scope = scopeOf(principal);
  if (scope.kind === 'all') return;
  if (district !== scope.district)
    throw new Invalid(
      `${field}: you may only staff ${scope.district}`,
      undefined,
      msg('roster.staff_own_district', { field, district: scope.district }),
    );
}

async function userIdOf(db: Db, user: number | string): Promise<number> {
  const q = db.selectFrom('users').select('id').where('disabled', '=', false);
  const row = await (typeof user === 'number'
    ? q.where('id', '=', user)
    : q.where('name', '=', user)
  ).executeTakeFirst();
  if (!row) throw new Invalid(`user: no active user ${user}`, undefined, msg('user.no_active', { name: user }));
  return row.id;
}

/**
 * Imports shifts from CSV (user,start,end,district,streets,categories,tier[,override,note]).
 * Good rows are stored, bad rows are listed by line with every reason; nothing is half-written.
 */
export async function importRoster(
  db: Db,
  principal: Principal,
  actor: Actor,
  bytes: ByteSource,
  now: Date,
): Promise<RosterImportResult> {
  const result: RosterImportResult = { accepted: 0, rejected: [] };
  const good: Array<{ row: ShiftInput; userId: number; override: boolean; note: string | null }> = [];
  for await (const raw of readRows(bytes, 'csv', {})) {
    if (raw.record === null) {
      result.rejected.push({ line: raw.line, reasons: [{ field: '', message: raw.error ?? 'unreadable row' }] });
      continue;
    }
    const { override, note, ...rest } = raw.record as Record<string, unknown>;
    const parsed = shiftInputSchema.safeParse(rest);
    if (!parsed.success) {
      result.rejected.push({
        line: raw.line,
        reasons: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })),
      });
      continue;
    }
    try {
      checkCoverage(principal, parsed.data.district);
      good.push({
        row: parsed.data,
        userId: await userIdOf(db, parsed.data.user),
        override: ['1', 'true', 'yes', '是', 'override'].includes(
          String(override ?? '')
            .trim()
            .toLowerCase(),
        ),
        note: typeof note === 'string' && note.trim() ? note.trim() : null,
      });
    } catch (e) {
      result.rejected.push({
        line: raw.line,
        reasons: [{ field: (e as Error).message.split(':')[0] ?? '', message: (e as Error).message }],
      });
    }
  }
  if (good.length > 0) {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('roster_shifts')
        .values(
          good.map((g) => ({
            user_id: g.userId,
            starts_at: g.row.start,
            ends_at: g.row.end,
            district: g.row.district,
            streets: g.row.streets,
            categories: g.row.categories,
            tier: g.row.tier,
            override: g.override,
            note: g.note,
          })),
        )
        .execute();
      await audit(
        trx,
        actor,
        {
          action: 'roster.import',
          objectType: 'roster',
          details: { shifts: good.length, rejected: result.rejected.length },
        },
        now,
      );
    });
  }
  result.accepted = good.length;
  return result;
}

export async function addRotation(
  db: Db,
  principal: Principal,
  actor: Actor,
  name: string,
  r: RotationInput,
  now: Date,
): Promise<number> {
  checkCoverage(principal, r.district);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('roster_rotations')
      .values({
        name,
        tier: r.tier,
        district: r.district,
        streets: r.streets,
        categories: r.categories,
        members: r.members,
        anchor: r.anchor,
        turn_days: r.turnDays,
        daily_from: r.dailyWindow?.from ?? null,
        daily_to: r.dailyWindow?.to ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      actor,
      { action: 'roster.rotation', objectType: 'rotation', objectId: row.id, details: { name, members: r.members } },
      now,
    );
    return row.id;
  });
}

export interface ShiftView {
  id: number;
  user: string;
  start: string;
  end: string;
  district: string | null;
  streets: string[];
  categories: string[];
  tier: number;
  override: boolean;
  note: string | null;
}

/** Shifts overlapping [from, to) in the caller's jurisdiction (city-wide ones included). */
export async function listShifts(db: Db, principal: Principal, from: Date, to: Date): Promise<ShiftView[]> {
  const scope = scopeOf(principal);
  let q = db
    .selectFrom('roster_shifts as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select('u.name as user_name')
    .where('s.starts_at', '<', to)
    .where('s.ends_at', '>', from);
  if (scope.kind === 'district')
    q = q.where((eb) => eb.or([eb('s.district', 'is', null), eb('s.district', '=', scope.district)]));
  const rows = await q.orderBy('s.starts_at').orderBy('s.id').execute();
  return rows.map((s) => ({
    id: s.id,
    user: s.user_name,
    start: s.starts_at.toISOString(),
    end: s.ends_at.toISOString(),
    district: s.district,
    streets: s.streets,
    categories: s.categories,
    tier: s.tier,
    override: s.override,
    note: s.note,
  }));
}

export async function deleteShift(db: Db, principal: Principal, actor: Actor, id: number, now: Date): Promise<void> {
  const s = await db.selectFrom('roster_shifts').select(['id', 'district']).where('id', '=', id).executeTakeFirst();
  // A shift the caller may not staff is answered as absent, like every
  // other object outside one's jurisdiction (found by the attack suite).
  const scope = scopeOf(principal);
  if (!s || (scope.kind === 'district' && s.district !== scope.district))
    throw new NotFound(`shift ${id} not found`, undefined, msg('roster.shift_not_found', { id }));
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('roster_shifts').where('id', '=', id).execute();
    await audit(trx, actor, { action: 'roster.delete', objectType: 'shift', objectId: id }, now);
  });
}

/** Who is on duty for a firm (in the caller's jurisdiction) and category, per tier. */
export async function onDutyFor(
  db: Db,
  principal: Principal,
  firmRef: string,
  category: string,
  at: Date,
  tiers = [1, 2, 3],
) {
  const firm = await getFirm(db, scopeOf(principal), firmRef);
  const roster = await loadRoster(db, at);
  const place = { district: firm.district, street: firm.street };
  const byTier = tiers.map((tier) => ({ tier, duty: onDuty(roster, { at, place, category, tier }) }));
  const ids = [...new Set(byTier.flatMap((t) => t.duty.map((d) => d.userId)))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'name'])
            .where('id', '=', sql<number>`any(${ids}::int[])`)
            .execute()
        ).map((u) => [u.id, u.name]),
  );
  return {
    firm: { id: firm.id, name: firm.name },
    category,
    at: at.toISOString(),
    tiers: byTier.map((t) => ({
      tier: t.tier,
      onDuty: t.duty.map((d: OnDuty) => ({
        user: names.get(d.userId) ?? String(d.userId),
        source: d.source,
        id: d.id,
      })),
    })),
  };
}
