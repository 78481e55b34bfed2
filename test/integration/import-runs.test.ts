import { beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { failStaleImports } from '../../src/ingest/import-runs.ts';
import { recoverAtStart } from '../../src/runtime/recover.ts';
import { runJob } from '../../src/jobs-runtime/run-job.ts';

// Imports left `running` (issue 20 item 6): a run whose process is gone or
// whose heartbeat lapsed is marked failed with the reason, at start-up and
// by the job runner; a run that a live process still beats is left alone.

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

async function running(runner: string | null, heartbeat: Date | null, started = ago(3_600_000)) {
  const r = await t.db
    .insertInto('imports')
    .values({
      kind: 'inspections',
      source: 'x.csv',
      format: 'csv',
      actor_name: 'test',
      started_at: started,
      runner,
      heartbeat_at: heartbeat,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
const statusOf = async (id: number) =>
  t.db.selectFrom('imports').select(['status', 'error', 'finished_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('imports left running', () => {
  it('marks failed the runs of a dead process or with a lapsed heartbeat, with the reason; live ones stay running', async () => {
    const gone = await running(`${hostname()}:${deadPid()}`, ago(1000));
    const silent = await running('other-host:4242', ago(5 * 60_000));
    const legacy = await running(null, null);
    const liveElsewhere = await running('other-host:4343', ago(10_000));
    const liveHere = await running(`${hostname()}:${process.pid}`, ago(5_000));
    const failed = await failStaleImports(t.db, now);
    expect(failed.sort()).toEqual([gone, silent, legacy].sort());
    expect(await statusOf(gone)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/process that ran it \(.+\) is gone/),
      finished_at: now,
    });
    expect(await statusOf(silent)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/no heartbeat since/),
    });
    expect(await statusOf(legacy)).toMatchObject({ status: 'failed' });
    expect(await statusOf(liveElsewhere)).toMatchObject({ status: 'running', error: null });
    expect(await statusOf(liveHere)).toMatchObject({ status: 'running', error: null });
  });

  it('at start-up and by the job runner', async () => {
    const first = await running(`${hostname()}:${deadPid()}`, ago(1000));
    await recoverAtStart({ db: t.db, log: silentLog, config: testConfig() }, now, { standing: true });
    expect((await statusOf(first)).status).toBe('failed');
    const second = await running('other-host:1', ago(120_000));
    const job = {
      name: 'noop',
      description: 'noop',
      cron: '* * * * *',
      timezone: 'Asia/Shanghai' as const,
      leaseMs: 60_000,
      run: async () => ({}),
    };
    expect(
      (await runJob({ db: t.db, log: silentLog, config: testConfig(), runner: 'a' }, job, new Date())).status,
    ).toBe('succeeded');
    expect(await statusOf(second)).toMatchObject({ status: 'failed', error: expect.stringMatching(/no heartbeat/) });
  });
});
