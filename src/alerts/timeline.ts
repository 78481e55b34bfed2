// The alert's timeline: every change, by whom, with what. The audit log
// records the same state changes for the bureau; the timeline is what the
// inspector reads on the alert.

import type { Db } from '../db/connect.ts';
import { type Actor, auditMany } from '../audit/audit.ts';

export type TimelineKind =
  | 'raised'
  | 'updated'
  | 'level_raised'
  | 'silenced'
  | 'unsilenced'
  | 'notified'
  | 'escalated'
  | 'overdue'
  | 'acknowledged'
  | 'in_progress'
  | 'resolved'
  | 'dismissed'
  | 'reopened'
  | 'assigned'
  | 'note'
  | 'ack_lapsed'
  | 'grouped'
  | 'info_published'
  | 'coverage_gap';

export interface TimelineEntry {
  alertId: number;
  kind: TimelineKind;
  actor: Actor;
  at: Date;
  details?: Record<string, unknown>;
  /** State changes are audited too (default); notes about delivery are not. */
  audited?: boolean;
}

/** Writes timeline entries, in order, and the audit entries of the state changes among them: two statements. */
export async function recordEvents(trx: Db, entries: readonly TimelineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('alert_events')
    .values(
      entries.map((e) => ({
        alert_id: e.alertId,
        at: e.at,
        kind: e.kind,
        actor_id: e.actor.id,
        actor_name: e.actor.name,
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute();
  await auditMany(
    trx,
    entries
      .filter((e) => e.audited !== false)
      .map((e) => ({
        actor: e.actor,
        at: e.at,
        entry: { action: `alert.${e.kind}`, objectType: 'alert', objectId: e.alertId, details: e.details ?? {} },
      })),
  );
}

/** Writes one timeline entry and, for state changes, the matching audit entry (same transaction). */
export async function recordEvent(
  trx: Db,
  alertId: number,
  kind: TimelineKind,
  actor: Actor,
  at: Date,
  details: Record<string, unknown> = {},
  audited = true,
): Promise<void> {
  await recordEvents(trx, [{ alertId, kind, actor, at, details, audited }]);
}
