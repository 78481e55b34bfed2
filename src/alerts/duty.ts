// What routing and escalation read from the database: the roster around an
// instant, the escalation policy of a level, the silences in force, and the
// people a step names.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import {
  defaultEscalationPolicy,
  type EscalationPolicy,
  type EscalationTarget,
  onDuty,
  parseEscalationPolicy,
  type Roster,
  type Silence,
  silenceScope,
} from '../domain/alerts/index.ts';
import type { Level } from '../domain/scoring/index.ts';
import type { Scope } from '../domain/jurisdiction.ts';

export interface FirmPlace {
  district: string | null;
  street: string | null;
}

/** Shifts and overrides in force at `at` (±1 day, so a whole evaluation sees one roster), and every rotation. */
export async function loadRoster(db: Db, at: Date): Promise<Roster> {
  return loadRosterBetween(db, new Date(at.getTime() - 86_400_000), new Date(at.getTime() + 86_400_000));
}

/** Shifts and overrides overlapping [from, to), and every rotation. */
export async function loadRosterBetween(db: Db, from: Date, to: Date): Promise<Roster> {
  const [shifts, rotations] = await Promise.all([
    db.selectFrom('roster_shifts').selectAll().where('starts_at', '<', to).where('ends_at', '>', from).execute(),
    db.selectFrom('roster_rotations').selectAll().execute(),
  ]);
  const entry = (s: (typeof shifts)[number]) => ({
    id: s.id,
    userId: s.user_id,
    start: s.starts_at,
    end: s.ends_at,
    tier: s.tier,
    district: s.district,
    streets: s.streets,
    categories: s.categories,
  });
  return {
    shifts: shifts.filter((s) => !s.override).map(entry),
    overrides: shifts.filter((s) => s.override).map(entry),
    rotations: rotations.map((r) => ({
      id: r.id,
      tier: r.tier,
      district: r.district,
      streets: r.streets,
      categories: r.categories,
      members: r.members,
      anchor: r.anchor,
      turnDays: r.turn_days,
      dailyWindow: r.daily_from && r.daily_to ? { from: r.daily_from, to: r.daily_to } : null,
    })),
  };
}

/**
 * The escalation policy of a level in a district: the district's own first
 * stored policy listing the level (or listing none), else the city's (the
 * policies without a district), else the default chain.
 */
export async function loadPolicies(db: Db): Promise<(level: Level, district: string | null) => EscalationPolicy> {
  const rows = await db
    .selectFrom('escalation_policies')
    .select(['levels', 'policy', 'district'])
    .orderBy('id')
    .execute();
  const parsed = rows.map((r) => ({ district: r.district, levels: r.levels, policy: parseEscalationPolicy(r.policy) }));
  const fits = (level: Level) => (p: (typeof parsed)[number]) => p.levels.length === 0 || p.levels.includes(level);
  return (level, district) =>
    (district !== null ? parsed.find((p) => p.district === district && fits(level)(p)) : undefined)?.policy ??
    parsed.find((p) => p.district === null && fits(level)(p))?.policy ??
    defaultEscalationPolicy;
}

export async function loadSilences(db: Db, at: Date): Promise<Silence[]> {
  const rows = await db
    .selectFrom('silences')
    .selectAll()
    .where('cancelled_at', 'is', null)
    .where('ends_at', '>', at)
    .where('starts_at', '<=', at)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    firmId: r.firm_id,
    rule: r.rule,
    level: r.level,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    reason: r.reason,
    scope: silenceScope(r),
  }));
}

export interface Person {
  id: number;
  name: string;
  mobile: string | null;
}

/** The people an escalation target names for a firm's place and the alert's category, at `at`. */
export async function resolveTarget(
  db: Db,
  roster: Roster,
  target: EscalationTarget,
  q: { at: Date; place: FirmPlace; category: string },
): Promise<Person[]> {
  let ids: number[];
  if (target.kind === 'on_duty')
    ids = onDuty(roster, { at: q.at, place: q.place, category: q.category, tier: target.tier }).map((d) => d.userId);
  else if (target.kind === 'user') ids = [target.userId];
  else {
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', target.role)
      .where('disabled', '=', false)
      .where((eb) => eb.or([eb('district', 'is', null), eb('district', '=', q.place.district)]))
      .execute();
    ids = rows.map((r) => r.id);
  }
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'name', 'mobile'])
    .where('id', '=', sql<number>`any(${ids}::int[])`)
    .where('disabled', '=', false)
    .orderBy('id')
    .execute();
}

export type TargetResolver = (target: EscalationTarget, place: FirmPlace, category: string) => Promise<Person[]>;

/**
 * resolveTarget for one pass over many alerts at one instant: the roster
 * is fixed, so each (target, place, category) is looked up once. A first
 * sweep raises thousands of alerts over a few dozen streets.
 */
export function targetResolver(db: Db, roster: Roster, at: Date): TargetResolver {
  const seen = new Map<string, Promise<Person[]>>();
  return (target, place, category) => {
    const key = JSON.stringify([target, place.district, place.street, category]);
    let people = seen.get(key);
    if (people === undefined) {
      people = resolveTarget(db, roster, target, { at, place, category });
      seen.set(key, people);
      people.catch(() => seen.delete(key));
    }
    return people;
  };
}

export interface PolicyView {
  name: string;
  /** null: the city default, inherited by every district without a policy of its own for the level. */
  district: string | null;
  levels: string[];
  policy: EscalationPolicy;
  updatedAt: string;
}

/** The city's policies and, for a district user, their district's own (a city-level reader sees every district's). */
export async function listPolicies(db: Db, scope: Scope): Promise<PolicyView[]> {
  let q = db.selectFrom('escalation_policies').selectAll();
  if (scope.kind === 'district')
    q = q.where((eb) => eb.or([eb('district', 'is', null), eb('district', '=', scope.district)]));
  const rows = await q
    .orderBy('district', (ob) => ob.nullsFirst())
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    district: r.district,
    levels: r.levels,
    policy: parseEscalationPolicy(r.policy),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/**
 * Creates or replaces a named policy (validated) of one district, or of the
 * city when `district` is null; the caller has checked who may. Audited.
 */
export async function putPolicy(
  db: Db,
  actor: Actor,
  target: { name: string; district: string | null },
  levels: string[],
  json: unknown,
  now: Date,
): Promise<PolicyView> {
  const policy = parseEscalationPolicy(json);
  const { name, district } = target;
  return db.transaction().execute(async (trx) => {
    const values = { levels, policy: JSON.stringify(policy), updated_at: now };
    let update = trx.updateTable('escalation_policies').set(values).where('name', '=', name);
    update = district === null ? update.where('district', 'is', null) : update.where('district', '=', district);
    const updated = await update.executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await trx
        .insertInto('escalation_policies')
        .values({ name, district, ...values })
        .execute();
    await audit(
      trx,
      actor,
      {
        action: 'escalation.policy',
        objectType: 'escalation_policy',
        objectId: district === null ? name : `${district}/${name}`,
        details: { district, levels, policy },
      },
      now,
    );
    return { name, district, levels, policy, updatedAt: now.toISOString() };
  });
}
