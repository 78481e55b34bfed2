// The delivery worker: sends what the outbox holds, at least once.
//
// A pass claims due rows with FOR UPDATE SKIP LOCKED (so workers on one
// database never take the same attempt), marks them `sending` with a lease,
// and commits before any network I/O. Each row then ends `delivered`,
// `pending` again (a retry at the time the schedule says, never earlier
// than a Retry-After), or `dead` (dead letter, replayable). A worker that
// dies mid-batch leaves rows whose lease runs out; the next pass takes them
// again with the same message id, so a receiver sees at worst a duplicate
// with the same webhook-id. Group robots' rate limits are kept by holding
// rows back (never dropping them).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { createSealer, type Sealer } from '../crypto/sealer.ts';
import { FetchRefused, safeFetch } from '../net/safe-fetch.ts';
import { maskUrlsInText } from '../domain/url-secrets.ts';
import {
  buildRequest, type ChannelKind, type DeliveryVerdict, type EventType, judgeResponse, judgeTransportError, nextSendAllowedAt,
  RATE_LIMITS, retryDelayMs,
} from './channels/index.ts';
import type { StoredEvent } from '../alerts/outbox.ts';

export const ENDPOINT_SECRET_PURPOSE = 'qianshao/endpoint-secret/v1';

export interface WorkerDeps {
  db: Db;
  log: Logger;
  secretKey: string;
  allowPrivateNetworks: readonly string[];
  publicUrl: string;
  clock?: () => Date;
  random?: () => number;
}

export interface WorkerOptions {
  /** Rows claimed per pass. */
  batch?: number;
  /** Requests in flight at once (each endpoint is still sent to in order). */
  concurrency?: number;
  /** How long a claimed row is ours before another worker may take it. */
  leaseMs?: number;
  timeoutMs?: number;
}

interface Claimed {
  id: number;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  event: StoredEvent;
  attempts: number;
}

interface EndpointRow {
  id: number;
  url: string;
  kind: ChannelKind;
  secret_sealed: string | null;
}

export interface PassResult {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
  deferred: number;
}

export function endpointSealer(secretKey: string): Sealer {
  return createSealer(secretKey, ENDPOINT_SECRET_PURPOSE);
}

