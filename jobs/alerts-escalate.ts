import type { JobDefinition } from './job.ts';
import { runEscalation } from '../src/alerts/escalate.ts';

/**
 * Every minute: escalates unacknowledged alerts whose next step is due,
 * lets stale acknowledgements lapse, flags missed deadlines, and releases
 * alerts whose silence ended. The minute is the resolution of every
 * escalation wait and deadline.
 */
export const alertsEscalate: JobDefinition = {
  name: 'alerts-escalate',
  description: 'Escalate unacknowledged alerts, flag missed deadlines, release ended silences',
  cron: '* * * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 5 * 60_000,
  async run({ db, log, config, now }) {
    const r = await runEscalation({ db, log, config }, now);
    if (r.escalated + r.lapsed + r.overdue + r.unmuted > 0) log.info(r, 'alert escalation pass');
    return { items: r.escalated + r.lapsed + r.overdue + r.unmuted };
  },
};
