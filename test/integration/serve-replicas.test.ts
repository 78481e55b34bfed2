import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, copyTemplateDataDir, type TestDb } from '../helpers/db.ts';
import { connectPglite } from '../../src/db/connect.ts';
import { runCli, startServe } from '../helpers/spawn.ts';

const EVERY_2S = JSON.stringify({ 'session-cleanup': '*/2 * * * * *' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const onServer = Boolean(inject('databaseUrl'));

let t: TestDb | undefined;
afterAll(async () => {
  await t?.close();
});

async function ticks(db: TestDb['db']) {
  const r = await sql<{ tick: Date; n: number; statuses: string[] }>`
    select tick, count(*)::int as n, array_agg(status) as statuses from job_runs
    where job = 'session-cleanup' group by tick order by tick`.execute(db);
  return r.rows;
}

async function twoReplicasOnPostgres() {
  t = await openTestDb();
  const env = { ...t.env, QIANSHAO_SCHEDULE_OVERRIDES: EVERY_2S };
  const [a, b] = await Promise.all([startServe(env), startServe(env)]);
  await sleep(9_000);
  const [codeA, codeB] = await Promise.all([a.stop(), b.stop()]);
  expect([codeA, codeB]).toEqual([0, 0]);
  const rows = await ticks(t.db);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  for (const row of rows) {
    expect(row.n).toBe(1);
    expect(row.statuses).toEqual(['succeeded']);
  }
  expect(a.stderr()).toContain('"msg":"stopped"');
}

async function oneProcessOnPglite() {
  const dataDir = copyTemplateDataDir();
  const env = { QIANSHAO_DATA_DIR: dataDir, QIANSHAO_SCHEDULE_OVERRIDES: EVERY_2S };
  const first = await startServe(env);
  const second = await runCli(['serve', '--port', '0'], env);
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(/in use by process \d+/);
  const cli = await runCli(['migrate', '--json'], env);
  expect(cli.code).toBe(1);
  expect(cli.stderr.trim().split('\n')).toHaveLength(1);
  const ready = await fetch(`http://127.0.0.1:${first.port}/readyz`);
  expect(ready.status).toBe(200);
  await sleep(5_000);
  expect(await first.stop()).toBe(0);
  const h = await connectPglite(dataDir);
  try {
    const rows = await ticks(h.db);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.n).toBe(1);
  } finally {
    await h.close();
  }
}

// The same promise, proven the way each backend allows: replicas on a
// server, and a clean refusal of a second process on the embedded database.
describe('several serve processes on one database', () => {
  if (onServer)
    it('on PostgreSQL: run each scheduled tick exactly once, and shut down cleanly', twoReplicasOnPostgres, 180_000);
  else
    it(
      'on PGlite: a second process fails fast with a clear message; the first keeps ticking once per tick',
      oneProcessOnPglite,
      180_000,
    );
});
