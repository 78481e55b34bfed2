// Who is on duty now, per district, tier and category, for the roster page.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { onDuty, type Roster } from '../domain/alerts/index.ts';
import type { Principal } from '../domain/jurisdiction.ts';

export const DUTY_TIERS = [1, 2, 3] as const;
export const DUTY_CATEGORIES = ['labor', 'opinion'] as const;

export interface DistrictDuty {
  district: string | null;
  tiers: Array<{
    tier: number;
    byCategory: Record<string, Array<{ user: string; source: string; streets: readonly string[] }>>;
  }>;
}

/**
 * Who is on duty now in a district, per tier and category: the firm-level
 * rule (onDuty) asked for the district as a whole, so street-level entries
 * count too (their streets are shown next to the name).
 */
export async function districtOnDuty(db: Db, roster: Roster, principal: Principal, at: Date): Promise<DistrictDuty[]> {
  const whole = <T extends { streets: readonly string[] }>(list: readonly T[]) =>
    list.map((e) => ({ ...e, streets: [] as string[] }));
  const wide: Roster = {
    shifts: whole(roster.shifts),
    overrides: whole(roster.overrides),
    rotations: whole(roster.rotations),
  };
  const districts: Array<string | null> =
    principal.district !== null && principal.role !== 'admin'
      ? [principal.district]
      : [
          ...new Set(
            [...roster.shifts, ...roster.overrides, ...roster.rotations]
              .map((e) => e.district)
              .filter((d): d is string => d !== null),
          ),
        ].sort();
  if (districts.length === 0) districts.push(null);
  const streetsOf = (source: string, id: number) => {
    const list = source === 'override' ? roster.overrides : source === 'shift' ? roster.shifts : roster.rotations;
    return list.find((e) => e.id === id)?.streets ?? [];
  };
  const answers = districts.map((district) => ({
    district,
    tiers: DUTY_TIERS.map((tier) => ({
      tier,
      byCategory: Object.fromEntries(
        DUTY_CATEGORIES.map((category) => [
          category,
          onDuty(wide, { at, place: { district, street: null }, category, tier }),
        ]),
      ),
    })),
  }));
  const ids = [
    ...new Set(
      answers.flatMap((a) =>
        a.tiers.flatMap((t) =>
          Object.values(t.byCategory)
            .flat()
            .map((d) => d.userId),
        ),
      ),
    ),
  ];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'name', 'display_name'])
            .where('id', '=', sql<number>`any(${ids}::int[])`)
            .execute()
        ).map((u) => [u.id, u.display_name && u.display_name !== u.name ? `${u.display_name} (${u.name})` : u.name]),
  );
  return answers.map((a) => ({
    district: a.district,
    tiers: a.tiers.map((t) => ({
      tier: t.tier,
      byCategory: Object.fromEntries(
        Object.entries(t.byCategory).map(([k, list]) => [
          k,
          list.map((d) => ({
            user: names.get(d.userId) ?? String(d.userId),
            source: d.source,
            streets: streetsOf(d.source, d.id),
          })),
        ]),
      ),
    })),
  }));
}
