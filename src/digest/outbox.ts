// `digest.published` through the same transactional outbox as alert events
// (src/alerts/outbox.ts): one delivery row per subscribed endpoint, written
// in the caller's transaction, sent by the delivery worker at least once
// with the same message id on every retry.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { newMessageId, type StoredEvent } from '../alerts/outbox.ts';
import { notifyDeliveries } from '../alerts/wake.ts';
import type { Lang } from '../domain/i18n/codes.ts';

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
export async function enqueueDigestEvent(trx: Db, digestIn: (lang: Lang) => DigestEventData, at: Date): Promise<number> {
  const district = digestIn('zh').district;
  const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'events', 'district', 'lang']).where('enabled', '=', true).execute();
  const targets = endpoints.filter((e) => (e.events.length === 0 || e.events.includes(DIGEST_EVENT)) && e.district === district);
  if (targets.length === 0) return 0;
  // One message (one id); each endpoint gets its title and summary in its own language.
  const id = newMessageId();
  const eventIn = (lang: Lang): StoredEvent => ({ id, type: DIGEST_EVENT, timestamp: at.toISOString(), data: { digest: { ...digestIn(lang) } } });
  await trx.insertInto('deliveries').values(targets.map((e) => ({
    endpoint_id: e.id, message_id: id, event_type: DIGEST_EVENT, event: JSON.stringify(eventIn(e.lang)), alert_id: null,
    next_attempt_at: sql<Date>`least(${at}::timestamptz, now())`, created_at: sql<Date>`now()`,
  }))).execute();
  await notifyDeliveries(trx);
  return targets.length;
}
