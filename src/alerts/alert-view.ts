// The alert as the API, the CLI and webhooks show it (CONTRACT §1, §4).

import type { Db } from '../db/connect.ts';
import type { AlertsTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';

export type AlertRow = Selectable<AlertsTable>;

export interface AlertDto {
  id: number;
  rule: string;
  category: string;
  level: string;
  status: string;
  title: string;
  firm: { id: number; name: string; uscc: string | null; district: string | null; street: string | null };
  score: number;
  raised_at: string;
  updated_at: string;
  /** The next deadline: handling, or acknowledgement when there is no handling deadline. */
  due_at: string | null;
  ack_due_at: string | null;
  handle_due_at: string | null;
  overdue: boolean;
  assignee: { id: number; name: string } | null;
  acknowledged_at: string | null;
  closed_at: string | null;
  dismiss_reason: string | null;
  silenced: boolean;
  evidence: unknown[];
  url: string;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export interface AlertJoin {
  firm_name: string;
  firm_uscc: string | null;
  firm_district: string | null;
  firm_street: string | null;
  assignee_name: string | null;
}

export function toAlertDto(a: AlertRow & AlertJoin, publicUrl: string): AlertDto {
  return {
    id: a.id,
    rule: a.rule,
    category: a.category,
    level: a.level,
    status: a.status,
    title: a.title,
    firm: { id: a.firm_id, name: a.firm_name, uscc: a.firm_uscc, district: a.firm_district, street: a.firm_street },
    score: a.score,
    raised_at: a.raised_at.toISOString(),
    updated_at: a.updated_at.toISOString(),
    due_at: iso(a.handle_due_at ?? a.ack_due_at),
    ack_due_at: iso(a.ack_due_at),
    handle_due_at: iso(a.handle_due_at),
    overdue: a.overdue,
    assignee: a.assignee_id === null ? null : { id: a.assignee_id, name: a.assignee_name ?? '' },
    acknowledged_at: iso(a.acknowledged_at),
    closed_at: iso(a.closed_at),
    dismiss_reason: a.dismiss_reason,
    silenced: a.silence_id !== null,
    evidence: a.evidence,
    url: `${publicUrl.replace(/\/$/, '')}/alerts/${a.id}`,
  };
}

/** Alerts with the firm and assignee columns the DTO needs. */
export function alertQuery(db: Db) {
  return db
    .selectFrom('alerts')
    .innerJoin('firms', 'firms.id', 'alerts.firm_id')
    .leftJoin('users as u', 'u.id', 'alerts.assignee_id')
    .selectAll('alerts')
    .select([
      'firms.name as firm_name',
      'firms.uscc as firm_uscc',
      'firms.district as firm_district',
      'firms.street as firm_street',
      'u.name as assignee_name',
    ]);
}

/** The DTOs of several alerts, by id (one query). */
export async function loadAlertDtos(db: Db, ids: readonly number[], publicUrl: string): Promise<Map<number, AlertDto>> {
  if (ids.length === 0) return new Map();
  const rows = await alertQuery(db)
    .where('alerts.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, toAlertDto(r, publicUrl)]));
}

export async function loadAlertDto(db: Db, id: number, publicUrl: string): Promise<AlertDto | undefined> {
  const row = await alertQuery(db).where('alerts.id', '=', id).executeTakeFirst();
  return row ? toAlertDto(row, publicUrl) : undefined;
}
