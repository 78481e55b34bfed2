// The delivery worker: sends what the outbox holds, at least once.
//
// Rows are claimed with FOR UPDATE SKIP LOCKED (so workers on one database
// never take the same attempt), marked `sending` with a lease, and
// committed before any network I/O. Only as many rows are claimed as can
// be sent at once, per endpoint (a lane) and in all, so every claimed row's
// request starts at once: the lease covers one request (twice the request
// timeout) and never lapses while its request is in flight. Each row is
// settled the moment its answer arrives: `delivered`, `pending` again (a
// retry at the time the schedule says, never earlier than a Retry-After),
// or `dead` (dead letter, replayable). A slow or hanging endpoint fills
// only its own lane; the others go on. A worker that dies leaves rows
// whose lease runs out; another takes them again with the same message id,
// so a receiver sees at worst a duplicate with the same webhook-id. Group
// robots get a lane of one (their rate limits, and a chat reads best in
// order); their limits are kept by holding rows back, never dropping them.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { ackLinkKey } from '../crypto/ack-token.ts';
import {
  type Claimed,
  type DeliverContext,
  deliverOne,
  type EndpointRow,
  isRateLimited,
  type Outcome,
  RATE_LIMITED_KINDS,
} from './deliver-one.ts';

import { endpointSealer } from './endpoint-sealer.ts';

export { ENDPOINT_SECRET_PURPOSE, endpointSealer } from './endpoint-sealer.ts';

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
  /** Rows one runOnce() claims at most. */
  batch?: number;
  /** Requests in flight at once, all endpoints together. */
  concurrency?: number;
  /** Requests in flight to one Standard Webhooks endpoint (a group robot gets one, in order). */
  endpointConcurrency?: number;
  /** How long a claimed row is ours before another worker may take it again (after a crash). */
  leaseMs?: number;
  /** Request timeout; at most half the lease, so a lease never lapses while its request is in flight. */
  timeoutMs?: number;
}

export interface PassResult {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
  deferred: number;
}

