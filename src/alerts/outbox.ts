// The transactional outbox. An alert change and the deliveries it causes
// are written in one transaction, one row per subscribed endpoint; the
// delivery worker sends them afterwards, at least once, with the same
// message id (webhook-id) on every retry.

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { AlertDto } from './alert-view.ts';
import { notifyDeliveries } from './wake.ts';

export type AlertEventType = 'alert.raised' | 'alert.escalated' | 'alert.acknowledged' | 'alert.resolved';

/** Who a group robot should @-mention (the on-duty officers' mobiles). */
export interface Mentions {
  mobiles: string[];
  userIds: string[];
}

export interface StoredEvent {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
  mentions?: Mentions;
}

/** msg_ + 24 random base62-ish characters, as Svix names messages. */
export function newMessageId(): string {
  return `msg_${randomBytes(18).toString('base64url')}`;
}

export interface OutgoingAlertEvent {
  type: AlertEventType;
  alert: AlertDto;
  mentions?: Mentions;
  details?: Record<string, unknown>;
}

/**
 * Queues each event to every enabled endpoint that subscribes to it: event
 * type (none listed = all), level (none = all), and the endpoint's district
 * (null = city-wide) covering the firm. Three statements however many
 * events. Returns how many deliveries were queued. The caller commits, then
 * wakes the workers.
 */
export async function enqueueAlertEvents(trx: Db, events: readonly OutgoingAlertEvent[], at: Date): Promise<number> {
  if (events.length === 0) return 0;
  const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'events', 'levels', 'district'])
    .where('enabled', '=', true).execute();
  const rows = events.flatMap(({ type, alert, mentions, details }) => {
    const targets = endpoints.filter((e) => (e.events.length === 0 || e.events.includes(type))
      && (e.levels.length === 0 || e.levels.includes(alert.level))
      && (e.district === null || e.district === alert.firm.district));
    if (targets.length === 0) return [];
    const event: StoredEvent = {
      id: newMessageId(), type, timestamp: at.toISOString(),
      data: { alert, ...details },
      ...(mentions && (mentions.mobiles.length > 0 || mentions.userIds.length > 0) ? { mentions } : {}),
    };
    const text = JSON.stringify(event);
    return targets.map((e) => ({
      endpoint_id: e.id, message_id: event.id, event_type: type, event: text, alert_id: alert.id,
      // Due at once (a replayed --at in the future must not hold a message back).
      next_attempt_at: sql<Date>`least(${at}::timestamptz, now())`, created_at: sql<Date>`now()`,
    }));
  });
  if (rows.length === 0) return 0;
  await trx.insertInto('deliveries').values(rows).execute();
  await notifyDeliveries(trx);
  return rows.length;
}

/** Queues one event (see enqueueAlertEvents). */
export async function enqueueAlertEvent(
  trx: Db, type: AlertEventType, alert: AlertDto, at: Date, extra: { mentions?: Mentions; details?: Record<string, unknown> } = {},
): Promise<number> {
  return enqueueAlertEvents(trx, [{ type, alert, ...extra }], at);
}
