// Webhook endpoints: registration (CONTRACT §3: answers {id, secret}),
// listing, enabling, the dead-letter list and replays. Secrets are sealed
// at rest (AES-256-GCM), shown once at registration and never logged.
// An endpoint belongs to its creator's district and receives only the
// alerts of firms there (a city-level user's endpoints receive all).

import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { Conflict, Invalid, NotFound } from '../domain/errors.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import { isAddressAllowed } from '../domain/ip-policy.ts';
import { decodeSecret, EVENT_TYPES, generateSecret, isPersonKind, type ChannelKind } from './channels/index.ts';
import { checkProviderSettings, maskSettings } from './channels/providers/settings.ts';
import { Forbidden } from '../domain/errors.ts';
import { endpointSealer } from './endpoint-sealer.ts';
import { commitThenWake, requeued } from './outbox.ts';
import { isIP } from 'node:net';
import { maskUrl } from '../domain/url-secrets.ts';
import { coded, instant, msg } from '../domain/i18n/messages.ts';

export interface EndpointInput {
  url: string;
  kind: ChannelKind;
  secret?: string | undefined;
  events?: string[] | undefined;
  levels?: string[] | undefined;
  label?: string | undefined;
  /** SMS/voice: provider settings (access key id, sign name, templates). */
  settings?: Record<string, string> | undefined;
  /** A city-level admin may set up a district's channel; others get their own district. */
  district?: string | undefined;
  /** The language its messages are written in (default Chinese). */
  lang?: 'zh' | 'en' | undefined;
}

export interface EndpointView {
  id: number;
  url: string;
  kind: string;
  events: string[];
  levels: string[];
  district: string | null;
  label: string | null;
  enabled: boolean;
  disabledReason: string | null;
  hasSecret: boolean;
  settings: Record<string, string>;
  lang: 'zh' | 'en';
  createdBy: string;
  createdAt: string;
}

/** The URL as lists, logs and audit entries show it: keys and tokens masked (one rule: domain/url-secrets.ts). */
export const redactUrl = maskUrl;

function checkUrl(raw: string, allowPrivate: readonly string[]): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Invalid('url: not a valid URL', undefined, msg('webhook.url_invalid'));
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new Invalid('url: must be http or https', undefined, msg('webhook.url_scheme'));
  if (u.username || u.password)
    throw new Invalid('url: must not carry credentials', undefined, msg('webhook.url_credentials'));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  // Literal private addresses are refused here; names are checked again at every send (DNS may change).
  if (isIP(host) && !isAddressAllowed(host, allowPrivate)) {
    throw new Invalid(
      `url: ${host} is a private, loopback or link-local address (allow it with QIANSHAO_ALLOW_PRIVATE_NETWORKS)`,
      undefined,
      msg('webhook.url_private', { host }),
    );
  }
  if (host === 'localhost' && !isAddressAllowed('127.0.0.1', allowPrivate)) {
    throw new Invalid(
      'url: localhost is refused (allow it with QIANSHAO_ALLOW_PRIVATE_NETWORKS)',
      undefined,
      msg('webhook.url_localhost'),
    );
  }
  return u.toString();
}

function secretFor(kind: ChannelKind, given: string | undefined): string | null {
  if (isPersonKind(kind)) {
    if (!given) throw new Invalid(`secret: a ${kind} channel needs the provider's key secret`);
    return given;
  }
  if (kind !== 'standard') return given ?? null;
  if (given === undefined) return generateSecret();
  if (!given.startsWith('whsec_'))
    throw new Invalid(
      'secret: a standard endpoint secret is whsec_ followed by base64',
      undefined,
      msg('webhook.secret_prefix'),
    );
  try {
    if (decodeSecret(given).length < 24) throw new Error('short');
  } catch {
    throw new Invalid(
      'secret: whsec_ must be followed by base64 of at least 24 bytes',
      undefined,
      msg('webhook.secret_short'),
    );
  }
  return given;
}

