import type { JobDefinition } from './job.ts';
import { SYSTEM_ACTOR } from '../src/audit/audit.ts';
import { runScoring } from '../src/scoring/score-run.ts';
import { evaluateAlerts } from '../src/alerts/evaluate.ts';
import { refreshCandidates } from '../src/credit/candidates.ts';
import { creditConfigOf } from '../src/credit/credit-read.ts';
import { evaluateFeedHealth } from '../src/alerts/feed-alerts.ts';

/**
 * Every six hours (00:10, 06:10, 12:10, 18:10 Shanghai): rescores every
 * firm. New records rescore their firms at once (import, feed poll, link);
 * the sweep is for time itself: decay lowers old evidence, an order's due
 * date passes, a burst of mentions leaves its 24-hour window. 00:10 is the
 * first run of each calendar day, when day-based ages move. Unchanged firms
 * write nothing but their checked_at (src/scoring/persist.ts). Alerts follow
 * standing state, so a level that has no alert gets one here; the firms an
 * interrupted import left unscored are scored with the rest. Feed health
 * is checked here too, so a stopped poller still leaves a trace.
 */
export const riskSweep: JobDefinition = {
  name: 'risk-sweep',
  description: 'Rescore every firm (decay, due dates passing, opinion windows closing)',
  cron: '10 0,6,12,18 * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 30 * 60_000,
  async run({ db, log, config, now }) {
    const run = await runScoring(db, config.model, { at: now, firms: 'all', reason: 'sweep', actor: SYSTEM_ACTOR });
    const alerts = await evaluateAlerts({ db, log, config }, run);
    const credit = await refreshCandidates(db, creditConfigOf(config), config.sla.calendar, now);
    const feeds = await evaluateFeedHealth({ db, log, config }, now);
    log.info(
      { firms: run.firms.length, changed: run.changed, runId: run.runId, alerts, credit, feeds },
      'risk sweep done',
    );
    return { items: run.firms.length };
  },
};
