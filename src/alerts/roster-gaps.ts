// The roster's gaps ahead: stretches in the next days when nobody is on
// duty at tier 1 for a district and category (src/domain/alerts/coverage.ts).
// Read by the daily check (job `roster-gaps`) and the roster page.

import type { Db } from '../db/connect.ts';
import { type CoverageGap, coverageGaps } from '../domain/alerts/coverage.ts';
import type { Roster } from '../domain/alerts/index.ts';
import type { Scope } from '../domain/jurisdiction.ts';

export const GAP_CATEGORIES = ['labor', 'opinion'] as const;
export const GAP_HORIZON_DAYS = 7;

/** Shifts, overrides and rotations overlapping [from, to). */
async function rosterBetween(db: Db, from: Date, to: Date): Promise<Roster> {
  const [shifts, rotations] = await Promise.all([
    db.selectFrom('roster_shifts').selectAll().where('starts_at', '<', to).where('ends_at', '>', from).execute(),
    db.selectFrom('roster_rotations').selectAll().execute(),
  ]);
  const entry = (s: (typeof shifts)[number]) => ({
    id: s.id, userId: s.user_id, start: s.starts_at, end: s.ends_at, tier: s.tier, district: s.district, streets: s.streets, categories: s.categories,
  });
  return {
    shifts: shifts.filter((s) => !s.override).map(entry),
    overrides: shifts.filter((s) => s.override).map(entry),
    rotations: rotations.map((r) => ({
      id: r.id, tier: r.tier, district: r.district, streets: r.streets, categories: r.categories, members: r.members,
      anchor: r.anchor, turnDays: r.turn_days, dailyWindow: r.daily_from && r.daily_to ? { from: r.daily_from, to: r.daily_to } : null,
    })),
  };
}

/** Tier-1 gaps from `now` over the next `days` days, for the districts with firms that the scope covers. */
export async function rosterGaps(db: Db, now: Date, scope: Scope | null, days = GAP_HORIZON_DAYS): Promise<CoverageGap[]> {
  const to = new Date(now.getTime() + days * 86_400_000);
  let q = db.selectFrom('firms').select('district').distinct().where('district', 'is not', null);
  if (scope && scope.kind === 'district') q = q.where('district', '=', scope.district);
  const districts = (await q.orderBy('district').execute()).map((r) => r.district);
  if (districts.length === 0) return [];
  const roster = await rosterBetween(db, now, to);
  return coverageGaps(roster, { districts, categories: GAP_CATEGORIES, tier: 1, from: now, to });
}