export async function registerEndpoint(
  db: Db,
  secretKey: string,
  allowPrivate: readonly string[],
  principal: Principal,
  actor: Actor,
  input: EndpointInput,
  now: Date,
): Promise<{ id: number; secret: string | null }> {
  const url = checkUrl(input.url, allowPrivate);
  for (const e of input.events ?? []) {
    if (!(EVENT_TYPES as readonly string[]).includes(e))
      throw new Invalid(
        `events: unknown event type ${e} (known: ${EVENT_TYPES.join(', ')})`,
        undefined,
        msg('webhook.event_unknown', { event: e, known: EVENT_TYPES.join(', ') }),
      );
  }
  const secret = secretFor(input.kind, input.secret);
  const settings = isPersonKind(input.kind) ? checkProviderSettings(input.kind, input.settings ?? {}) : {};
  if (!isPersonKind(input.kind) && input.settings && Object.keys(input.settings).length > 0)
    throw new Invalid(`settings: only SMS/voice channels take settings`);
  let district = principal.role === 'admin' ? null : principal.district;
  if (input.district !== undefined) {
    if (principal.district !== null && input.district !== principal.district)
      throw new Forbidden(`district: you may set up channels of ${principal.district} only`);
    district = input.district;
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhook_endpoints')
      .values({
        // The robots' URLs carry their key (WeCom ?key=, DingTalk ?access_token=,
        // Feishu …/hook/<token>): the URL is sealed like a secret, the column
        // `url` keeps only its masked form for display.
        url: maskUrl(url),
        url_sealed: endpointSealer(secretKey).seal(url),
        kind: input.kind,
        secret_sealed: secret === null ? null : endpointSealer(secretKey).seal(secret),
        events: input.events ?? [],
        levels: input.levels ?? [],
        district,
        label: input.label ?? null,
        created_by: actor.name,
        created_at: now,
        lang: input.lang ?? 'zh',
        settings: JSON.stringify(settings),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      actor,
      {
        action: 'webhook.create',
        objectType: 'webhook',
        objectId: row.id,
        details: {
          url: redactUrl(url),
          kind: input.kind,
          events: input.events ?? [],
          levels: input.levels ?? [],
          district,
          settings: maskSettings(settings),
          lang: input.lang ?? 'zh',
        },
      },
      now,
    );
    // A provider's key secret is the caller's own: never echoed back.
    return { id: row.id, secret: isPersonKind(input.kind) ? null : secret };
  });
}

const visible = (p: Principal) => (p.role === 'admin' || p.district === null ? null : p.district);

export async function listEndpoints(db: Db, principal: Principal): Promise<EndpointView[]> {
  let q = db.selectFrom('webhook_endpoints').selectAll().orderBy('id');
  const d = visible(principal);
  if (d !== null) q = q.where('district', '=', d);
  return (await q.execute()).map((e) => ({
    id: e.id,
    url: redactUrl(e.url),
    kind: e.kind,
    events: e.events,
    levels: e.levels,
    district: e.district,
    label: e.label,
    enabled: e.enabled,
    disabledReason: e.disabled_reason,
    hasSecret: e.secret_sealed !== null,
    settings: maskSettings(e.settings ?? {}),
    lang: e.lang,
    createdBy: e.created_by,
    createdAt: e.created_at.toISOString(),
  }));
}

async function ownEndpoint(db: Db, principal: Principal, id: number) {
  let q = db.selectFrom('webhook_endpoints').select(['id', 'district']).where('id', '=', id);
  const d = visible(principal);
  if (d !== null) q = q.where('district', '=', d);
  const e = await q.executeTakeFirst();
  if (!e) throw new NotFound(`webhook ${id} not found`, undefined, msg('webhook.not_found', { id }));
  return e;
}

export async function setEndpointEnabled(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: number,
  enabled: boolean,
  now: Date,
): Promise<void> {
  await ownEndpoint(db, principal, id);
  await commitThenWake(db, async (trx) => {
    await trx
      .updateTable('webhook_endpoints')
      .set({ enabled, disabled_reason: enabled ? null : `disabled by ${actor.name}` })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      actor,
      { action: enabled ? 'webhook.enable' : 'webhook.disable', objectType: 'webhook', objectId: id },
      now,
    );
    if (enabled) await requeued(trx);
  });
}

