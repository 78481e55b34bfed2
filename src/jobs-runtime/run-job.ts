import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import type { Config } from '../config/env.ts';
import type { JobDefinition } from '../../jobs/job.ts';
import { reapStaleImports } from '../ingest/import-runs.ts';
import { startLeaseHeartbeat } from './lease.ts';
import type { Metrics } from '../metrics/registry.ts';

export interface RunJobDeps {
  db: Db;
  log: Logger;
  config: Config;
  /** Identifies this process in job_runs (host:pid, or 'cli'). */
  runner: string;
  /** Lease of a run between heartbeats (default JOB_LEASE_MS, never longer than the job's own leaseMs). */
  leaseMs?: number;
  /** Where run durations and outcomes are counted (optional). */
  metrics?: Metrics | undefined;
}

/**
 * A run holds a short lease that its heartbeat renews every third of it
 * while the run is alive; a run whose process died stops renewing, and
 * another replica takes it over once the lease has lapsed (takeover.ts):
 * with 40 s and a check every 15 s, within a minute.
 */
export const JOB_LEASE_MS = 40_000;

export const leaseOf = (deps: Pick<RunJobDeps, 'leaseMs'>, job: JobDefinition) =>
  Math.min(job.leaseMs, deps.leaseMs ?? JOB_LEASE_MS);

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
export async function runJob(
  deps: RunJobDeps,
  job: JobDefinition,
  tick: Date,
  opts: { now?: Date; signal?: AbortSignal } = {},
): Promise<RunOutcome> {
  const { db } = deps;
  const startedAt = new Date();
  const leaseMs = leaseOf(deps, job);
  // Imports left `running` by a dead process are marked failed by whichever runner passes by.
  await reapStaleImports(db, deps.log, startedAt);
  type Claim = { runId: number } | { skipped: 'tick-taken' | 'overlap' };
  const claim = await db.transaction().execute(async (trx): Promise<Claim> => {
    await lockJob(trx, job.name);
    await trx
      .updateTable('job_runs')
      .set({ status: 'failed', finished_at: startedAt, error: 'lease expired: the runner stopped without finishing' })
      .where('job', '=', job.name)
      .where('status', '=', 'running')
      .where('lease_until', '<=', startedAt)
      .execute();
    const busy = await trx
      .selectFrom('job_runs')
      .select('id')
      .where('job', '=', job.name)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (busy) return { skipped: 'overlap' };
    const row = await trx
      .insertInto('job_runs')
      .values({
        job: job.name,
        tick,
        status: 'running',
        runner: deps.runner,
        started_at: startedAt,
        lease_until: new Date(startedAt.getTime() + leaseMs),
      })
      .onConflict((oc) => oc.columns(['job', 'tick']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? { runId: row.id } : { skipped: 'tick-taken' };
  });
  if ('skipped' in claim) {
    deps.log.debug({ job: job.name, tick, reason: claim.skipped }, 'job tick skipped');
    deps.metrics?.jobRuns.inc({ job: job.name, outcome: 'skipped' });
    return { status: 'skipped', reason: claim.skipped };
  }
  return executeRun(deps, job, claim.runId, { tick, now: opts.now ?? startedAt, signal: opts.signal, startedAt });
}

/** Serializes claims and takeovers of one job across replicas. */
export async function lockJob(trx: Db, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`qianshao-job:${name}`}))`.execute(trx);
}

/** Runs a claimed run to its end, renewing its lease meanwhile, and records the outcome. */
export async function executeRun(
  deps: RunJobDeps,
  job: JobDefinition,
  runId: number,
  o: { tick: Date; now: Date; signal?: AbortSignal; startedAt: Date },
): Promise<RunOutcome> {
  const { db } = deps;
  const log = deps.log.child({ job: job.name, runId });
  log.info({ tick: o.tick }, 'job started');
  // The run stops if it lost its lease (another replica took it over): two copies must not run on.
  const lost = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, lost.signal]) : lost.signal;
  const heartbeat = startLeaseHeartbeat(db, log, {
    runId,
    runner: deps.runner,
    leaseMs: leaseOf(deps, job),
    onLost: () => lost.abort(),
  });
  try {
    const result = await job.run({ db, log, config: deps.config, now: o.now, signal });
    heartbeat.stop();
    const items = result.items ?? null;
    // Only while the run is still ours: a run taken over is recorded by its new runner.
    await db
      .updateTable('job_runs')
      .set({ status: 'succeeded', finished_at: new Date(), items })
      .where('id', '=', runId)
      .where('runner', '=', deps.runner)
      .where('status', '=', 'running')
      .execute();
    log.info({ items, ms: Date.now() - o.startedAt.getTime() }, 'job finished');
    observeRun(deps, job, 'succeeded', o.startedAt);
    return { status: 'succeeded', runId, items };
  } catch (e) {
    heartbeat.stop();
    const error = e instanceof Error ? e.message : String(e);
    await db
      .updateTable('job_runs')
      .set({ status: 'failed', finished_at: new Date(), error: error.slice(0, 2000) })
      .where('id', '=', runId)
      .where('runner', '=', deps.runner)
      .where('status', '=', 'running')
      .execute();
    log.error({ err: e }, 'job failed');
    observeRun(deps, job, 'failed', o.startedAt);
    return { status: 'failed', runId, error };
  }
}

function observeRun(deps: RunJobDeps, job: JobDefinition, outcome: 'succeeded' | 'failed', startedAt: Date): void {
  deps.metrics?.jobRuns.inc({ job: job.name, outcome });
  deps.metrics?.jobDuration.observe({ job: job.name, outcome }, (Date.now() - startedAt.getTime()) / 1000);
}

/** Cron ticks are identified to the second, so replicas agree on them. */
export function tickOf(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}
