import type { Db } from '../db/connect.ts';

/** The latest 100 runs of every job, newest first. */
export function recentJobRuns(db: Db) {
  return db.selectFrom('job_runs').selectAll().orderBy('id', 'desc').limit(100).execute();
}
