import type { JobDefinition } from './job.ts';
import { expireListings } from '../src/credit/expiry.ts';
import { flagMissedObjectionDeadlines } from '../src/credit/objection-deadlines.ts';
import { warnIfCalendarEnds } from '../src/alerts/calendar-coverage.ts';

/**
 * Daily at 00:20 Shanghai: removes credit-list entries whose three-year
 * term (人社部令第45号 arts. 11–12; not art. 16 as cited before issue 18) ended, and pushes credit.removed for each;
 * then records each objection deadline (mark within 1 working day, decide
 * within 5) that passed with the step not taken, once, in the case's
 * history and the audit log. Warns when the work calendar (public holidays,
 * 调休) ends within the deadlines' horizon.
 */
export const creditExpiry: JobDefinition = {
  name: 'credit-expiry',
  description: 'Remove credit-list entries whose term ended and push the removal; record missed objection deadlines',
  cron: '20 0 * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 10 * 60_000,
  async run({ db, log, config, now }) {
    warnIfCalendarEnds(log, config.sla.calendar, now);
    const removed = await expireListings({ db, calendar: config.sla.calendar, credit: config.credit }, now);
    if (removed.length > 0) log.info({ removed }, 'credit listings expired');
    const missed = await flagMissedObjectionDeadlines(db, now, {
      publicUrl: config.publicUrl,
      sla: config.sla,
      quietHours: config.quietHours,
    });
    if (missed.length > 0) log.warn({ missed }, 'credit objection deadlines missed');
    return { items: removed.length + missed.length };
  },
};
