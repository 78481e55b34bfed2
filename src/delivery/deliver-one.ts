// One claimed delivery, from request to settled row: the per-row half of
// the worker. A row is settled the moment its answer arrives, so a lapsed
// lease can never hand a row that was already answered to another worker.

import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import type { Sealer } from '../crypto/sealer.ts';
import { FetchRefused, safeFetch } from '../net/safe-fetch.ts';
import { maskUrlsInText } from '../domain/url-secrets.ts';
import {
  buildRequest,
  type ChannelKind,
  type DeliveryVerdict,
  type EventType,
  judgeResponse,
  judgeTransportError,
  nextSendAllowedAt,
  RATE_LIMITS,
  retryDelayMs,
} from './channels/index.ts';
import type { StoredEvent } from './outbox.ts';
import { randomBytes } from 'node:crypto';
import { ackLinkUrls } from './ack-links.ts';
import { recordAttempt } from './attempt-timeline.ts';

export interface Claimed {
  id: number;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  event: StoredEvent;
  attempts: number;
  alert_id: number | null;
  recipient_id: number | null;
}

export interface EndpointRow {
  id: number;
  url: string;
  kind: ChannelKind;
  secret_sealed: string | null;
  settings: Record<string, string>;
  label: string | null;
  /** The language its messages are written in. */
  lang: 'zh' | 'en';
}

export type Outcome = 'delivered' | 'retried' | 'dead' | 'deferred';

export interface DeliverContext {
  db: Db;
  log: Logger;
  sealer: Sealer;
  allowPrivateNetworks: readonly string[];
  publicUrl: string;
  now: () => Date;
  random: () => number;
  timeoutMs: number;
  /** Key of the acknowledge links' codes (crypto/ack-token.ts). */
  ackKey: Buffer;
}

/** Group robots have rate limits (and a lane of one); Standard Webhooks endpoints have none. */
export const isRateLimited = (kind: ChannelKind) => RATE_LIMITS[kind].length > 0;

/** Sends one claimed row (or holds it back for a robot's rate limit) and settles it. */
export async function deliverOne(ctx: DeliverContext, endpoint: EndpointRow, d: Claimed): Promise<Outcome> {
  if (isRateLimited(endpoint.kind)) {
    const at = ctx.now().getTime();
    const allowed = nextSendAllowedAt(endpoint.kind, await recentSends(ctx, endpoint, d.recipient_id, ctx.now()), at);
    if (allowed > at) {
      await defer(ctx, d, new Date(allowed));
      return 'deferred';
    }
  }
  const { verdict, status } = await send(ctx, endpoint, d);
  let outcome: Outcome;
  if (verdict.outcome === 'delivered') {
    await ctx.db
      .updateTable('deliveries')
      .set({ status: 'delivered', delivered_at: ctx.now(), last_status: status, last_error: null, locked_until: null })
      .where('id', '=', d.id)
      .execute();
    outcome = 'delivered';
  } else {
    outcome = await settleFailure(ctx, d, endpoint, verdict, status);
  }
  await recordAttempt(ctx, endpoint, d, outcome, 'error' in verdict ? verdict.error : null);
  return outcome;
}

/** Successful sends to this endpoint (SMS/voice: to this recipient) in its longest rate window. */
async function recentSends(
  ctx: DeliverContext,
  endpoint: EndpointRow,
  recipientId: number | null,
  at: Date,
): Promise<number[]> {
  const window = Math.max(...RATE_LIMITS[endpoint.kind].map((l) => l.perMs));
  let q = ctx.db
    .selectFrom('deliveries')
    .select('delivered_at')
    .where('endpoint_id', '=', endpoint.id)
    .where('delivered_at', '>', new Date(at.getTime() - window));
  if (recipientId !== null) q = q.where('recipient_id', '=', recipientId);
  const rows = await q.orderBy('delivered_at').execute();
  return rows.map((r) => r.delivered_at!.getTime());
}

