// `npm run bench:alerts`: alert delivery.
//
// 1. Latency: from the HTTP import of a triggering record (a collective
//    wage petition) to the signed webhook arriving at a local receiver,
//    through the real app and the live delivery loop; 200 alerts, one
//    import at a time; p50 / p99. Target p99 ≤ 2 s (the reference,
//    Alertmanager's default group_wait, is 30 s).
// 2. Throughput: 5,000 queued deliveries to a local receiver with 2
//    workers; target ≥ 500 deliveries/s. Baseline in the same process: the
//    same number of plain HTTP POSTs to the same receiver, no database.
//
//   npm run bench:alerts                 PostgreSQL (DATABASE_URL or the local server) and PGlite
//   BENCH_ALERTS_DB=pg|pglite npm run bench:alerts

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { loadConfig } from '../src/config/env.ts';
import { connectPglite, connectPostgres, type DbHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import { startDeliveryRunner } from '../src/delivery/runner.ts';
import { createDeliverySender } from '../src/delivery/worker.ts';
import { createUser } from '../src/users/users.ts';
import { createToken } from '../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../src/audit/audit.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { writeResult } from './lib/results.ts';

const SECRET = 'bench-secret-key-0123456789abcdef0123456789';
const ALERTS = 200;
const QUEUED = 5000;
const log = pino({ level: 'silent' });

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => Math.round(x * 10) / 10;

/** A receiver that resolves a waiter when a message about a given firm arrives. */
async function receiver() {
  const waiters = new Map<string, (t: number) => void>();
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count++;
      const t = performance.now();
      res.writeHead(204).end();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const name = body?.data?.alert?.firm?.name;
        if (name && waiters.has(name)) waiters.get(name)!(t);
      } catch {
        /* the throughput run sends small bodies */
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    count: () => count,
    waitFor: (firm: string) => new Promise<number>((resolve) => waiters.set(firm, resolve)),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function post(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(kind: 'pg' | 'pglite') {
  let h: DbHandle;
  let drop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  let databaseUrl: string | undefined;
  if (kind === 'pg') {
    const made = await createDatabase(
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      'qianshao_bench_alerts',
    );
    drop = made.drop;
    databaseUrl = made.url;
    h = await connectPostgres(made.url);
  } else {
    dir = mkdtempSync(join(tmpdir(), 'qianshao-bench-alerts-'));
    h = await connectPglite(dir);
  }
  const rx = await receiver();
  const config = loadConfig({
    QIANSHAO_SECRET_KEY: SECRET,
    QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8',
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  try {
    await migrateToLatest(h.db);
    await createUser(
      h.db,
      SYSTEM_ACTOR,
      { name: 'bench', role: 'admin', district: null, streets: [], password: 'bench-password-123' },
      new Date(),
    );
    const { token } = await createToken(h.db, SYSTEM_ACTOR, 'bench', new Date());
    const app = createApp({ db: h.db, config, log, secretKey: SECRET });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${token}` };
    const call = (path: string, type: string, body: string) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { ...headers, 'content-type': type }, body });

    const firms = Array.from({ length: ALERTS }, (_, i) => `基准配送${i + 1}号有限公司`);
    await call('/api/v1/imports/firms', 'text/csv', `name,district\n${firms.map((f) => `${f},示范区`).join('\n')}\n`);
    const reg = await call(
      '/api/v1/webhooks',
      'application/json',
      JSON.stringify({ url: `${rx.url}/hook`, kind: 'standard', events: ['alert.raised'] }),
    );
    if (reg.status !== 200) throw new Error(`webhook registration failed: ${await reg.text()}`);
    const runner = startDeliveryRunner(
      { db: h.db, log, secretKey: SECRET, allowPrivateNetworks: config.allowPrivateNetworks, publicUrl: base },
      { listenUrl: databaseUrl },
    );

    // 1. Latency, import → webhook.
    const latencies: number[] = [];
    for (let i = 0; i < ALERTS; i++) {
      const arrived = rx.waitFor(firms[i]!);
      const line = JSON.stringify({
        record_id: `P-${i}`,
        firm: firms[i],
        received: new Date().toISOString().slice(0, 10),
        category: 'wage_arrears',
        petitioners: 12,
      });
      const t0 = performance.now();
      const res = await call('/api/v1/imports/petitions', 'application/x-ndjson', `${line}\n`);
      if (res.status !== 200) throw new Error(`import failed: ${await res.text()}`);
      latencies.push((await arrived) - t0);
    }
    await runner.stop();
    server.close();

    // 2. Throughput: baseline of plain POSTs, then two workers on the outbox.
    const body = JSON.stringify({ type: 'alert.raised', timestamp: new Date().toISOString(), data: { n: 1 } });
    let t0 = performance.now();
    for (let i = 0; i < QUEUED; i += 32)
      await Promise.all(Array.from({ length: Math.min(32, QUEUED - i) }, () => post(`${rx.url}/plain`, body)));
    const baselinePerSec = QUEUED / ((performance.now() - t0) / 1000);

    const ep = (await h.db.selectFrom('webhook_endpoints').select('id').executeTakeFirstOrThrow()).id;
    for (let i = 0; i < QUEUED; i += 1000) {
      await h.db
        .insertInto('deliveries')
        .values(
          Array.from({ length: Math.min(1000, QUEUED - i) }, (_, j) => ({
            endpoint_id: ep,
            message_id: `msg_bench_${i + j}`,
            event_type: 'alert.raised',
            created_at: new Date(),
            next_attempt_at: new Date(),
            event: JSON.stringify({
              id: `msg_bench_${i + j}`,
              type: 'alert.raised',
              timestamp: new Date().toISOString(),
              data: { n: i + j },
            }),
          })),
        )
        .execute();
    }
    const workers = [0, 1].map(() =>
      createDeliverySender(
        { db: h.db, log, secretKey: SECRET, allowPrivateNetworks: config.allowPrivateNetworks, publicUrl: base },
        { batch: 100, concurrency: 32 },
      ),
    );
    const before = rx.count();
    t0 = performance.now();
    await Promise.all(
      workers.map(async (w) => {
        while ((await w.runOnce()).claimed > 0) {
          /* drain */
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const delivered = rx.count() - before;

    return {
      database: kind,
      latency: {
        alerts: latencies.length,
        p50Ms: ms(percentile(latencies, 50)),
        p90Ms: ms(percentile(latencies, 90)),
        p99Ms: ms(percentile(latencies, 99)),
        maxMs: ms(Math.max(...latencies)),
        targetP99Ms: 2000,
      },
      throughput: {
        deliveries: delivered,
        workers: 2,
        perSecond: Math.round(delivered / seconds),
        target: 500,
        baselinePlainPostsPerSecond: Math.round(baselinePerSec),
        ratioToBaseline: Math.round((delivered / seconds / baselinePerSec) * 100) / 100,
      },
    };
  } finally {
    await rx.close();
    await h.close();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const which = process.env.BENCH_ALERTS_DB;
const runs: unknown[] = [];
if (which !== 'pglite') runs.push(await measure('pg'));
if (which !== 'pg') runs.push(await measure('pglite'));
const os = await import('node:os');
writeResult(which ? `alerts-${which}` : 'alerts', { machine: { cpus: os.cpus().length, loadavg: os.loadavg() }, runs });
process.exit(0);
