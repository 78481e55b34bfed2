import type { JobDefinition } from './job.ts';
import { expireListings } from '../src/credit/expiry.ts';
import { creditConfigOf } from '../src/credit/credit-repo.ts';

/**
 * Daily at 00:20 Shanghai: removes credit-list entries whose three-year
 * term (人社部令第45号 art. 16) ended, and pushes credit.removed for each.
 */
export const creditExpiry: JobDefinition = {
  name: 'credit-expiry',
  description: 'Remove credit-list entries whose term ended and push the removal',
  cron: '20 0 * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 10 * 60_000,
  async run({ db, log, config, now }) {
    const removed = await expireListings({ db, calendar: config.sla.calendar, credit: creditConfigOf(config) }, now);
    if (removed.length > 0) log.info({ removed }, 'credit listings expired');
    return { items: removed.length };
  },
};
