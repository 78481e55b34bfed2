// `npm run bench:console`: the console's alert queue (the home page `/`)
// with 100,000 alerts in the database (25,000 of them open) over 20,000
// firms, through the real server (createApp + @hono/node-server) with a
// logged-in inspector's session cookie. Measures the time to the full
// response at p50 / p95 / p99, one request at a time (server time: the
// client is on loopback) and with 8 in flight. Target p95 ≤ 100 ms.
//
// Pages measured: the queue as it opens, a page deep in the queue via the
// keyset cursor (page 101), a filtered queue, and every status ("all").
//
//   npm run bench:console                  PostgreSQL (DATABASE_URL or the local server) and PGlite
//   BENCH_CONSOLE_DB=pg|pglite npm run bench:console

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config/env.ts';
import { connectPglite, connectPostgres, type DbHandle } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createApp } from '../src/http/app.ts';
import { createUser } from '../src/users/users.ts';
import { login } from '../src/users/sessions.ts';
import { listAlertsPage } from '../src/alerts/alerts-read.ts';
import { scopeOf } from '../src/domain/jurisdiction.ts';
import { SYSTEM_ACTOR } from '../src/audit/audit.ts';
import { SESSION_COOKIE } from '../src/http/auth.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { writeResult } from './lib/results.ts';

const SECRET = 'bench-secret-key-0123456789abcdef0123456789';
const FIRMS = 20_000;
const ALERTS = 100_000;
const OPEN = 25_000;
const AT = new Date('2026-11-28T04:00:00Z');
const REQUESTS = Number(process.env.BENCH_CONSOLE_REQUESTS ?? 300);
const log = pino({ level: 'silent' });

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => Math.round(x * 10) / 10;
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

