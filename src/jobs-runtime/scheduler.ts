import cron, { type ScheduledTask } from 'node-cron';
import type { JobDefinition } from '../../jobs/job.ts';
import { runJob, tickOf, type RunJobDeps } from './run-job.ts';
import { TAKEOVER_CHECK_MS, takeOverLapsed } from './takeover.ts';

export interface Scheduler {
  /** Stops firing new ticks and waits (bounded) for running ones to finish. */
  stop(graceMs: number): Promise<void>;
}

/** Fires every job of the table on its cron in its time zone (node-cron). */
export function startScheduler(
  deps: RunJobDeps,
  jobs: readonly JobDefinition[],
  overrides: Record<string, string> = {},
): Scheduler {
  const running = new Set<Promise<unknown>>();
  const abort = new AbortController();
  const tasks: ScheduledTask[] = jobs.map((job) => {
    const expression = overrides[job.name] ?? job.cron;
    return cron.schedule(
      expression,
      (ctx) => {
        const p = runJob(deps, job, tickOf(ctx.date), { signal: abort.signal }).catch((err) =>
          deps.log.error({ err, job: job.name }, 'job claim failed'),
        );
        running.add(p);
        void p.finally(() => running.delete(p));
        return p;
      },
      { name: job.name, timezone: job.timezone, noOverlap: true },
    );
  });
  // Runs whose replica died (heartbeat stopped) are taken over here, not at their job's next tick (6 h for a sweep).
  let checking = false;
  const watchdog = setInterval(() => {
    if (checking) return;
    checking = true;
    const p = takeOverLapsed(deps, jobs, new Date(), abort.signal)
      .catch((err) => deps.log.error({ err }, 'job takeover check failed'))
      .finally(() => {
        checking = false;
      });
    running.add(p);
    void p.finally(() => running.delete(p));
  }, TAKEOVER_CHECK_MS);
  watchdog.unref();
  deps.log.info({ jobs: jobs.map((j) => `${j.name} ${overrides[j.name] ?? j.cron}`) }, 'scheduler started');
  return {
    async stop(graceMs) {
      clearInterval(watchdog);
      await Promise.all(tasks.map((t) => t.stop()));
      const timeout = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      const done = Promise.all([...running]);
      const finished = await Promise.race([done.then(() => true), timeout.then(() => false)]);
      if (!finished) {
        abort.abort();
        deps.log.warn({ graceMs }, 'jobs still running at shutdown were asked to stop');
      }
      await Promise.all(tasks.map((t) => t.destroy()));
    },
  };
}
