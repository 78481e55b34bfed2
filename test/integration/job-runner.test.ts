import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { runJob } from '../../src/jobs-runtime/run-job.ts';
import type { JobDefinition } from '../../jobs/job.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.reset();
});

const deps = (runner: string) => ({ db: t.db, log: silentLog, config: testConfig(), runner });
function job(run: JobDefinition['run'], leaseMs = 60_000): JobDefinition {
  return { name: 'test-job', description: 'test', cron: '* * * * *', timezone: 'Asia/Shanghai', leaseMs, run };
}

describe('job runner', () => {
  it('runs a tick once however many runners fire it', async () => {
    let runs = 0;
    const j = job(async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return { items: 3 };
    });
    const tick = new Date('2026-11-28T08:00:00Z');
    const outcomes = await Promise.all(['a', 'b', 'c'].map((r) => runJob(deps(r), j, tick)));
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.status === 'succeeded')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'skipped')).toHaveLength(2);
    const rows = await t.db.selectFrom('job_runs').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ job: 'test-job', status: 'succeeded', items: 3 });
    expect(rows[0]!.finished_at).not.toBeNull();
  });

  it('does not overlap: a new tick skips while a run holds its lease', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const j = job(async () => {
      await gate;
      return {};
    });
    const first = runJob(deps('a'), j, new Date('2026-11-28T08:00:00Z'));
    await new Promise((r) => setTimeout(r, 100));
    const second = await runJob(deps('b'), j, new Date('2026-11-28T08:01:00Z'));
    expect(second).toEqual({ status: 'skipped', reason: 'overlap' });
    release();
    expect((await first).status).toBe('succeeded');
  });

  it('records a failing run with its error', async () => {
    const out = await runJob(
      deps('a'),
      job(async () => {
        throw new Error('feed server exploded');
      }),
      new Date('2026-11-28T08:00:00Z'),
    );
    expect(out).toMatchObject({ status: 'failed', error: 'feed server exploded' });
    const row = await t.db.selectFrom('job_runs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: 'feed server exploded' });
  });

  it('takes over from a runner that died holding the lease', async () => {
    const past = new Date(Date.now() - 3_600_000);
    await t.db
      .insertInto('job_runs')
      .values({
        job: 'test-job',
        tick: past,
        status: 'running',
        runner: 'dead:1',
        started_at: past,
        lease_until: new Date(past.getTime() + 1000),
      })
      .execute();
    const out = await runJob(
      deps('a'),
      job(async () => ({})),
      new Date('2026-11-28T08:00:00Z'),
    );
    expect(out.status).toBe('succeeded');
    const dead = await t.db.selectFrom('job_runs').selectAll().where('runner', '=', 'dead:1').executeTakeFirstOrThrow();
    expect(dead.status).toBe('failed');
    expect(dead.error).toMatch(/lease expired/);
  });

  it('passes the given instant to the job as now', async () => {
    let seen: Date | undefined;
    const at = new Date('2025-01-01T00:00:00Z');
    await runJob(
      deps('a'),
      job(async ({ now }) => {
        seen = now;
        return {};
      }),
      new Date(),
      { now: at },
    );
    expect(seen?.toISOString()).toBe(at.toISOString());
  });
});
