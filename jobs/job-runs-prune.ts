import type { JobDefinition } from './job.ts';

/** Daily at 03:40: keeps 90 days of the job ledger so it does not grow forever. */
export const jobRunsPrune: JobDefinition = {
  name: 'job-runs-prune',
  description: 'Delete job-run records older than 90 days',
  cron: '40 3 * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 10 * 60_000,
  async run({ db, now }) {
    const cutoff = new Date(now.getTime() - 90 * 86_400_000);
    const r = await db.deleteFrom('job_runs').where('started_at', '<', cutoff).where('status', '<>', 'running').executeTakeFirst();
    return { items: Number(r.numDeletedRows) };
  },
};
