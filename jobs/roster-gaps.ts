import type { JobDefinition } from './job.ts';
import { rosterGaps } from '../src/alerts/roster-gaps.ts';

/**
 * Daily at 08:05 Shanghai: warns of stretches in the next 7 days when
 * nobody is on duty at tier 1 for a district and category, while there is
 * still time to fill them (the roster page shows the same gaps). A red or
 * orange alert that falls into one raises a coverage-gap alert.
 */
export const rosterGapsCheck: JobDefinition = {
  name: 'roster-gaps',
  description: 'Warn of roster gaps (nobody on duty at tier 1) in the next 7 days',
  cron: '5 8 * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 5 * 60_000,
  async run({ db, log, now }) {
    const gaps = await rosterGaps(db, now, null);
    if (gaps.length > 0) {
      log.warn(
        {
          gaps: gaps.slice(0, 50).map((g) => ({
            district: g.district,
            category: g.category,
            start: g.start.toISOString(),
            end: g.end.toISOString(),
          })),
          total: gaps.length,
        },
        'roster gaps in the next 7 days: nobody on duty at tier 1',
      );
    }
    return { items: gaps.length };
  },
};
