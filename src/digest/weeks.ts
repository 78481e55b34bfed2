// Which weeks the digest page offers (issue 15 item 10): the current week
// to date first, then every earlier week, within a year, in which the
// district has any record, mention or alert. Future weeks are not weeks a
// digest can describe: `isFutureWeek` lets the page refuse them.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { formatWeek, weekOf, weekOfDay, mondayOf, type IsoWeek } from '../domain/digest/index.ts';
import { placeInScope } from '../firms/firms-repo.ts';
import type { Scope } from '../domain/jurisdiction.ts';

const YEAR_MS = 366 * 86_400_000;
const DAY_MS = 86_400_000;

/** The digest's scope: a district (all its streets) or the whole deployment. */
export type DigestScope = { kind: 'all' } | { kind: 'district'; district: string };

export interface WeekWithData {
  week: string;
  /** The week `now` falls in: its digest so far (a preview). */
  current: boolean;
}

export async function weeksWithData(db: Db, scope: DigestScope, now: Date): Promise<WeekWithData[]> {
  const from = new Date(now.getTime() - YEAR_MS);
  const s: Scope = scope.kind === 'all' ? { kind: 'all' } : { kind: 'district', district: scope.district, streets: [] };
  // Monday of the Shanghai ISO week of each instant, as a date.
  const monday = (col: string) =>
    sql<string>`(date_trunc('week', ${sql.ref(col)} at time zone 'Asia/Shanghai'))::date::text`.as('monday');
  const lists = await Promise.all([
    db
      .selectFrom('alerts')
      .innerJoin('firms', 'firms.id', 'alerts.firm_id')
      .select(monday('alerts.raised_at'))
      .distinct()
      .where(placeInScope(s, 'firms'))
      .where('alerts.raised_at', '>=', from)
      .where('alerts.raised_at', '<=', now)
      .execute(),
    db
      .selectFrom('inspections')
      .innerJoin('firms', 'firms.id', 'inspections.firm_id')
      .select(monday('inspections.date_at'))
      .distinct()
      .where(placeInScope(s, 'firms'))
      .where('inspections.date_at', '>=', from)
      .where('inspections.date_at', '<=', now)
      .execute(),
    db
      .selectFrom('petitions')
      .innerJoin('firms', 'firms.id', 'petitions.firm_id')
      .select(monday('petitions.received_at'))
      .distinct()
      .where(placeInScope(s, 'firms'))
      .where('petitions.received_at', '>=', from)
      .where('petitions.received_at', '<=', now)
      .execute(),
    db
      .selectFrom('mentions')
      .innerJoin('firms', 'firms.id', 'mentions.firm_id')
      .select(monday('mentions.at'))
      .distinct()
      .where(placeInScope(s, 'firms'))
      .where('mentions.at', '>=', from)
      .where('mentions.at', '<=', now)
      .execute(),
  ]);
  const current = formatWeek(weekOf(now));
  const weeks = new Set<string>([current]);
  for (const rows of lists)
    for (const r of rows) weeks.add(formatWeek(weekOfDay(Date.parse(`${r.monday}T00:00:00Z`) / DAY_MS)));
  return [...weeks]
    .sort()
    .reverse()
    .map((week) => ({ week, current: week === current }));
}

/** A week that has not begun as of `now` (Shanghai calendar). */
export function isFutureWeek(w: IsoWeek, now: Date): boolean {
  return mondayOf(w) > mondayOf(weekOf(now));
}
