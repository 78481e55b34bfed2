import type { JobDefinition } from '../../jobs/job.ts';

/** A job that runs until it is asked to stop; `onStart` says it began. */
export function holdJob(onStart: () => void, leaseMs = 30 * 60_000): JobDefinition {
  return {
    name: 'hold-job',
    description: 'holds its run',
    cron: '0 0 1 1 *',
    timezone: 'Asia/Shanghai',
    leaseMs,
    run: ({ signal }) =>
      new Promise((resolve) => {
        onStart();
        signal.addEventListener('abort', () => resolve({ items: 0 }));
      }),
  };
}
