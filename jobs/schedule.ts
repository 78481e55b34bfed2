import type { JobDefinition } from './job.ts';
import { sessionCleanup } from './session-cleanup.ts';
import { retention } from './retention.ts';
import { feedsPoll } from './feeds-poll.ts';
import { riskSweep } from './risk-sweep.ts';
import { alertsEscalate } from './alerts-escalate.ts';
import { deliveriesSend } from './deliveries.ts';
import { creditExpiry } from './credit-expiry.ts';
import { creditClocks } from './credit-clocks.ts';
import { digestWeekly } from './digest.ts';
export { workerSchedule, NODE_ONLY_JOBS } from './worker-schedule.ts';
import { rosterGapsCheck } from './roster-gaps.ts';

/**
 * The single cron table. node-cron reads it on Node; wrangler.toml's
 * `[triggers] crons` list those of its Worker part (worker-schedule.ts),
 * converted to UTC (a test checks).
 */
export const schedule: readonly JobDefinition[] = [
  sessionCleanup,
  retention,
  feedsPoll,
  riskSweep,
  alertsEscalate,
  deliveriesSend,
  digestWeekly,
  creditExpiry,
  creditClocks,
  rosterGapsCheck,
];

export function findJob(name: string, jobs: readonly JobDefinition[] = schedule): JobDefinition | undefined {
  return jobs.find((j) => j.name === name);
}
