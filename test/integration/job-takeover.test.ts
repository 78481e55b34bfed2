import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/connect.ts';
import { openChildDb, type TestDb, withChildDb } from '../helpers/db.ts';
import { BASE_ENV } from '../helpers/spawn.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { holdJob } from '../helpers/hold-job-def.ts';
import { JOB_LEASE_MS, runJob } from '../../src/jobs-runtime/run-job.ts';
import { TAKEOVER_CHECK_MS, takeOverLapsed } from '../../src/jobs-runtime/takeover.ts';

// A replica killed with SIGKILL in the middle of a job run (issue 20 item 9):
// its lease, renewed by a heartbeat while it lived, lapses, and another
// replica takes the run over. While the holder lives, nobody does. On the
// embedded database only one process can have it open, so there the live
// part is left out and time is passed in.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const onServer = Boolean(inject('databaseUrl'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOLD_LEASE_MS = 3000;
let t: TestDb | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  ({ db: t, env } = await openChildDb());
});
afterAll(async () => {
  await t?.close();
});

function startHolder(tick: Date): Promise<{ child: ChildProcess; exited: Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hold-job.ts'], {
      cwd: ROOT,
      env: { ...BASE_ENV, ...env, HOLD_TICK: String(tick.getTime()), HOLD_LEASE_MS: String(HOLD_LEASE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    const exited = new Promise((r) => child.on('close', r));
    child.stderr!.on('data', (b) => (err += b));
    child.stdout!.on('data', (b) => {
      if (String(b).includes('holding')) resolve({ child, exited });
    });
    void exited.then(() => reject(new Error(`holder exited before holding: ${err.slice(-500)}`)));
  });
}

/** The database, opened only while no child holds it (the embedded one is single-process). */
const withDb = <T>(fn: (db: Db) => Promise<T>): Promise<T> => withChildDb(t, env, fn);

describe('job leases', () => {
  it('are short enough that a dead runner is taken over within a minute', () => {
    expect(JOB_LEASE_MS + TAKEOVER_CHECK_MS).toBeLessThanOrEqual(60_000);
  });

  it('a live runner keeps its run by its heartbeat; once killed with SIGKILL, its run is taken over and finished', async () => {
    const tick = new Date('2026-11-28T00:00:00Z');
    const holder = await startHolder(tick);
    const deps = (db: Db) => ({ db, log: silentLog, config: testConfig(), runner: 'replica-b' });
    let ran = 0;
    const job = {
      ...holdJob(() => {}),
      run: async () => {
        ran++;
        return { items: 7 };
      },
    };
    if (t) {
      // Longer than the lease: only the heartbeat keeps the run.
      await sleep(HOLD_LEASE_MS + 1500);
      expect(await takeOverLapsed(deps(t.db), [job], new Date())).toEqual([]);
      expect(await runJob(deps(t.db), job, new Date('2026-11-28T00:01:00Z'))).toEqual({
        status: 'skipped',
        reason: 'overlap',
      });
      expect(ran).toBe(0);
    }
    holder.child.kill('SIGKILL');
    await holder.exited;
    if (t) await sleep(HOLD_LEASE_MS + 500);
    await withDb(async (db) => {
      const before = await db.selectFrom('job_runs').selectAll().where('job', '=', 'hold-job').execute();
      expect(before).toHaveLength(1);
      expect(before[0]).toMatchObject({ status: 'running', runner: `child:${holder.child.pid}` });
      // The lease was the short one, renewed, not the job's half hour.
      expect(before[0]!.lease_until.getTime() - before[0]!.started_at.getTime()).toBeLessThan(60_000);
      const now = onServer ? new Date() : new Date(before[0]!.lease_until.getTime() + 1000);
      const out = await takeOverLapsed(deps(db), [job], now);
      expect(out).toEqual([{ status: 'succeeded', runId: before[0]!.id, items: 7 }]);
      expect(ran).toBe(1);
      const after = await db.selectFrom('job_runs').selectAll().where('job', '=', 'hold-job').execute();
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({ status: 'succeeded', runner: 'replica-b', items: 7, tick });
      // Nothing left to take over.
      expect(await takeOverLapsed(deps(db), [job], new Date(now.getTime() + 120_000))).toEqual([]);
    });
  }, 120_000);
});
