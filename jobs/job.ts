import type { Db } from '../src/db/connect.ts';
import type { Logger } from '../src/log/logger.ts';
import type { Config } from '../src/config/env.ts';

export interface JobContext {
  db: Db;
  log: Logger;
  config: Config;
  /** The instant this run treats as now (the tick, or --at). */
  now: Date;
  signal: AbortSignal;
}

export interface JobResult {
  items?: number;
}

/**
 * A scheduled job: what it does, when, and the longest lease a run may take
 * between heartbeats (the runner uses a shorter one, renewed while the run
 * is alive: src/jobs-runtime/run-job.ts).
 */
export interface JobDefinition {
  name: string;
  description: string;
  /** node-cron syntax (5 fields, or 6 with seconds); Workers use the 5-field ones. */
  cron: string;
  timezone: 'Asia/Shanghai';
  leaseMs: number;
  run(ctx: JobContext): Promise<JobResult>;
}
