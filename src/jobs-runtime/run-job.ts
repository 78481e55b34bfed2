import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import type { Config } from '../config/env.ts';
import type { JobDefinition } from '../../jobs/job.ts';

export interface RunJobDeps {
  db: Db;
  log: Logger;
  config: Config;
  /** Identifies this process in job_runs (host:pid, or 'cli'). */
  runner: string;
}

export type RunOutcome =
  | { status: 'succeeded'; runId: number; items: number | null }
  | { status: 'failed'; runId: number; error: string }
  | { status: 'skipped'; reason: 'tick-taken' | 'overlap' };

/**
 * Claims (job, tick) in the ledger and runs the job if this process won.
 * The claim is serialized per job by a transaction-scoped advisory lock, so
 * among N replicas firing the same tick exactly one inserts the row; a run of
 * the same job still holding its lease makes the tick skip (no overlap). A
 * run whose lease ran out (its process died) is marked failed on the way.
 */
export async function runJob(deps: RunJobDeps, job: JobDefinition, tick: Date, opts: { now?: Date; signal?: AbortSignal } = {}): Promise<RunOutcome> {
  const { db } = deps;
  const startedAt = new Date();
  type Claim = { runId: number } | { skipped: 'tick-taken' | 'overlap' };
  const claim = await db.transaction().execute(async (trx): Promise<Claim> => {
    await sql`select pg_advisory_xact_lock(hashtext(${'qianshao-job:' + job.name}))`.execute(trx);
    await trx.updateTable('job_runs')
      .set({ status: 'failed', finished_at: startedAt, error: 'lease expired: the runner stopped without finishing' })
      .where('job', '=', job.name).where('status', '=', 'running').where('lease_until', '<=', startedAt)
      .execute();
    const busy = await trx.selectFrom('job_runs').select('id').where('job', '=', job.name).where('status', '=', 'running').executeTakeFirst();
    if (busy) return { skipped: 'overlap' };
    const row = await trx.insertInto('job_runs')
      .values({ job: job.name, tick, status: 'running', runner: deps.runner, started_at: startedAt, lease_until: new Date(startedAt.getTime() + job.leaseMs) })
      .onConflict((oc) => oc.columns(['job', 'tick']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? { runId: row.id } : { skipped: 'tick-taken' };
  });
  if ('skipped' in claim) {
    deps.log.debug({ job: job.name, tick, reason: claim.skipped }, 'job tick skipped');
    return { status: 'skipped', reason: claim.skipped };
  }
  const log = deps.log.child({ job: job.name, runId: claim.runId });
  log.info({ tick }, 'job started');
  try {
    const result = await job.run({ db, log, config: deps.config, now: opts.now ?? startedAt, signal: opts.signal ?? new AbortController().signal });
    const items = result.items ?? null;
    await db.updateTable('job_runs').set({ status: 'succeeded', finished_at: new Date(), items }).where('id', '=', claim.runId).execute();
    log.info({ items, ms: Date.now() - startedAt.getTime() }, 'job finished');
    return { status: 'succeeded', runId: claim.runId, items };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    await db.updateTable('job_runs').set({ status: 'failed', finished_at: new Date(), error: error.slice(0, 2000) }).where('id', '=', claim.runId).execute();
    log.error({ err: e }, 'job failed');
    return { status: 'failed', runId: claim.runId, error };
  }
}

/** Cron ticks are identified to the second, so replicas agree on them. */
export function tickOf(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
