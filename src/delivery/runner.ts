// Runs the delivery sender in a loop inside `serve`: a pass whenever
// deliveries are committed (an in-process wake, or NOTIFY from another
// process on the same PostgreSQL), when the next retry falls due, and at
// least every few seconds as a safety net.

import type { Logger } from '../log/logger.ts';
import { DELIVERY_CHANNEL, onDeliveryWake } from '../alerts/wake.ts';
import { createDeliverySender, type WorkerDeps, type WorkerOptions } from './worker.ts';

export interface DeliveryRunner {
  /** Resolves when the loop has stopped (the pass in flight finishes first). */
  stop(): Promise<void>;
}

export interface RunnerOptions extends WorkerOptions {
  /** Longest sleep between passes. */
  pollMs?: number;
  /** PostgreSQL URL to LISTEN on (other replicas' deliveries); unset on the embedded database. */
  listenUrl?: string | undefined;
}

export function startDeliveryRunner(deps: WorkerDeps & { log: Logger }, opts: RunnerOptions = {}): DeliveryRunner {
  const sender = createDeliverySender(deps, opts);
  const pollMs = opts.pollMs ?? 5_000;
  let running = true;
  let wake: (() => void) | null = null;
  let pending = false;
  const kick = () => {
    pending = true;
    wake?.();
  };
  const offLocal = onDeliveryWake(kick);
  let listener: { end(): Promise<void> } | undefined;
  if (opts.listenUrl) {
    void (async () => {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: opts.listenUrl });
      client.on('error', (err) => deps.log.warn({ err }, 'delivery LISTEN connection failed; polling only'));
      client.on('notification', kick);
      await client.connect();
      await client.query(`listen ${DELIVERY_CHANNEL}`);
      listener = client;
      if (!running) await client.end();
    })().catch((err) => deps.log.warn({ err }, 'delivery LISTEN unavailable; polling only'));
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    if (pending || !running) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      wake = null;
      resolve();
    }
    wake = done;
  });

  const loop = (async () => {
    while (running) {
      pending = false;
      try {
        const r = await sender.runOnce();
        if (r.claimed > 0) deps.log.debug(r, 'delivery pass');
        if (r.claimed === (opts.batch ?? 100)) continue;
        const due = await sender.nextDueAt();
        const now = (deps.clock ?? (() => new Date()))().getTime();
        await sleep(due === null ? pollMs : Math.min(pollMs, due.getTime() - now));
      } catch (err) {
        deps.log.error({ err }, 'delivery pass failed');
        await sleep(pollMs);
      }
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      offLocal();
      await loop;
      await listener?.end().catch(() => {});
    },
  };
}
