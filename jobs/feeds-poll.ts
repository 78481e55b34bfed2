import type { JobDefinition } from './job.ts';
import { SYSTEM_ACTOR } from '../src/audit/audit.ts';
import { evidenceArrived } from '../src/ingest/evidence-arrived.ts';
import { pollDueFeeds } from '../src/ingest/opinion/poll-feeds.ts';
import { resolveSecretKey } from '../src/config/secret-key.ts';
import { evaluateFeedHealth } from '../src/alerts/feed-alerts.ts';

/**
 * Every minute: polls the feeds whose next_poll_at has come. Each feed keeps
 * its own interval and back-off in the feeds table, so a one-minute tick
 * only decides how late a due feed can be, not how often it is fetched.
 * After each poll the feeds' health is checked: a feed failing or silent
 * for too long raises an alert to the opinion team (src/alerts/feed-alerts.ts).
 */
export const feedsPoll: JobDefinition = {
  name: 'feeds-poll',
  description: 'Poll the public-opinion feeds that are due and store their new items',
  cron: '* * * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 5 * 60_000,
  async run({ db, log, config, now, signal }) {
    const r = await pollDueFeeds({ db, log, config, secretKey: resolveSecretKey(config, log) }, now, { signal });
    if (r.polled > 0)
      log.info(
        { polled: r.polled, ok: r.ok, failed: r.failed, newItems: r.newItems, firmIds: r.firmIds.length },
        'feeds polled',
      );
    await evidenceArrived({ db, log, config }, { firmIds: r.firmIds, at: now, reason: 'feeds', actor: SYSTEM_ACTOR });
    await evaluateFeedHealth({ db, log, config }, now);
    return { items: r.newItems };
  },
};
