import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type DbHandle } from '../../src/db/connect-postgres.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createUser } from '../../src/users/users.ts';
import { createToken } from '../../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { workerSchedule } from '../../jobs/worker-schedule.ts';
import { shanghaiCronToUtc } from '../../src/domain/cron-utc.ts';
import { adminUrl } from '../helpers/pg-admin.ts';

// The Worker for real: built by wrangler, served by workerd (`wrangler
// dev`), against this machine's PostgreSQL through a local Hyperdrive
// binding, as a deployment would reach it. No network is needed: wrangler's
// telemetry is off and its Request.cf lookup falls back to a placeholder.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `qianshao_worker_${process.pid}`;
const SECRET = 'worker-test-secret-key-0123456789abcdef';
const PASSWORD = 'correct-horse-battery';
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_LOG_SANITIZE: 'true',
  CLOUDFLARE_ACCOUNT_ID: '0'.repeat(32),
  NO_COLOR: '1',
};

let tmp: string;
let h: DbHandle;
let dev: ChildProcess | undefined;
let devLog = '';
let base = '';
let token = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

function wranglerCrons(): string[] {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  return [.../^crons\s*=\s*\[([^\]]*)\]/m.exec(toml)![1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

/** wrangler.toml as deployed, plus a local Hyperdrive binding to the test database (Hyperdrive wants a password; trust ignores it). */
function testConfig(): string {
  const url = new URL(adminUrl(SERVER, DB_NAME));
  if (!url.password) url.password = 'unused';
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8').replace(
    /^main = .*$/m,
    `main = "${join(ROOT, 'src/entry/worker.ts')}"`,
  );
  const path = join(tmp, 'wrangler.toml');
  writeFileSync(
    path,
    `${toml}\n[[hyperdrive]]\nbinding = "HYPERDRIVE"\nid = "${'0'.repeat(32)}"\nlocalConnectionString = "${url.href}"\n`,
  );
  return path;
}

async function waitReady(): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (/Ready on http/.test(devLog)) return;
    if (dev?.exitCode !== null) throw new Error(`wrangler dev exited:\n${devLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev not ready after 90 s:\n${devLog}`);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'qianshao-worker-'));
  const admin = await connectPostgres(adminUrl(SERVER), { max: 1 });
  await sql.raw(`drop database if exists ${DB_NAME} with (force)`).execute(admin.db);
  await sql.raw(`create database ${DB_NAME}`).execute(admin.db);
  await admin.close();
  h = await connectPostgres(adminUrl(SERVER, DB_NAME), { max: 2 });
  await migrateToLatest(h.db);
  await createUser(
    h.db,
    SYSTEM_ACTOR,
    { name: 'worker_admin', role: 'admin', district: null, streets: [], password: PASSWORD },
    new Date(),
  );
  token = (await createToken(h.db, SYSTEM_ACTOR, 'worker_admin', new Date())).token;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = spawn(
    WRANGLER,
    [
      'dev',
      '--config',
      testConfig(),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freePort()),
      '--var',
      `QIANSHAO_SECRET_KEY:${SECRET}`,
      '--var',
      `QIANSHAO_PUBLIC_URL:${base}`,
      '--log-level',
      'info',
    ],
    { cwd: tmp, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  dev.stdout!.on('data', (b) => (devLog += b));
  dev.stderr!.on('data', (b) => (devLog += b));
  await waitReady();
}, 180_000);