export function createDeliverySender(deps: WorkerDeps, opts: WorkerOptions = {}) {
  const batch = opts.batch ?? 100;
  const concurrency = opts.concurrency ?? 16;
  const leaseMs = opts.leaseMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const now = deps.clock ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const sealer = endpointSealer(deps.secretKey);

  async function claim(at: Date): Promise<Claimed[]> {
    const r = await sql<Claimed>`
      with due as (
        select d.id from deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where e.enabled and ((d.status = 'pending' and d.next_attempt_at <= ${at})
                             or (d.status = 'sending' and d.locked_until < ${at}))
        order by d.next_attempt_at, d.id
        limit ${batch}
        for update of d skip locked
      )
      update deliveries d set status = 'sending', attempts = d.attempts + 1, last_attempt_at = ${at},
             locked_until = ${new Date(at.getTime() + leaseMs)}
      from due where d.id = due.id
      returning d.id, d.endpoint_id, d.message_id, d.event_type, d.event, d.attempts`.execute(deps.db);
    return r.rows.map((x) => ({ ...x, event: typeof x.event === 'string' ? JSON.parse(x.event) : x.event }));
  }

  /** Successful sends to this endpoint in its longest rate window. */
  async function recentSends(endpoint: EndpointRow, at: Date): Promise<number[]> {
    const limits = RATE_LIMITS[endpoint.kind];
    if (limits.length === 0) return [];
    const window = Math.max(...limits.map((l) => l.perMs));
    const rows = await deps.db.selectFrom('deliveries').select('delivered_at').where('endpoint_id', '=', endpoint.id)
      .where('delivered_at', '>', new Date(at.getTime() - window)).orderBy('delivered_at').execute();
    return rows.map((r) => r.delivered_at!.getTime());
  }

  async function send(endpoint: EndpointRow, d: Claimed): Promise<{ verdict: DeliveryVerdict; status: number | null }> {
    const secret = endpoint.secret_sealed ? sealer.open(endpoint.secret_sealed) : null;
    const ev = d.event;
    const spec = buildRequest(
      { url: endpoint.url, kind: endpoint.kind, secret, ...(ev.mentions ? { mentions: ev.mentions } : {}) },
      { id: ev.id, type: ev.type as EventType, timestamp: new Date(ev.timestamp), data: ev.data },
      now(), { consoleUrl: deps.publicUrl },
    );
    try {
      const res = await safeFetch(spec.url, {
        allow: deps.allowPrivateNetworks, method: 'POST', headers: spec.headers, body: spec.body, timeoutMs, maxBytes: 65_536, maxRedirects: 0,
      });
      return { verdict: judgeResponse(endpoint.kind, res.status, res.headers, Buffer.from(res.body).toString('utf8'), now()), status: res.status };
    } catch (err) {
      // Fetch errors quote the URL: a robot's key must not reach last_error or the log.
      const message = maskUrlsInText((err as Error).message);
      if (err instanceof FetchRefused) return { verdict: { outcome: 'fail', error: `refused: ${message}` }, status: null };
      return { verdict: judgeTransportError(message), status: null };
    }
  }

  /** Marks delivered rows in one statement (most rows of a pass end here). */
  async function settleDelivered(done: Array<{ id: number; at: Date; status: number | null }>): Promise<void> {
    if (done.length === 0) return;
    await sql`update deliveries d set status = 'delivered', delivered_at = u.at, last_status = u.status, last_error = null, locked_until = null
      from unnest(${done.map((x) => x.id)}::bigint[], ${done.map((x) => x.at.toISOString())}::timestamptz[], ${done.map((x) => x.status)}::int[])
        as u(id, at, status)
      where d.id = u.id`.execute(deps.db);
  }

  async function settle(d: Claimed, endpoint: EndpointRow, verdict: DeliveryVerdict, status: number | null): Promise<keyof PassResult> {
    const at = now();
    const base = { locked_until: null, last_status: status };
    if (verdict.outcome === 'retry') {
      const wait = retryDelayMs(d.attempts, random);
      if (wait !== null) {
        const delay = Math.max(wait, verdict.retryAfterMs ?? 0);
        await deps.db.updateTable('deliveries').set({ ...base, status: 'pending', next_attempt_at: new Date(at.getTime() + delay), last_error: verdict.error })
          .where('id', '=', d.id).execute();
        return 'retried';
      }
    }
    if (verdict.outcome === 'disable') {
      await deps.db.updateTable('webhook_endpoints').set({ enabled: false, disabled_reason: verdict.error }).where('id', '=', endpoint.id).execute();
      deps.log.warn({ endpoint: endpoint.id, error: verdict.error }, 'webhook endpoint disabled by its receiver');
    }
    const error = 'error' in verdict ? verdict.error : 'failed';
    await deps.db.updateTable('deliveries').set({ ...base, status: 'dead', last_error: error }).where('id', '=', d.id).execute();
    deps.log.warn({ delivery: d.id, endpoint: endpoint.id, attempts: d.attempts, error }, 'delivery dead-lettered');
    return 'dead';
  }

  /** Puts a claimed row back, uncounted, to be sent when the endpoint's rate limit allows. */
  async function defer(d: Claimed, until: Date): Promise<void> {
    await deps.db.updateTable('deliveries').set({ status: 'pending', attempts: d.attempts - 1, next_attempt_at: until, locked_until: null })
      .where('id', '=', d.id).execute();
  }

  type Done = Array<{ id: number; at: Date; status: number | null }>;

  /** Rows for one endpoint, in order; rate-limited channels hold back what the limit does not allow yet. */
  async function sendQueue(endpoint: EndpointRow, rows: Claimed[], result: PassResult, done: Done): Promise<void> {
    const limited = RATE_LIMITS[endpoint.kind].length > 0;
    const sends = limited ? await recentSends(endpoint, now()) : [];
    for (const d of rows) {
      const at = now().getTime();
      const allowed = limited ? nextSendAllowedAt(endpoint.kind, sends, at) : at;
      if (allowed > at) {
        await defer(d, new Date(allowed));
        result.deferred++;
        continue;
      }
      const { verdict, status } = await send(endpoint, d);
      if (verdict.outcome === 'delivered') {
        done.push({ id: d.id, at: now(), status });
        result.delivered++;
        sends.push(now().getTime());
      } else {
        result[await settle(d, endpoint, verdict, status)]++;
      }
    }
  }

  /** One pass: claim what is due, send it, settle every row. */
  async function runOnce(): Promise<PassResult> {
    const result: PassResult = { claimed: 0, delivered: 0, retried: 0, dead: 0, deferred: 0 };
    const claimed = await claim(now());
    result.claimed = claimed.length;
    if (claimed.length === 0) return result;
    const ids = [...new Set(claimed.map((d) => d.endpoint_id))];
    const endpoints = await deps.db.selectFrom('webhook_endpoints').select(['id', 'url', 'url_sealed', 'kind', 'secret_sealed'])
      .where('id', 'in', ids).execute();
    // `url` is the masked display form; the real one is sealed (rows from
    // before the sealing still hold it in `url` until they are sealed).
    const byId = new Map(endpoints.map(({ url_sealed, ...e }) => [e.id, { ...e, url: url_sealed ? sealer.open(url_sealed) : e.url }]));
    // Group robots get one queue per endpoint (their rate limits, and a chat
    // reads best in order); Standard Webhooks rows go out in parallel.
    const queues: Array<{ endpoint: EndpointRow; rows: Claimed[] }> = [];
    for (const id of ids) {
      const endpoint = byId.get(id)!;
      const rows = claimed.filter((d) => d.endpoint_id === id);
      if (RATE_LIMITS[endpoint.kind].length > 0) queues.push({ endpoint, rows });
      else for (const d of rows) queues.push({ endpoint, rows: [d] });
    }
    const done: Done = [];
    let next = 0;
    const lane = async () => {
      while (next < queues.length) {
        const q = queues[next++]!;
        await sendQueue(q.endpoint, q.rows, result, done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, lane));
    await settleDelivered(done);
    return result;
  }

  /** When the next row falls due (pending or with a lapsing lease), if any. */
  async function nextDueAt(): Promise<Date | null> {
    const r = await sql<{ at: Date | null }>`
      select min(case when status = 'pending' then next_attempt_at else locked_until end) as at
      from deliveries d join webhook_endpoints e on e.id = d.endpoint_id
      where e.enabled and d.status in ('pending', 'sending')`.execute(deps.db);
    return r.rows[0]?.at ?? null;
  }

  return { runOnce, nextDueAt };
}

export type DeliverySender = ReturnType<typeof createDeliverySender>;
