// A LISTEN connection that comes back: after a database restart (or any
// error on the connection) it reconnects with backoff, and wakes the
// caller once it is listening again, since notifications sent while it
// was away are lost. Meanwhile `listening()` is false, so readiness can
// report the replica degraded (it sees other replicas' work only by polling).

import type { Logger } from '../log/logger.ts';

export interface Listener {
  listening(): boolean;
  stop(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  channel: string;
  log: Logger;
  onNotify: () => void;
  /** First and longest wait between reconnection attempts. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export function startListener(opts: ListenOptions): Listener {
  const min = opts.minBackoffMs ?? 250;
  const max = opts.maxBackoffMs ?? 10_000;
  let stopped = false;
  let connected = false;
  let backoff = min;
  let timer: NodeJS.Timeout | undefined;
  let client: { end(): Promise<void> } | undefined;

  const retry = () => {
    if (stopped || timer) return;
    // ±20 %, so replicas cut off together do not reconnect as a herd.
    const wait = Math.round(backoff * (0.8 + Math.random() * 0.4));
    backoff = Math.min(backoff * 2, max);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, wait);
  };

  async function connect(): Promise<void> {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: opts.url });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (connected) opts.log.warn({ err }, 'delivery LISTEN connection lost; polling until it is back');
      connected = false;
      client = undefined;
      void c.end().catch(() => {});
      retry();
    };
    c.on('error', onLost);
    c.on('end', () => onLost());
    c.on('notification', opts.onNotify);
    try {
      await c.connect();
      await c.query(`listen ${opts.channel}`);
    } catch (err) {
      onLost(err as Error);
      return;
    }
    if (stopped || lost) {
      void c.end().catch(() => {});
      return;
    }
    client = c;
    connected = true;
    if (backoff > min) opts.log.info('delivery LISTEN re-established');
    backoff = min;
    opts.onNotify(); // whatever was notified while away
  }

  void connect();
  return {
    listening: () => connected,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      connected = false;
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
