// The transactional outbox. An alert change and the deliveries it causes
// are written in one transaction, one row per subscribed endpoint; the
// delivery worker sends them afterwards, at least once, with the same
// message id (webhook-id) on every retry.

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { AlertDto } from './alert-view.ts';
import { isPersonKind, mediumOf, type ChannelKind, type Medium } from '../delivery/channels/index.ts';
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
  /** Group robots: the acknowledge link (row id) of each person mentioned. */
  ackLinks?: Array<{ userId: number; name: string; linkId: number }>;
  /** SMS/voice: the one person this delivery is for. */
  recipient?: { userId: number; name: string; mobile: string; linkId: number | null };
}

/** A person an event pages (the people an escalation step names). */
export interface Paged {
  id: number;
  name: string;
  mobile: string | null;
}

/** How long an acknowledge link in a message works. */
export const ACK_LINK_TTL_MS = 24 * 3_600_000;

/** msg_ + 24 random base62-ish characters, as Svix names messages. */
export function newMessageId(): string {
  return `msg_${randomBytes(18).toString('base64url')}`;
}

export interface OutgoingAlertEvent {
  type: AlertEventType;
  alert: AlertDto;
  mentions?: Mentions;
  details?: Record<string, unknown>;
  /** The people paged: each gets a signed acknowledge link, and SMS/voice as `media` says. */
  paged?: readonly Paged[];
  /** How the paged people are reached (default: the group robots only). */
  media?: readonly Medium[];
}

const PAGING = new Set(['alert.raised', 'alert.escalated']);

/**
 * Queues each event to every enabled endpoint that subscribes to it: event
 * type (none listed = all), level (none = all), and the endpoint's district
 * (null = city-wide) covering the firm. Three statements however many
 * events. Returns how many deliveries were queued. The caller commits, then
 * wakes the workers.
 */
export async function enqueueAlertEvents(trx: Db, events: readonly OutgoingAlertEvent[], at: Date): Promise<number> {
  if (events.length === 0) return 0;
  const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'kind', 'events', 'levels', 'district'])
    .where('enabled', '=', true).execute();
  const plans = events.map((e) => {
    const { type, alert } = e;
    const targets = endpoints.filter((x) => (x.events.length === 0 || x.events.includes(type))
      && (x.levels.length === 0 || x.levels.includes(alert.level))
      && (x.district === null || x.district === alert.firm.district));
    const media = new Set<Medium>(e.media ?? ['chat']);
    const paged = PAGING.has(type) ? (e.paged ?? []) : [];
    const groups = targets.filter((x) => !isPersonKind(x.kind as ChannelKind));
    const phones = paged.length === 0 ? [] : targets.filter((x) => isPersonKind(x.kind as ChannelKind) && media.has(mediumOf(x.kind as ChannelKind)!));
    // Links: one per person and medium that will carry one (a call cannot).
    const links: Array<{ userId: number; medium: Medium }> = [];
    if (media.has('chat') && groups.some((x) => x.kind !== 'standard')) for (const p of paged) links.push({ userId: p.id, medium: 'chat' });
    if (phones.some((x) => mediumOf(x.kind as ChannelKind) === 'sms')) for (const p of paged) if (p.mobile) links.push({ userId: p.id, medium: 'sms' });
    return { e, groups, phones, paged, links };
  });
  const linkRows = plans.flatMap((p) => p.links.map((l) => ({
    alert_id: p.e.alert.id, user_id: l.userId, purpose: 'ack' as const, channel: l.medium, expires_at: new Date(at.getTime() + ACK_LINK_TTL_MS), created_at: at,
  })));
  const made = linkRows.length === 0 ? [] : await trx.insertInto('ack_links').values(linkRows).returning(['id', 'alert_id', 'user_id', 'channel']).execute();
  const linkOf = new Map(made.map((r) => [`${r.alert_id}/${r.user_id}/${r.channel}`, r.id]));

  const rows = plans.flatMap(({ e, groups, phones, paged }) => {
    const { type, alert, mentions, details } = e;
    const base: StoredEvent = {
      id: newMessageId(), type, timestamp: at.toISOString(), data: { alert, ...details },
    };
    const chatLinks = paged.flatMap((p) => {
      const linkId = linkOf.get(`${alert.id}/${p.id}/chat`);
      return linkId === undefined ? [] : [{ userId: p.id, name: p.name, linkId }];
    });
    const row = (endpointId: number, event: StoredEvent, recipientId: number | null) => ({
      endpoint_id: endpointId, message_id: event.id, event_type: type, event: JSON.stringify(event), alert_id: alert.id, recipient_id: recipientId,
      // Due at once (a replayed --at in the future must not hold a message back).
      next_attempt_at: sql<Date>`least(${at}::timestamptz, now())`, created_at: sql<Date>`now()`,
    });
    const group: StoredEvent = {
      ...base,
      ...(mentions && (mentions.mobiles.length > 0 || mentions.userIds.length > 0) ? { mentions } : {}),
    };
    const out = groups.map((x) => row(x.id, x.kind === 'standard' || chatLinks.length === 0 ? group : { ...group, ackLinks: chatLinks }, null));
    for (const x of phones) {
      const medium = mediumOf(x.kind as ChannelKind)!;
      for (const p of paged) {
        if (!p.mobile) continue;
        const event: StoredEvent = {
          ...base, id: newMessageId(),
          recipient: { userId: p.id, name: p.name, mobile: p.mobile, linkId: linkOf.get(`${alert.id}/${p.id}/${medium}`) ?? null },
        };
        out.push(row(x.id, event, p.id));
      }
    }
    return out;
  });
  if (rows.length === 0) return 0;
  await trx.insertInto('deliveries').values(rows).execute();
  await notifyDeliveries(trx);
  return rows.length;
}

/** Queues one event (see enqueueAlertEvents). */
export async function enqueueAlertEvent(
  trx: Db, type: AlertEventType, alert: AlertDto, at: Date,
  extra: { mentions?: Mentions; details?: Record<string, unknown>; paged?: readonly Paged[]; media?: readonly Medium[] } = {},
): Promise<number> {
  return enqueueAlertEvents(trx, [{ type, alert, ...extra }], at);
}
