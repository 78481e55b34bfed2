import type { JobDefinition } from './job.ts';
import { previousWeekOf, formatWeek } from '../src/domain/digest/index.ts';
import { buildDigest, districtsWithFirms, publishDigest } from '../src/digest/publish.ts';

/**
 * Mondays 08:00 Shanghai: builds last week's digest for the whole
 * deployment and for every district with firms, stores each, queues
 * `digest.published` to subscribed endpoints and e-mails the whole
 * deployment's digest to QIANSHAO_DIGEST_TO. A second run of the same tick
 * (or a rerun) rebuilds the documents and sends nothing twice
 * (src/digest/publish.ts). Another time: QIANSHAO_SCHEDULE_OVERRIDES.
 */
export const digestWeekly: JobDefinition = {
  name: 'digest-weekly',
  description: "Build, store and send last week's digest (形势研判周报)",
  cron: '0 8 * * 1',
  timezone: 'Asia/Shanghai',
  leaseMs: 15 * 60_000,
  async run({ db, log, config, now }) {
    const week = previousWeekOf(now);
    const scopes: Array<string | null> = [null, ...(await districtsWithFirms(db))];
    for (const district of scopes) {
      const built = await buildDigest(db, config, { week, district, now, actor: 'system:digest-weekly' });
      const sent = await publishDigest(db, config, log, built, now);
      log.info({ week: formatWeek(week), district, builds: built.builds, ...sent }, 'digest built');
    }
    return { items: scopes.length };
  },
};
