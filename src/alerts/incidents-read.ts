// The queue's incident view (issue 17, item 3): incidents with their member
// alerts, under the caller's jurisdiction. An incident is listed when one of
// its alerts is in scope, and shows only the alerts the caller may see.

import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { firmInScope } from '../firms/firms-repo.ts';
import { isOpenStatus } from '../domain/alerts/states.ts';
import { type AlertDto, alertQuery, toAlertDto } from './alert-view.ts';

export interface IncidentView {
  id: number;
  level: string;
  title: string;
  status: 'open' | 'closed';
  openedAt: Date;
  lastAlertAt: Date;
  /** Every member alert, in scope or not. */
  memberCount: number;
  leadAlertId: number | null;
  /** The nearest deadline among its open alerts; null: none. */
  dueAt: string | null;
  /** The members the caller may see: the lead first, then by level and time. */
  alerts: AlertDto[];
}

const RANK = sql<number>`array_position(array['red','orange','yellow','blue']::text[], incidents.level)`;

/** Incidents (open, or all), most severe and most recent first, at most `limit`. */
export async function listIncidents(
  db: Db,
  scope: Scope,
  f: { status: 'open' | 'all'; limit: number },
  publicUrl: string,
): Promise<IncidentView[]> {
  let q = db
    .selectFrom('incidents')
    .select([
      'incidents.id',
      'incidents.level',
      'incidents.title',
      'incidents.status',
      'incidents.opened_at',
      'incidents.last_alert_at',
      'incidents.lead_alert_id',
      sql<number>`(select count(*) from alerts m where m.incident_id = incidents.id)::int`.as('members'),
    ])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('alerts')
          .innerJoin('firms', 'firms.id', 'alerts.firm_id')
          .select(sql`1`.as('one'))
          .whereRef('alerts.incident_id', '=', 'incidents.id')
          .where(firmInScope(scope)),
      ),
    );
  if (f.status === 'open') q = q.where(sql<SqlBool>`incidents.status = 'open'`);
  const rows = await q
    .orderBy(RANK)
    .orderBy('incidents.last_alert_at', 'desc')
    .orderBy('incidents.id', 'desc')
    .limit(f.limit)
    .execute();
  if (rows.length === 0) return [];
  const members = await alertQuery(db)
    .where(
      'alerts.incident_id',
      'in',
      rows.map((r) => r.id),
    )
    .where(firmInScope(scope))
    .orderBy(sql`array_position(array['red','orange','yellow','blue']::text[], alerts.level)`)
    .orderBy('alerts.raised_at')
    .orderBy('alerts.id')
    .execute();
  return rows.map((r) => {
    const mine = members.filter((m) => m.incident_id === r.id);
    const lead = mine.filter((m) => m.id === r.lead_alert_id);
    const alerts = [...lead, ...mine.filter((m) => m.id !== r.lead_alert_id)].map((m) => toAlertDto(m, publicUrl));
    const dues = alerts
      .filter((a) => isOpenStatus(a.status) && a.due_at !== null)
      .map((a) => a.due_at!)
      .sort();
    return {
      id: r.id,
      level: r.level,
      title: r.title,
      status: r.status,
      openedAt: r.opened_at,
      lastAlertAt: r.last_alert_at,
      memberCount: Number(r.members),
      leadAlertId: r.lead_alert_id,
      dueAt: dues[0] ?? null,
      alerts,
    };
  });
}
