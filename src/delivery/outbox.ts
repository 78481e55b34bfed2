// The one transactional outbox. Alerts, the credit list and the digest build
// events (OutboxEvent) and hand them to `enqueue` inside the transaction that
// makes the change, so the change and its deliveries commit together; the
// delivery worker sends them afterwards, at least once, with the same
// message id (webhook-id) on every retry. `commitThenWake` runs such a
// transaction and wakes the workers once it has committed. Nothing here
// knows what an alert, a credit case or a digest is.

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { isPersonKind, mediumOf, type ChannelKind, type Medium } from './channels/index.ts';
import { notifyDeliveries, wakeDeliveries } from './wake.ts';

/** Who a group robot should @-mention (the on-duty officers' mobiles). */
export interface Mentions {
  mobiles: string[];
  userIds: string[];
}

/** The event as stored on a delivery row and sent on every attempt. */
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

/** Which endpoints hear of an event, besides subscribing to its type (none listed = all). */
export interface Audience {
  /** The district the event concerns (null: the whole deployment). */
  district: string | null;
  /** Only endpoints of exactly `district`; otherwise city-wide endpoints (district null) hear of it too. */
  exact?: boolean;
  /** Endpoints that list levels hear only of these; without a level the filter does not apply. */
  level?: string;
}

export interface OutboxEvent {
  type: string;
  /** The payload's `data`. */
  data: Record<string, unknown>;
  /**
   * The payload's `data` in another language, for endpoints that read it
   * (webhook_endpoints.lang), where the event carries prose built in advance
   * (a digest's title and summary); the others get `data`.
   */
  dataIn?: Readonly<Record<string, Record<string, unknown>>>;
  audience: Audience;
  /** The alert the deliveries (and acknowledge links) belong to. */
  alertId?: number | null;
  mentions?: Mentions;
  /** The people paged: each gets an acknowledge link, and SMS/voice as `media` says. */
  paged?: readonly Paged[];
  /** How the paged people are reached (default: the group robots only). */
  media?: readonly Medium[];
}

/** How long an acknowledge link in a message works. */
export const ACK_LINK_TTL_MS = 24 * 3_600_000;

/** msg_ + 24 random base62-ish characters, as Svix names messages. */
export function newMessageId(): string {
  return `msg_${randomBytes(18).toString('base64url')}`;
}

interface EndpointRow {
  id: number;
  kind: string;
  events: string[];
  levels: string[];
  district: string | null;
  lang: string;
}

function hears(x: EndpointRow, type: string, a: Audience): boolean {
  return (
    (x.events.length === 0 || x.events.includes(type)) &&
    (a.level === undefined || x.levels.length === 0 || x.levels.includes(a.level)) &&
    (a.exact ? x.district === a.district : x.district === null || x.district === a.district)
  );
}

/** The transactions that queued deliveries, so commitThenWake knows to wake the workers. */
const queuedIn = new WeakSet<object>();

/**
 * Queues each event to every enabled endpoint that hears of it (see
 * Audience). Group robots and standard webhooks get one delivery per event;
 * SMS/voice endpoints one per paged person with a mobile. Three statements
 * however many events. Returns how many deliveries were queued. Run it in
 * the transaction of the change (commitThenWake wakes the workers after).
 */