async function send(
  ctx: DeliverContext,
  endpoint: EndpointRow,
  d: Claimed,
): Promise<{ verdict: DeliveryVerdict; status: number | null }> {
  const secret = endpoint.secret_sealed ? ctx.sealer.open(endpoint.secret_sealed) : null;
  const ev = d.event;
  const links = await ackLinkUrls(ctx, ev);
  // An SMS or a call speaks its recipient's language (read at sending: a change applies to what is still queued).
  const lang =
    d.recipient_id === null
      ? undefined
      : (await ctx.db.selectFrom('users').select('lang').where('id', '=', d.recipient_id).executeTakeFirst())?.lang;
  const recipient = ev.recipient
    ? {
        name: ev.recipient.name,
        mobile: ev.recipient.mobile,
        ackCode: links.codes.get(ev.recipient.linkId ?? -1) ?? null,
        ...(lang ? { lang } : {}),
      }
    : undefined;
  let spec: ReturnType<typeof buildRequest>;
  try {
    spec = buildRequest(
      {
        url: endpoint.url,
        kind: endpoint.kind,
        secret,
        settings: endpoint.settings ?? {},
        lang: endpoint.lang ?? 'zh',
        ...(ev.mentions ? { mentions: ev.mentions } : {}),
        ...(recipient ? { recipient } : {}),
        ...(links.chat.length > 0 ? { ackLinks: links.chat } : {}),
      },
      { id: ev.id, type: ev.type as EventType, timestamp: new Date(ev.timestamp), data: ev.data },
      ctx.now(),
      { consoleUrl: ctx.publicUrl, nonce: randomBytes(16).toString('hex') },
    );
  } catch (err) {
    // A channel missing a setting can never send this: dead letter, fixable and replayable.
    return { verdict: { outcome: 'fail', error: `not sendable: ${(err as Error).message}` }, status: null };
  }
  try {
    const res = await safeFetch(spec.url, {
      allow: ctx.allowPrivateNetworks,
      method: 'POST',
      headers: spec.headers,
      body: spec.body,
      timeoutMs: ctx.timeoutMs,
      maxBytes: 65_536,
      maxRedirects: 0,
    });
    return {
      verdict: judgeResponse(endpoint.kind, res.status, res.headers, Buffer.from(res.body).toString('utf8'), ctx.now()),
      status: res.status,
    };
  } catch (err) {
    // Fetch errors quote the URL: a robot's key must not reach last_error or the log.
    const message = maskUrlsInText((err as Error).message);
    if (err instanceof FetchRefused)
      return { verdict: { outcome: 'fail', error: `refused: ${message}` }, status: null };
    return { verdict: judgeTransportError(message), status: null };
  }
}

async function settleFailure(
  ctx: DeliverContext,
  d: Claimed,
  endpoint: EndpointRow,
  verdict: DeliveryVerdict,
  status: number | null,
): Promise<Outcome> {
  const at = ctx.now();
  const base = { locked_until: null, last_status: status };
  if (verdict.outcome === 'retry') {
    const wait = retryDelayMs(d.attempts, ctx.random);
    if (wait !== null) {
      const delay = Math.max(wait, verdict.retryAfterMs ?? 0);
      await ctx.db
        .updateTable('deliveries')
        .set({ ...base, status: 'pending', next_attempt_at: new Date(at.getTime() + delay), last_error: verdict.error })
        .where('id', '=', d.id)
        .execute();
      return 'retried';
    }
  }
  if (verdict.outcome === 'disable') {
    await ctx.db
      .updateTable('webhook_endpoints')
      .set({ enabled: false, disabled_reason: verdict.error })
      .where('id', '=', endpoint.id)
      .execute();
    ctx.log.warn({ endpoint: endpoint.id, error: verdict.error }, 'webhook endpoint disabled by its receiver');
  }
  const error = 'error' in verdict ? verdict.error : 'failed';
  await ctx.db
    .updateTable('deliveries')
    .set({ ...base, status: 'dead', last_error: error })
    .where('id', '=', d.id)
    .execute();
  ctx.log.warn({ delivery: d.id, endpoint: endpoint.id, attempts: d.attempts, error }, 'delivery dead-lettered');
  return 'dead';
}

/** Puts a claimed row back, uncounted, to be sent when the endpoint's rate limit allows. */
async function defer(ctx: DeliverContext, d: Claimed, until: Date): Promise<void> {
  await ctx.db
    .updateTable('deliveries')
    .set({ status: 'pending', attempts: d.attempts - 1, next_attempt_at: until, locked_until: null })
    .where('id', '=', d.id)
    .execute();
}

/** The SQL list of rate-limited channel kinds (they get a lane of one). */
export const RATE_LIMITED_KINDS = (Object.keys(RATE_LIMITS) as ChannelKind[]).filter(isRateLimited);
