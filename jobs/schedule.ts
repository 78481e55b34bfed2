import type { JobDefinition } from './job.ts';
import { sessionCleanup } from './session-cleanup.ts';
import { jobRunsPrune } from './job-runs-prune.ts';
import { feedsPoll } from './feeds-poll.ts';
import { riskSweep } from './risk-sweep.ts';
import { alertsEscalate } from './alerts-escalate.ts';
import { deliveriesSend } from './deliveries.ts';
import { creditExpiry } from './credit-expiry.ts';
import { digestWeekly } from './digest.ts';
import { rosterGapsCheck } from './roster-gaps.ts';

/**
 * The single cron table. node-cron reads it on Node; wrangler.toml's
 * `[triggers] crons` must list the same expressions (a test checks).
 */
export const schedule: readonly JobDefinition[] = [sessionCleanup, jobRunsPrune, feedsPoll, riskSweep, alertsEscalate, deliveriesSend, digestWeekly, creditExpiry, rosterGapsCheck];

export function findJob(name: string, jobs: readonly JobDefinition[] = schedule): JobDefinition | undefined {
  return jobs.find((j) => j.name === name);
}
