// The alert's timeline: every change, by whom, with what. The audit log
// records the same state changes for the bureau; the timeline is what the
// inspector reads on the alert.

import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';

export type TimelineKind =
  | 'raised' | 'updated' | 'level_raised' | 'silenced' | 'unsilenced' | 'notified' | 'escalated' | 'overdue'
  | 'acknowledged' | 'in_progress' | 'resolved' | 'dismissed' | 'reopened' | 'assigned' | 'note' | 'ack_lapsed';

/** Writes one timeline entry and, for state changes, the matching audit entry (same transaction). */
export async function recordEvent(
  trx: Db, alertId: number, kind: TimelineKind, actor: Actor, at: Date, details: Record<string, unknown> = {}, audited = true,
): Promise<void> {
  await trx.insertInto('alert_events').values({
    alert_id: alertId, at, kind, actor_id: actor.id, actor_name: actor.name, details: JSON.stringify(details),
  }).execute();
  if (audited) await audit(trx, actor, { action: `alert.${kind}`, objectType: 'alert', objectId: alertId, details }, at);
}
