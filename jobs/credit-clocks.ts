import type { JobDefinition } from './job.ts';
import { flagClocksDueSoon } from '../src/credit/clock-alerts.ts';

/**
 * Daily at 00:20 Shanghai (with credit-expiry): every statutory clock of a
 * credit case (statement, its review, the decision and its extension,
 * publication, early-removal decision, expiry removal; 人社部令第45号) that
 * lapses within `clockWarnWorkingDays` working days, or lapsed unmet, is
 * recorded once and raises a `credit_clock_due` alert routed like any other.
 */
export const creditClocks: JobDefinition = {
  name: 'credit-clocks',
  description: 'Alert on credit-case statutory periods about to lapse (working days, holiday calendar)',
  cron: '20 0 * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 10 * 60_000,
  async run({ db, log, config, now }) {
    const flagged = await flagClocksDueSoon(db, config.credit, config.sla.calendar, now, {
      publicUrl: config.publicUrl,
      sla: config.sla,
      quietHours: config.quietHours,
    });
    if (flagged.length > 0) log.warn({ flagged }, 'credit statutory periods about to lapse');
    return { items: flagged.length };
  },
};