export interface DeliveryView {
  id: number;
  endpointId: number;
  messageId: string;
  eventType: string;
  alertId: number | null;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export async function listDeliveries(
  db: Db,
  principal: Principal,
  q: { endpointId?: number | undefined; status?: string | undefined; limit: number },
): Promise<DeliveryView[]> {
  let query = db
    .selectFrom('deliveries')
    .innerJoin('webhook_endpoints as e', 'e.id', 'deliveries.endpoint_id')
    .selectAll('deliveries');
  const d = visible(principal);
  if (d !== null) query = query.where('e.district', '=', d);
  if (q.endpointId) query = query.where('deliveries.endpoint_id', '=', q.endpointId);
  if (q.status) query = query.where('deliveries.status', '=', q.status as 'dead');
  const rows = await query.orderBy('deliveries.id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpoint_id,
    messageId: r.message_id,
    eventType: r.event_type,
    alertId: r.alert_id,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at.toISOString(),
    lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: r.delivered_at?.toISOString() ?? null,
  }));
}

/** The signing secret of the newest endpoint whose URL starts with `url` (the demo inbox checks signatures with it). */
export async function endpointByUrl(
  db: Db,
  secretKey: string,
  url: string,
): Promise<{ secret: string | null; lang: 'zh' | 'en' }> {
  const e = await db
    .selectFrom('webhook_endpoints')
    .select(['secret_sealed', 'lang'])
    .where('url', 'like', `${url}%`)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return {
    secret: e?.secret_sealed ? endpointSealer(secretKey).open(e.secret_sealed) : null,
    lang: e?.lang === 'en' ? 'en' : 'zh',
  };
}

/**
 * What was pushed about an alert, and how it went, oldest first (the
 * endpoints' URLs stay hidden: robots keep their keys there). The caller has
 * checked that the alert is within the reader's jurisdiction.
 */
export function alertDeliveries(db: Db, alertId: number) {
  return db
    .selectFrom('deliveries')
    .innerJoin('webhook_endpoints as e', 'e.id', 'deliveries.endpoint_id')
    .select([
      'deliveries.created_at',
      'deliveries.event_type',
      'deliveries.status',
      'deliveries.attempts',
      'deliveries.last_error',
      'e.kind',
      'e.label',
    ])
    .where('deliveries.alert_id', '=', alertId)
    .orderBy('deliveries.id')
    .limit(100)
    .execute();
}

/**
 * A dead letter is sent again, with the same webhook-id and a fresh retry
 * schedule. Replay is for dead letters: a message the receiver already
 * acknowledged is sent again only when the caller confirms it (`force`),
 * and the audit entry says so.
 */
export async function replayDelivery(
  db: Db,
  principal: Principal,
  actor: Actor,
  id: number,
  now: Date,
  opts: { force?: boolean } = {},
): Promise<void> {
  const row = await db
    .selectFrom('deliveries')
    .select(['id', 'endpoint_id', 'status', 'delivered_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`delivery ${id} not found`, undefined, msg('delivery.not_found', { id }));
  await ownEndpoint(db, principal, row.endpoint_id);
  if (row.status === 'pending' || row.status === 'sending')
    throw new Invalid(
      `delivery ${id} is still ${row.status}`,
      undefined,
      msg('delivery.pending', { id, status: coded('deliveryStatus', row.status) }),
    );
  const force = opts.force === true;
  if (row.status === 'delivered' && !force) {
    throw new Conflict(
      `delivery ${id} was already delivered${row.delivered_at ? ` at ${row.delivered_at.toISOString()}` : ''}; replaying it sends the message again: confirm with force`,
      undefined,
      msg('delivery.delivered', { id, at: instant(row.delivered_at ?? '') }),
    );
  }
  await commitThenWake(db, async (trx) => {
    await trx
      .updateTable('deliveries')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null, last_error: null })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      actor,
      {
        action: 'delivery.replay',
        objectType: 'delivery',
        objectId: id,
        details: { from: row.status, ...(force ? { force } : {}) },
      },
      now,
    );
    await requeued(trx);
  });
}
