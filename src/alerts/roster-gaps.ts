// The roster's gaps ahead: stretches in the next days when nobody is on
// duty at tier 1 for a district and category (src/domain/alerts/coverage.ts).
// Read by the daily check (job `roster-gaps`) and the roster page.

import type { Db } from '../db/connect.ts';
import { type CoverageGap, coverageGaps } from '../domain/alerts/coverage.ts';
import { loadRosterBetween } from './duty.ts';
import type { Scope } from '../domain/jurisdiction.ts';

export const GAP_CATEGORIES = ['labor', 'opinion'] as const;
export const GAP_HORIZON_DAYS = 7;

/** Tier-1 gaps from `now` over the next `days` days, for the districts with firms that the scope covers. */
export async function rosterGaps(
  db: Db,
  now: Date,
  scope: Scope | null,
  days = GAP_HORIZON_DAYS,
): Promise<CoverageGap[]> {
  const to = new Date(now.getTime() + days * 86_400_000);
  let q = db.selectFrom('firms').select('district').distinct().where('district', 'is not', null);
  if (scope && scope.kind === 'district') q = q.where('district', '=', scope.district);
  const districts = (await q.orderBy('district').execute()).map((r) => r.district);
  if (districts.length === 0) return [];
  const roster = await loadRosterBetween(db, now, to);
  return coverageGaps(roster, { districts, categories: GAP_CATEGORIES, tier: 1, from: now, to });
}