export async function enqueue(trx: Db, events: readonly OutboxEvent[], at: Date): Promise<number> {
  if (events.length === 0) return 0;
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'kind', 'events', 'levels', 'district', 'lang'])
    .where('enabled', '=', true)
    .execute();
  const plans = events.map((e) => {
    const targets = endpoints.filter((x) => hears(x, e.type, e.audience));
    const media = new Set<Medium>(e.media ?? ['chat']);
    const paged = e.paged ?? [];
    const groups = targets.filter((x) => !isPersonKind(x.kind as ChannelKind));
    const phones =
      paged.length === 0
        ? []
        : targets.filter((x) => isPersonKind(x.kind as ChannelKind) && media.has(mediumOf(x.kind as ChannelKind)!));
    // Links: one per person and medium that will carry one (a call cannot).
    const links: Array<{ userId: number; medium: Medium }> = [];
    if (e.alertId != null) {
      if (media.has('chat') && groups.some((x) => x.kind !== 'standard'))
        for (const p of paged) links.push({ userId: p.id, medium: 'chat' });
      if (phones.some((x) => mediumOf(x.kind as ChannelKind) === 'sms'))
        for (const p of paged) if (p.mobile) links.push({ userId: p.id, medium: 'sms' });
    }
    return { e, groups, phones, paged, links };
  });
  const linkRows = plans.flatMap((p) =>
    p.links.map((l) => ({
      alert_id: p.e.alertId!,
      user_id: l.userId,
      purpose: 'ack' as const,
      channel: l.medium,
      expires_at: new Date(at.getTime() + ACK_LINK_TTL_MS),
      created_at: at,
    })),
  );
  const made =
    linkRows.length === 0
      ? []
      : await trx
          .insertInto('ack_links')
          .values(linkRows)
          .returning(['id', 'alert_id', 'user_id', 'channel'])
          .execute();
  const linkOf = new Map(made.map((r) => [`${r.alert_id}/${r.user_id}/${r.channel}`, r.id]));

  const rows = plans.flatMap(({ e, groups, phones, paged }) => {
    const { type, mentions } = e;
    const alertId = e.alertId ?? null;
    const base: StoredEvent = { id: newMessageId(), type, timestamp: at.toISOString(), data: e.data };
    const chatLinks = paged.flatMap((p) => {
      const linkId = linkOf.get(`${alertId}/${p.id}/chat`);
      return linkId === undefined ? [] : [{ userId: p.id, name: p.name, linkId }];
    });
    const row = (endpointId: number, event: StoredEvent, recipientId: number | null) => ({
      endpoint_id: endpointId,
      message_id: event.id,
      event_type: type,
      event: JSON.stringify(event),
      alert_id: alertId,
      recipient_id: recipientId,
      // Due at once (a replayed --at in the future must not hold a message back).
      next_attempt_at: sql<Date>`least(${at}::timestamptz, now())`,
      created_at: sql<Date>`now()`,
    });
    const group: StoredEvent = {
      ...base,
      ...(mentions && (mentions.mobiles.length > 0 || mentions.userIds.length > 0) ? { mentions } : {}),
    };
    const inLang = (x: EndpointRow): StoredEvent => {
      const data = e.dataIn?.[x.lang];
      return data === undefined ? group : { ...group, data };
    };
    const out = groups.map((x) =>
      row(
        x.id,
        x.kind === 'standard' || chatLinks.length === 0 ? inLang(x) : { ...inLang(x), ackLinks: chatLinks },
        null,
      ),
    );
    for (const x of phones) {
      const medium = mediumOf(x.kind as ChannelKind)!;
      for (const p of paged) {
        if (!p.mobile) continue;
        const event: StoredEvent = {
          ...base,
          id: newMessageId(),
          recipient: {
            userId: p.id,
            name: p.name,
            mobile: p.mobile,
            linkId: linkOf.get(`${alertId}/${p.id}/${medium}`) ?? null,
          },
        };
        out.push(row(x.id, event, p.id));
      }
    }
    return out;
  });
  if (rows.length === 0) return 0;
  await trx.insertInto('deliveries').values(rows).execute();
  await requeued(trx);
  return rows.length;
}

/**
 * Inside a transaction that made deliveries sendable by other means (an
 * endpoint enabled, a dead letter replayed): workers in other processes are
 * told at commit, and commitThenWake wakes this process's.
 */
export async function requeued(trx: Db): Promise<void> {
  queuedIn.add(trx);
  await notifyDeliveries(trx);
}

/**
 * Runs `fn` in one transaction; once it has committed, wakes this process's
 * delivery workers if it queued anything (other processes hear by NOTIFY at
 * commit). Nothing is woken when it rolls back.
 */
export async function commitThenWake<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  let used: Db | undefined;
  const out = await db.transaction().execute((trx) => {
    used = trx;
    return fn(trx);
  });
  if (used !== undefined && queuedIn.has(used)) wakeDeliveries();
  return out;
}
