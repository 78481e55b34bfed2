// `digest.published` through the same transactional outbox as alert events
// (src/alerts/outbox.ts): one delivery row per subscribed endpoint, written
// in the caller's transaction, sent by the delivery worker at least once
// with the same message id on every retry.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { newMessageId, type StoredEvent } from '../alerts/outbox.ts';
import { notifyDeliveries } from '../alerts/wake.ts';

export const DIGEST_EVENT = 'digest.published';

export interface DigestEventData {
  week: string;
  /** null: the whole deployment. */
  district: string | null;
  title: string;
  /** The Markdown summary (≤ 4096 bytes, for group robots). */
  summary: string;
  url: string;
  published_at: string;
}

/**
 * Queues `digest.published` to every enabled endpoint that subscribes to it
 * (events empty = all) and covers the digest's scope: a district's digest
 * goes to that district's endpoints, the whole deployment's to city-wide
 * endpoints. Levels do not apply (a digest has none). Returns the count.
 */
export async function enqueueDigestEvent(trx: Db, digest: DigestEventData, at: Date): Promise<number> {
  const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'events', 'district']).where('enabled', '=', true).execute();
  const targets = endpoints.filter((e) => (e.events.length === 0 || e.events.includes(DIGEST_EVENT)) && e.district === digest.district);
  if (targets.length === 0) return 0;
  const event: StoredEvent = { id: newMessageId(), type: DIGEST_EVENT, timestamp: at.toISOString(), data: { digest: { ...digest } } };
  await trx.insertInto('deliveries').values(targets.map((e) => ({
    endpoint_id: e.id, message_id: event.id, event_type: DIGEST_EVENT, event: JSON.stringify(event), alert_id: null,
    next_attempt_at: sql<Date>`least(${at}::timestamptz, now())`, created_at: sql<Date>`now()`,
  }))).execute();
  await notifyDeliveries(trx);
  return targets.length;
}