/** 20,000 firms (90 % in 示范区 over 12 streets), 100,000 alerts; the first 25,000 open (one per firm and rule). */
async function generate(h: DbHandle): Promise<void> {
  const db = h.db;
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into firms (name, name_norm, sector, role, district, street, extra, updated_at)
    select '基准企业' || g || '有限公司', '基准企业' || g || '有限公司',
           (array['food_delivery','ride_hailing','courier','instant_delivery','live_streaming','freight','other'])[1 + floor(random() * 7)::int],
           'agent', case when random() < 0.9 then '示范区' else '邻区' end, '街道' || (1 + floor(random() * 12)::int), '{}', now()
    from generate_series(1, ${FIRMS}) g`.execute(db);
  await sql`insert into alerts (firm_id, rule, category, level, status, title, fingerprint, score, evidence, raised_at, updated_at,
      ack_due_at, handle_due_at, overdue, closed_at)
    select f0 + (g % ${FIRMS}), rule, case when rule = 'major_opinion' then 'opinion' else 'labor' end, lvl, st,
           '【基准预警】基准企业' || (1 + g % ${FIRMS}) || '有限公司', rule || ':' || g, round((40 + random() * 60)::numeric, 1), '[]'::jsonb,
           raised, raised, raised + interval '30 minutes',
           case when random() < 0.7 then raised + (1 + floor(random() * 72)) * interval '1 hour' end,
           st in ('open','acknowledged','in_progress') and random() < 0.3,
           case when st in ('resolved','dismissed') then raised + interval '2 days' end
    from (select g, (select min(id) from firms) as f0,
                 (array['major_opinion','collective_wage_petition','overdue_wage_order','risk_level'])[1 + (g / ${FIRMS}) % 4] as rule,
                 (array['red','orange','orange','yellow','yellow','yellow','blue'])[1 + floor(random() * 7)::int] as lvl,
                 case when g <= ${OPEN} then (array['open','open','acknowledged','in_progress'])[1 + floor(random() * 4)::int]
                      else (array['resolved','resolved','dismissed'])[1 + floor(random() * 3)::int] end as st,
                 ${AT}::timestamptz - random() * interval '365 days' as raised
          from generate_series(1, ${ALERTS}) g) x`.execute(db);
  // As autovacuum would leave a table this size: statistics and a visibility map (index-only counts).
  await sql`vacuum analyze alerts`.execute(db);
  await sql`vacuum analyze firms`.execute(db);
}

async function load(base: string, path: string, cookie: string, n: number, concurrency: number) {
  const times: number[] = [];
  let bytes = 0;
  let i = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (i < n) {
      i++;
      const t = performance.now();
      const res = await fetch(base + path, { headers: { cookie } });
      const body = await res.text();
      times.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
      bytes = body.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = (performance.now() - t0) / 1000;
  return {
    requests: n,
    concurrency,
    p50: ms(percentile(times, 50)),
    p95: ms(percentile(times, 95)),
    p99: ms(percentile(times, 99)),
    rps: Math.round(n / wall),
    htmlChars: bytes,
  };
}

/** BENCH_CONSOLE_EXPLAIN=1: the plans of the queue's queries, to stderr. */
async function explain(h: DbHandle, principal: Parameters<typeof scopeOf>[0], deep: string | null) {
  const { countOpenByLevel } = await import('../src/alerts/alerts-read.ts');
  const plans: string[] = [];
  const capture = async (label: string, run: (db: typeof h.db) => Promise<unknown>) => {
    const queries: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    const spy = h.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => a.result });
    const orig = spy.getExecutor().executeQuery.bind(spy.getExecutor());
    (spy.getExecutor() as { executeQuery: typeof orig }).executeQuery = (q, ...rest) => {
      queries.push(q);
      return orig(q, ...rest);
    };
    await run(spy);
    for (const q of queries) {
      const r = await h.db.executeQuery({ ...q, sql: `explain (analyze, buffers) ${q.sql}` } as never);
      plans.push(
        `-- ${label}\n${(r.rows as Array<Record<string, string>>).map((x) => Object.values(x)[0]).join('\n')}`,
      );
    }
  };
  const scope = scopeOf(principal);
  await capture('queue', (db) => listAlertsPage(db, scope, { limit: 50 }, ''));
  await capture('deep', (db) => listAlertsPage(db, scope, { limit: 50, after: deep ?? undefined }, ''));
  await capture('counts', (db) => countOpenByLevel(db, scope));
  process.stderr.write(`${plans.join('\n\n')}\n`);
}

async function measure(kind: 'pg' | 'pglite') {
  let h: DbHandle;
  let drop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (kind === 'pg') {
    const made = await createDatabase(
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      'qianshao_bench_console',
    );
    drop = made.drop;
    h = await connectPostgres(made.url);
  } else {
    dir = mkdtempSync(join(tmpdir(), 'qianshao-bench-console-'));
    h = await connectPglite(dir);
  }
  const config = loadConfig({ QIANSHAO_SECRET_KEY: SECRET, LOG_LEVEL: 'silent' });
  try {
    await migrateToLatest(h.db);
    let t0 = performance.now();
    await generate(h);
    const generateSeconds = seconds(t0);
    const user = await createUser(
      h.db,
      SYSTEM_ACTOR,
      { name: 'bench_inspector', role: 'inspector', district: '示范区', streets: [], password: 'bench-password-123' },
      new Date(),
    );
    const session = await login(
      h.db,
      { name: user.name, password: 'bench-password-123', ip: null, userAgent: 'bench' },
      new Date(),
      config.login,
      config.sessionTtlMs,
    );
    const cookie = `${SESSION_COOKIE}=${session.sessionId}`;
    // A cursor 100 pages deep (page 101), walked in-process.
    let deep: string | null = null;
    for (let p = 0; p < 100; p++)
      deep = (
        await listAlertsPage(
          h.db,
          scopeOf(session.principal),
          { limit: 50, after: deep ?? undefined },
          config.publicUrl,
        )
      ).next;
    if (process.env.BENCH_CONSOLE_EXPLAIN) await explain(h, session.principal, deep);
    const app = createApp({ db: h.db, config, log, secretKey: SECRET });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pages: Record<string, string> = {
      queue: '/',
      deepCursor: `/?after=${deep}`,
      filtered: '/?level=yellow&sector=courier&source=labor',
      allStatuses: '/?status=all',
    };
    const out: Record<string, unknown> = {};
    t0 = performance.now();
    for (const [name, path] of Object.entries(pages)) {
      await load(base, path, cookie, 20, 1); // warm-up
      out[name] = {
        serial: await load(base, path, cookie, REQUESTS, 1),
        concurrent8: await load(base, path, cookie, REQUESTS, 8),
      };
      process.stderr.write(`${kind} ${name}: ${JSON.stringify(out[name])}\n`);
    }
    const counts = await sql<{
      n: string;
      open: string;
    }>`select count(*) as n, count(*) filter (where status in ('open','acknowledged','in_progress')) as open from alerts`.execute(
      h.db,
    );
    await new Promise<void>((r) => server.close(() => r()));
    return {
      db: kind,
      alerts: Number(counts.rows[0]!.n),
      openAlerts: Number(counts.rows[0]!.open),
      firms: FIRMS,
      generateSeconds,
      measureSeconds: seconds(t0),
      targetP95Ms: 100,
      pages: out,
    };
  } finally {
    await h.close();
    await drop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const which = process.env.BENCH_CONSOLE_DB;
const runs: unknown[] = [];
if (which !== 'pglite') runs.push(await measure('pg'));
if (which !== 'pg') runs.push(await measure('pglite'));
const os = await import('node:os');
writeResult(which ? `console-${which}` : 'console', {
  machine: { cpus: os.cpus().length, loadavg: os.loadavg() },
  requestsPerPoint: REQUESTS,
  runs,
});
process.exit(0);
