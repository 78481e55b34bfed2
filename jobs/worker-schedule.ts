import type { JobDefinition } from './job.ts';
import { sessionCleanup } from './session-cleanup.ts';
import { retention } from './retention.ts';
import { riskSweep } from './risk-sweep.ts';
import { alertsEscalate } from './alerts-escalate.ts';
import { creditExpiry } from './credit-expiry.ts';
import { creditClocks } from './credit-clocks.ts';
import { rosterGapsCheck } from './roster-gaps.ts';

/**
 * The jobs a Cloudflare Worker runs (wrangler.toml's crons are these,
 * converted to UTC; a test keeps them equal). Only database work: the jobs
 * that reach out to user-given hosts are in NODE_ONLY_JOBS and are not
 * imported by the Worker entry, so their code is not in its bundle.
 */
export const workerSchedule: readonly JobDefinition[] = [
  sessionCleanup,
  retention,
  riskSweep,
  alertsEscalate,
  creditExpiry,
  creditClocks,
  rosterGapsCheck,
];

/**
 * Jobs that need Node: feed polling and webhook delivery resolve each host
 * and pin the socket to the checked address (src/net/safe-fetch.ts; a
 * Worker's fetch() cannot pin an address), and the digest sends e-mail over
 * SMTP. Beside a Worker deployment they run on a Node runner:
 * `qianshao serve` (which also runs the others; ticks are claimed once).
 */
export const NODE_ONLY_JOBS = ['feeds-poll', 'deliveries', 'digest-weekly'] as const;
