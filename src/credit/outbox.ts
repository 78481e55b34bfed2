// The outbox for events that are not alerts (credit list; later the
// digest). The same `deliveries` table and worker as alerts, so these are
// retried, dead-lettered and replayed with the same message id; only the
// endpoint filter differs: event type and district, no alert level.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { newMessageId, type StoredEvent } from '../alerts/outbox.ts';
import { notifyDeliveries } from '../alerts/wake.ts';

/**
 * Queues one event to every enabled endpoint that subscribes to `type`
 * (none listed = all) and covers `district` (endpoint district null = city-wide).
 * Returns how many deliveries were queued; the caller commits, then calls wakeDeliveries().
 */
export async function enqueueEvent(trx: Db, type: string, data: Record<string, unknown>, district: string | null, at: Date): Promise<number> {
  const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'events', 'district']).where('enabled', '=', true).execute();
  const targets = endpoints.filter((e) => (e.events.length === 0 || e.events.includes(type)) && (e.district === null || e.district === district));
  if (targets.length === 0) return 0;
  const event: StoredEvent = { id: newMessageId(), type, timestamp: at.toISOString(), data };
  await trx.insertInto('deliveries').values(targets.map((e) => ({
    endpoint_id: e.id, message_id: event.id, event_type: type, event: JSON.stringify(event), alert_id: null,
    next_attempt_at: sql<Date>`least(${at}::timestamptz, now())`, created_at: sql<Date>`now()`,
  }))).execute();
  await notifyDeliveries(trx);
  return targets.length;
}
