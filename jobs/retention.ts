import type { JobDefinition } from './job.ts';
import { runRetention } from '../src/retention/run-retention.ts';

/**
 * Daily at 03:40: drops what outlived its retention (QIANSHAO_RETENTION):
 * closed petitions' personal data after the legal period, old records,
 * quarantine, feed items, settled deliveries, job runs, and the audit log
 * last and longest. Bounded batches; the run is itself audited.
 */
export const retention: JobDefinition = {
  name: 'retention',
  description:
    "Drop data past its retention (closed petitions' personal data, records, feed items, deliveries, job runs, audit log), in batches; audited",
  cron: '40 3 * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 30 * 60_000,
  async run({ db, log, config, now, signal }) {
    const counts = await runRetention(db, log, config.retention, now, signal);
    return { items: Object.values(counts).reduce((a, b) => a + b, 0) };
  },
};
