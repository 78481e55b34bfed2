import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/connect.ts';
import { openChildDb, type TestDb, withChildDb } from '../helpers/db.ts';
import { BASE_ENV, runCli, startServe } from '../helpers/spawn.ts';

// An import killed with SIGKILL after its first batches committed, then run
// again (issue 20 items 5 and 6): the re-run counts the stored rows as
// duplicates yet still rescores their firms (they were left pending), so
// every firm with an overdue pay order has its alert; the killed import is
// marked failed with the reason rather than left `running`.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIRMS = 120;
const ROWS_PER_FIRM = 100;
let t: TestDb | undefined;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'qianshao-kill-'));
const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
const name = (set: string, i: number) => `断点测试${set}配送${String(i).padStart(4, '0')}有限公司`;

/** Firms of one set, and their inspections sorted by firm: the first batches hold the first firms' rows only. */
function writeFiles(set: string) {
  const firms = `${['单位名称,区', ...Array.from({ length: FIRMS }, (_, i) => `${name(set, i)},示范区`)].join('\n')}\n`;
  writeFileSync(join(dir, `firms-${set}.csv`), firms);
  const lines = ['record_id,firm,date,kind,violations,workers,amount,order,due,status'];
  for (let i = 0; i < FIRMS; i++) {
    lines.push(`${set}-${i}-0,${name(set, i)},${day(60)},complaint,wage_arrears,12,8万,pay,${day(30)},overdue`);
    for (let j = 1; j < ROWS_PER_FIRM; j++)
      lines.push(`${set}-${i}-${j},${name(set, i)},${day(90 + (j % 30))},routine,,,,none,,closed`);
  }
  writeFileSync(join(dir, `inspections-${set}.csv`), `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  ({ db: t, env } = await openChildDb());
  for (const set of ['A', 'B']) {
    writeFiles(set);
    const r = await runCli(['import', 'firms', join(dir, `firms-${set}.csv`), '--json'], env);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Starts the import and kills it with SIGKILL once its first batch has committed. */
function importKilledMidway(set: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/entry/cli.ts', 'import', 'inspections', join(dir, `inspections-${set}.csv`)],
      {
        cwd: ROOT,
        env: { ...BASE_ENV, ...env, LOG_LEVEL: 'debug' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    let killed = false;
    child.stderr!.on('data', (b) => {
      err += b;
      if (!killed && err.includes('"msg":"import batch committed"')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve(err)
        : reject(new Error(`import ended (${code}) before it was killed: ${err.slice(-400)}`)),
    );
  });
}

/** The database, opened only while no child holds it (the embedded one is single-process). */
const withDb = <T>(fn: (db: Db) => Promise<T>): Promise<T> => withChildDb(t, env, fn);

describe('an import killed midway, then run again', () => {
  it('the re-run rescores what the killed run stored: every overdue pay order has its alert; the killed run is marked failed', async () => {
    await importKilledMidway('A');
    const stored = await withDb(async (db) => (await db.selectFrom('inspections').select('id').execute()).length);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(FIRMS * ROWS_PER_FIRM);

    const again = await runCli(['import', 'inspections', join(dir, 'inspections-A.csv'), '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as { accepted: number; duplicates: number };
    expect(summary.duplicates).toBe(stored);
    expect(summary.accepted + summary.duplicates).toBe(FIRMS * ROWS_PER_FIRM);

    await withDb(async (db) => {
      const alerted = await db
        .selectFrom('alerts')
        .innerJoin('firms', 'firms.id', 'alerts.firm_id')
        .select('firms.name')
        .where('alerts.rule', '=', 'overdue_wage_order')
        .where('alerts.status', '=', 'open')
        .execute();
      const missing = Array.from({ length: FIRMS }, (_, i) => name('A', i)).filter(
        (n) => !alerted.some((a) => a.name === n),
      );
      expect(missing).toEqual([]);
      expect(await db.selectFrom('rescore_pending').select('firm_id').execute()).toEqual([]);
      const runs = await db
        .selectFrom('imports')
        .select(['status', 'error'])
        .where('source', '=', 'inspections-A.csv')
        .orderBy('id')
        .execute();
      expect(runs).toHaveLength(2);
      expect(runs[0]!.status).toBe('failed');
      expect(runs[0]!.error).toMatch(/process that ran it \(.+:\d+\) is gone/);
      expect(runs[1]).toMatchObject({ status: 'done', error: null });
    });
  }, 180_000);

  it('killed midway, then the server starts: start-up scores what was stored and raises its alerts; the import shows failed', async () => {
    await importKilledMidway('B');
    const stored = await withDb(
      async (db) =>
        (
          await db
            .selectFrom('inspections')
            .select('firm_id')
            .where('source', '=', 'inspections-B.csv')
            .distinct()
            .execute()
        ).length,
    );
    expect(stored).toBeGreaterThan(0);
    const server = await startServe({ ...env, LOG_LEVEL: 'info' }, ['--no-scheduler']);
    try {
      await waitFor(() => /"reason":"recovery"[^\n]*"msg":"rescored touched firms"/.test(server.stderr()), 60_000);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    await withDb(async (db) => {
      const withRecords = await db
        .selectFrom('inspections')
        .select('firm_id')
        .distinct()
        .where('source', '=', 'inspections-B.csv')
        .execute();
      const alerted = await db
        .selectFrom('alerts')
        .select('firm_id')
        .where('rule', '=', 'overdue_wage_order')
        .where('status', '=', 'open')
        .where(
          'firm_id',
          'in',
          withRecords.map((r) => r.firm_id!),
        )
        .execute();
      expect(alerted).toHaveLength(withRecords.length);
      const run = await db
        .selectFrom('imports')
        .select(['status', 'error'])
        .where('source', '=', 'inspections-B.csv')
        .executeTakeFirstOrThrow();
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/is gone/);
    });
  }, 180_000);
});

async function waitFor(cond: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