export function createDeliverySender(deps: WorkerDeps, opts: WorkerOptions = {}) {
  const batch = opts.batch ?? 100;
  const concurrency = opts.concurrency ?? 32;
  const perEndpoint = opts.endpointConcurrency ?? 8;
  const leaseMs = opts.leaseMs ?? 30_000;
  const now = deps.clock ?? (() => new Date());
  const ctx: DeliverContext = {
    db: deps.db,
    log: deps.log,
    sealer: endpointSealer(deps.secretKey),
    allowPrivateNetworks: deps.allowPrivateNetworks,
    publicUrl: deps.publicUrl,
    now,
    random: deps.random ?? Math.random,
    ackKey: ackLinkKey(deps.secretKey),
    timeoutMs: Math.max(1, Math.min(opts.timeoutMs ?? 15_000, Math.floor(leaseMs / 2))),
  };
  /** Requests in flight per endpoint (its lane), and in all. */
  const lanes = new Map<number, { n: number; limit: number }>();
  let inFlight = 0;
  const running = new Set<Promise<unknown>>();
  const listeners = new Set<() => void>();

  /** Claims due rows, at most `free` and no more per endpoint than its lane has room for. */
  async function claim(at: Date, free: number): Promise<Claimed[]> {
    const busy = [...lanes].filter(([, l]) => l.n > 0);
    const r = await sql<Claimed>`
      with busy(endpoint_id, n) as (select * from unnest(${busy.map(([id]) => id)}::bigint[], ${busy.map(([, l]) => l.n)}::int[])),
      due as (
        select d.id, d.next_attempt_at from webhook_endpoints e
        left join busy b on b.endpoint_id = e.id
        cross join lateral (
          select d.id, d.next_attempt_at from deliveries d
          where d.endpoint_id = e.id and ((d.status = 'pending' and d.next_attempt_at <= ${at})
                                          or (d.status = 'sending' and d.locked_until < ${at}))
          order by d.next_attempt_at, d.id
          limit greatest(0, (case when e.kind = any(${RATE_LIMITED_KINDS}::text[]) then 1 else ${perEndpoint}::int end) - coalesce(b.n, 0))
          for update of d skip locked
        ) d
        where e.enabled
        order by d.next_attempt_at, d.id
        limit ${free}
      )
      update deliveries d set status = 'sending', attempts = d.attempts + 1, last_attempt_at = ${at},
             locked_until = ${new Date(at.getTime() + leaseMs)}
      from due where d.id = due.id
      returning d.id, d.endpoint_id, d.message_id, d.event_type, d.event, d.attempts, d.alert_id, d.recipient_id`.execute(
      deps.db,
    );
    return r.rows.map((x) => ({ ...x, event: typeof x.event === 'string' ? JSON.parse(x.event) : x.event }));
  }

  /** One row's request in its lane; resolves to its outcome (null: it could not be settled, its lease will lapse). */
  function start(endpoint: EndpointRow, d: Claimed): Promise<Outcome | null> {
    const lane = lanes.get(endpoint.id) ?? { n: 0, limit: isRateLimited(endpoint.kind) ? 1 : perEndpoint };
    lanes.set(endpoint.id, lane);
    lane.n++;
    inFlight++;
    const p = deliverOne(ctx, endpoint, d)
      .catch((err) => {
        deps.log.error({ err, delivery: d.id }, 'delivery could not be settled; it is retried when its lease ends');
        return null;
      })
      .finally(() => {
        lane.n--;
        if (lane.n === 0) lanes.delete(endpoint.id);
        inFlight--;
        running.delete(p);
        for (const l of listeners) l();
      });
    running.add(p);
    return p;
  }

  /** Claims what is due and can start now, starts it, and returns without waiting for the answers. */
  async function fill(limit = Number.POSITIVE_INFINITY): Promise<Array<Promise<Outcome | null>>> {
    const free = Math.min(concurrency - inFlight, limit);
    if (free <= 0) return [];
    const claimed = await claim(now(), free);
    if (claimed.length === 0) return [];
    const ids = [...new Set(claimed.map((d) => d.endpoint_id))];
    const endpoints = await deps.db
      .selectFrom('webhook_endpoints')
      .select(['id', 'url', 'url_sealed', 'kind', 'secret_sealed', 'settings', 'label', 'lang'])
      .where('id', 'in', ids)
      .execute();
    // `url` is the masked display form; the real one is sealed (rows from
    // before the sealing still hold it in `url` until they are sealed).
    const byId = new Map(
      endpoints.map(({ url_sealed, ...e }) => [
        e.id,
        { ...e, url: url_sealed ? ctx.sealer.open(url_sealed) : e.url } as EndpointRow,
      ]),
    );
    return claimed.map((d) => start(byId.get(d.endpoint_id)!, d));
  }

  /**
   * One pass (jobs, tests): claims up to `batch` rows as lanes free up,
   * and resolves once every one of them is settled.
   */
  async function runOnce(): Promise<PassResult> {
    const result: PassResult = { claimed: 0, delivered: 0, retried: 0, dead: 0, deferred: 0 };
    const mine = new Set<Promise<Outcome | null>>();
    const outcomes: Array<Outcome | null> = [];
    let idle = 0;
    while (result.claimed < batch) {
      const started = await fill(batch - result.claimed);
      for (const p of started) {
        mine.add(p);
        void p.then((o) => {
          outcomes.push(o);
          mine.delete(p);
        });
      }
      result.claimed += started.length;
      if (started.length > 0) {
        idle = 0;
        continue;
      }
      if (mine.size === 0) {
        // Claims skip rows another statement holds at that instant (SKIP
        // LOCKED), so an empty claim while rows are due may be a passing
        // collision, not an empty queue: look again, a few times, before
        // ending the pass (seen with one worker on PostgreSQL: a claim right
        // after a row was settled found nothing, one 10 ms later found it).
        if (idle++ < 3 && (await anyDue(now()))) {
          await new Promise((r) => setTimeout(r, 10 * idle));
          continue;
        }
        break;
      }
      await Promise.race(mine);
      await Promise.resolve(); // lets the settled row leave `mine`
    }
    await Promise.all(mine);
    await Promise.resolve();
    for (const o of outcomes) if (o) result[o]++;
    return result;
  }

  /** Whether any row of an enabled endpoint is due now (pending, or a lapsed lease). */
  async function anyDue(at: Date): Promise<boolean> {
    const r = await sql<{ due: boolean }>`
      select exists (select 1 from deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where e.enabled and ((d.status = 'pending' and d.next_attempt_at <= ${at}) or (d.status = 'sending' and d.locked_until < ${at}))) as due`.execute(
      deps.db,
    );
    return r.rows[0]?.due === true;
  }

  /** When the next row this worker could start falls due (pending, or a lapsing lease), if any. */
  async function nextDueAt(): Promise<Date | null> {
    const full = [...lanes].filter(([, l]) => l.n >= l.limit).map(([id]) => id);
    const r = await sql<{ at: Date | null }>`
      select min(case when status = 'pending' then next_attempt_at else locked_until end) as at
      from deliveries d join webhook_endpoints e on e.id = d.endpoint_id
      where e.enabled and d.status in ('pending', 'sending') and not (d.endpoint_id = any(${full}::bigint[]))`.execute(
      deps.db,
    );
    return r.rows[0]?.at ?? null;
  }

  return {
    runOnce,
    fill,
    nextDueAt,
    /** Room for another request (in all). */
    hasRoom: () => inFlight < concurrency,
    inFlight: () => inFlight,
    /** Called whenever a request ends (a lane has room again). */
    onSettled(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Resolves when every request in flight is settled. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type DeliverySender = ReturnType<typeof createDeliverySender>;
