import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';

export interface LeaseHeartbeat {
  stop(): void;
}

/**
 * Renews a job run's lease every third of it while the run is alive. A
 * renewal that finds the run no longer ours (taken over after our lease
 * lapsed, say while this process was cut off) calls onLost; a failed
 * renewal (database away) is retried at the next beat.
 */
export function startLeaseHeartbeat(
  db: Db,
  log: Logger,
  o: { runId: number; runner: string; leaseMs: number; onLost: () => void },
): LeaseHeartbeat {
  let stopped = false;
  const timer = setInterval(
    () => {
      db.updateTable('job_runs')
        .set({ lease_until: new Date(Date.now() + o.leaseMs) })
        .where('id', '=', o.runId)
        .where('runner', '=', o.runner)
        .where('status', '=', 'running')
        .executeTakeFirst()
        .then((r) => {
          if (!stopped && Number(r.numUpdatedRows) === 0) {
            log.warn({ runId: o.runId }, 'job run lost its lease; stopping it');
            o.onLost();
          }
        })
        .catch((err) => log.warn({ err, runId: o.runId }, 'job lease renewal failed'));
    },
    Math.max(100, Math.floor(o.leaseMs / 3)),
  );
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