afterAll(async () => {
  if (dev?.pid && dev.exitCode === null) {
    const exited = new Promise((r) => dev!.once('exit', r));
    process.kill(-dev.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    try {
      process.kill(-dev.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await h?.close();
  const admin = await connectPostgres(adminUrl(SERVER), { max: 1 });
  await sql.raw(`drop database if exists ${DB_NAME} with (force)`).execute(admin.db);
  await admin.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${token}` });

describe('the Worker in workerd', () => {
  it('builds with wrangler --dry-run without the embedded database, the mailer or the pinned-DNS fetch', () => {
    const out = join(tmp, 'build');
    const r = spawnSync(WRANGLER, ['deploy', '--dry-run', '--outdir', out], {
      cwd: ROOT,
      env: ENV,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const js = readFileSync(join(out, 'worker.js'));
    const sources = (JSON.parse(readFileSync(join(out, 'worker.js.map'), 'utf8')) as { sources: string[] }).sources;
    for (const banned of [
      '@electric-sql/pglite',
      'src/db/pglite-setup.ts',
      'src/db/connect.ts',
      'nodemailer',
      'src/net/safe-fetch.ts',
      'jobs/feeds-poll.ts',
      'jobs/deliveries.ts',
      'jobs/digest.ts',
      'prom-client',
    ]) {
      expect(
        sources.filter((s) => s.includes(banned)),
        banned,
      ).toEqual([]);
    }
    const kib = (n: number) => Math.round(n / 1024);
    const size = {
      bytes: statSync(join(out, 'worker.js')).size,
      kib: kib(js.length),
      gzipKib: kib(gzipSync(js).length),
    };
    writeFileSync(
      join(ROOT, 'bench/results/worker-bundle.json'),
      `${JSON.stringify({ wrangler: '4.86.0', ...size, measuredAt: new Date().toISOString() }, null, 2)}\n`,
    );
    console.log(`worker bundle: ${size.kib} KiB, ${size.gzipKib} KiB gzip`);
    expect(size.gzipKib).toBeLessThan(1000);
  }, 150_000);

  it('answers /readyz from the database, request after request', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${base}/readyz`);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ status: 'ready', database: true, pendingMigrations: [] });
    }
  });

  it('logs in with a password and serves the session', async () => {
    const bad = await fetch(`${base}/login`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'worker_admin', password: 'wrong-password' }),
      redirect: 'manual',
    });
    expect(bad.status).toBe(401);
    const r = await fetch(`${base}/login`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'worker_admin', password: PASSWORD, next: '/' }),
      redirect: 'manual',
    });
    expect(r.status).toBe(303);
    const cookie = /qs_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeTruthy();
    const me = await fetch(`${base}/api/v1/me`, { headers: { cookie: cookie! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'worker_admin', role: 'admin' });
  });

  it('imports through the API and reads an alert', async () => {
    const firms = await fetch(`${base}/api/v1/imports/firms?source=firms.csv`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/csv' },
      body: readFileSync(join(ROOT, 'test/fixtures/imports/firms.csv')),
    });
    expect(firms.status, await firms.clone().text()).toBe(200);
    expect(((await firms.json()) as { accepted: number }).accepted).toBeGreaterThan(0);
    const rows = `${Array.from({ length: 4 }, (_, i) =>
      JSON.stringify({
        record_id: `W-${i}`,
        received: '2026-11-20',
        uscc: '91310115MA1FL0A199',
        category: 'wage_arrears',
        petitioners: 12,
        summary: '集体反映拖欠配送费',
        name: '张示例',
      }),
    ).join('\n')}\n`;
    const pet = await fetch(`${base}/api/v1/imports/petitions?source=worker.ndjson`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/x-ndjson' },
      body: rows,
    });
    expect(pet.status, await pet.clone().text()).toBe(200);
    expect(await pet.json()).toMatchObject({ kind: 'petitions', accepted: 4, rejected: [] });
    const stored = await h.db
      .selectFrom('petitions')
      .select(['record_id', 'name_sealed', 'name_masked'])
      .orderBy('record_id')
      .execute();
    expect(stored.map((p) => p.record_id)).toEqual(['W-0', 'W-1', 'W-2', 'W-3']);
    expect(stored[0]!.name_sealed).not.toContain('张示例');

    // An alert on a firm the import stored, read back through the API.
    const firm = await h.db
      .selectFrom('firms')
      .select('id')
      .where('uscc', '=', '91310115MA1FL0A199')
      .executeTakeFirstOrThrow();
    const now = new Date();
    const alert = await h.db
      .insertInto('alerts')
      .values({
        firm_id: firm.id,
        rule: 'worker_test',
        category: 'wage',
        level: 'red',
        title: 'Worker test alert',
        fingerprint: 'worker-test',
        score: 90,
        evidence: '[]',
        raised_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const one = await fetch(`${base}/api/v1/alerts/${alert.id}`, { headers: auth() });
    expect(one.status, await one.clone().text()).toBe(200);
    expect(await one.json()).toMatchObject({ id: alert.id, level: 'red', title: 'Worker test alert' });
    const list = await fetch(`${base}/api/v1/alerts`, { headers: auth() });
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain('Worker test alert');
  });

  it("fires each cron of wrangler.toml through /cdn-cgi/handler/scheduled; each job's tick is recorded once", async () => {
    const crons = wranglerCrons();
    expect(crons).toEqual([...new Set(workerSchedule.map((j) => shanghaiCronToUtc(j.cron)))]);
    const time = Date.UTC(2026, 11, 1, 4, 10); // a minute every trigger could fire at; the Worker runs what the cron names
    for (const cron of crons) {
      // Fired twice, as two deliveries of one event would be: the ledger keeps one run.
      for (let i = 0; i < 2; i++) {
        const r = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}&time=${time}`);
        expect(r.status, await r.clone().text()).toBe(200);
      }
    }
    const runs = await h.db
      .selectFrom('job_runs')
      .select(['job', 'status', 'runner', 'tick', 'error'])
      .where('tick', '=', new Date(time))
      .execute();
    const expected = workerSchedule.map((j) => j.name).sort();
    expect(runs.map((r) => r.job).sort()).toEqual(expected);
    for (const r of runs) expect(r, `${r.job}: ${r.error}`).toMatchObject({ status: 'succeeded', runner: 'worker' });
    expect(devLog).not.toMatch(/hung|exceededCpu|Uncaught/);
  }, 120_000);
});
