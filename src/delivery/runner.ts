// Runs the delivery sender in a loop inside `serve`. It claims whatever is
// due and can start now (see worker.ts: lanes per endpoint), and runs again
// whenever deliveries are committed (an in-process wake, or NOTIFY from
// another process on the same PostgreSQL), when a request ends and frees
// its lane, when the next retry falls due, and at least every few seconds
// as a safety net. It never waits for a slow request to claim the next row.

import type { Logger } from '../log/logger.ts';
import { DELIVERY_CHANNEL, onDeliveryWake } from './wake.ts';
import { createDeliverySender, type WorkerDeps, type WorkerOptions } from './worker.ts';
import { type Listener, startListener } from './listen.ts';

export interface DeliveryRunner {
  /** False while the LISTEN connection is down (then other replicas' deliveries are seen on the poll); null without one. */
  listening(): boolean | null;
  /** Resolves when the loop has stopped and the requests in flight are settled. */
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
  const clock = deps.clock ?? (() => new Date());
  let running = true;
  let wake: (() => void) | null = null;
  let pending = false;
  const kick = () => {
    pending = true;
    wake?.();
  };
  const offLocal = onDeliveryWake(kick);
  const offSettled = sender.onSettled(kick);
  const listener: Listener | undefined = opts.listenUrl
    ? startListener({ url: opts.listenUrl, channel: DELIVERY_CHANNEL, log: deps.log, onNotify: kick })
    : undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
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
        const started = await sender.fill();
        if (started.length > 0 && sender.hasRoom()) continue;
        if (!sender.hasRoom()) {
          await sleep(pollMs); // a request ending kicks
          continue;
        }
        const due = await sender.nextDueAt();
        // A row due but not claimable right now (another worker holds it) must not spin the loop.
        const wait =
          due === null
            ? pollMs
            : Math.max(started.length === 0 ? 50 : 0, Math.min(pollMs, due.getTime() - clock().getTime()));
        await sleep(wait);
      } catch (err) {
        deps.log.error({ err }, 'delivery pass failed');
        await sleep(pollMs);
      }
    }
  })();

  return {
    listening: () => (listener ? listener.listening() : null),
    async stop() {
      running = false;
      wake?.();
      offLocal();
      offSettled();
      await loop;
      await sender.idle();
      await listener?.stop();
    },
  };
}
