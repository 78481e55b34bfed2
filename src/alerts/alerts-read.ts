// The alert queue and one alert with its timeline, under the caller's jurisdiction.

import type { Db } from '../db/connect.ts';
import { NotFound } from '../domain/errors.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { firmInScope } from '../firms/firms-repo.ts';
import { type AlertDto, alertQuery, toAlertDto } from './alert-view.ts';

export const OPEN_STATUSES = ['open', 'acknowledged', 'in_progress'] as const;
const LEVEL_ORDER = ['red', 'orange', 'yellow', 'blue'];

export interface AlertFilter {
  /** 'open' (the three open states, default), 'all', or one status. */
  status?: string | undefined;
  level?: string | undefined;
  rule?: string | undefined;
  firmId?: number | undefined;
  assigneeId?: number | undefined;
  overdue?: boolean | undefined;
  limit: number;
  offset?: number | undefined;
}

/** Most urgent first: level, overdue, then the nearest deadline, then the newest. */
export async function listAlerts(db: Db, scope: Scope | null, f: AlertFilter, publicUrl: string): Promise<AlertDto[]> {
  let q = alertQuery(db);
  if (scope) q = q.where(firmInScope(scope));
  const status = f.status ?? 'open';
  if (status === 'open') q = q.where('alerts.status', 'in', [...OPEN_STATUSES]);
  else if (status !== 'all') q = q.where('alerts.status', '=', status as 'open');
  if (f.level) q = q.where('alerts.level', '=', f.level);
  if (f.rule) q = q.where('alerts.rule', '=', f.rule);
  if (f.firmId) q = q.where('alerts.firm_id', '=', f.firmId);
  if (f.assigneeId) q = q.where('alerts.assignee_id', '=', f.assigneeId);
  if (f.overdue !== undefined) q = q.where('alerts.overdue', '=', f.overdue);
  const rows = await q
    .orderBy((eb) => eb.fn('array_position', [eb.val(LEVEL_ORDER), eb.ref('alerts.level')]))
    .orderBy('alerts.overdue', 'desc')
    .orderBy((eb) => eb.fn.coalesce('alerts.handle_due_at', 'alerts.ack_due_at'), (ob) => ob.asc().nullsLast())
    .orderBy('alerts.raised_at', 'desc').orderBy('alerts.id', 'desc')
    .limit(f.limit).offset(f.offset ?? 0).execute();
  return rows.map((r) => toAlertDto(r, publicUrl));
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actor: string;
  details: Record<string, unknown>;
}

export async function getAlert(db: Db, scope: Scope, id: number, publicUrl: string): Promise<AlertDto & { timeline: TimelineEntry[] }> {
  const row = await alertQuery(db).where('alerts.id', '=', id).where(firmInScope(scope)).executeTakeFirst();
  if (!row) throw new NotFound(`alert ${id} not found`);
  const events = await db.selectFrom('alert_events').select(['at', 'kind', 'actor_name', 'details'])
    .where('alert_id', '=', id).orderBy('at').orderBy('id').execute();
  return {
    ...toAlertDto(row, publicUrl),
    timeline: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actor: e.actor_name, details: e.details })),
  };
}
