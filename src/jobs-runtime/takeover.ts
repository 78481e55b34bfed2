import type { JobDefinition } from '../../jobs/job.ts';
import { executeRun, leaseOf, lockJob, type RunJobDeps, type RunOutcome } from './run-job.ts';

/** How often the scheduler looks for runs whose heartbeat stopped. */
export const TAKEOVER_CHECK_MS = 15_000;

/**
 * A replica killed mid-run leaves its run `running` with a lease nobody
 * renews. Once the lease has lapsed (as of `now`), this process claims the
 * run (same row, same tick: the ledger still shows one run per tick) and
 * runs the job again from the start; jobs are written to be re-runnable.
 * Claimed under the job's advisory lock, so one replica takes each run over.
 */
export async function takeOverLapsed(
  deps: RunJobDeps,
  jobs: readonly JobDefinition[],
  now: Date,
  signal?: AbortSignal,
): Promise<RunOutcome[]> {
  const out: RunOutcome[] = [];
  for (const job of jobs) {
    const claimed = await deps.db.transaction().execute(async (trx) => {
      await lockJob(trx, job.name);
      const lapsed = await trx
        .selectFrom('job_runs')
        .select(['id', 'tick', 'runner', 'lease_until'])
        .where('job', '=', job.name)
        .where('status', '=', 'running')
        .where('lease_until', '<=', now)
        .orderBy('id')
        .executeTakeFirst();
      if (!lapsed) return null;
      await trx
        .updateTable('job_runs')
        .set({ runner: deps.runner, lease_until: new Date(now.getTime() + leaseOf(deps, job)) })
        .where('id', '=', lapsed.id)
        .execute();
      return lapsed;
    });
    if (!claimed) continue;
    deps.log.warn(
      { job: job.name, runId: claimed.id, from: claimed.runner, leaseUntil: claimed.lease_until },
      'job run taken over: its runner stopped renewing the lease',
    );
    out.push(await executeRun(deps, job, claimed.id, { tick: claimed.tick, now, startedAt: now, signal }));
  }
  return out;
}
