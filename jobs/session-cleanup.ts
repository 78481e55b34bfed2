import type { JobDefinition } from './job.ts';

/** Hourly: deletes expired sessions and login failures older than a day. */
export const sessionCleanup: JobDefinition = {
  name: 'session-cleanup',
  description: 'Delete expired console sessions and old failed-login records',
  cron: '9 * * * *',
  timezone: 'Asia/Shanghai',
  leaseMs: 5 * 60_000,
  async run({ db, now }) {
    const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const failures = await db.deleteFrom('login_failures').where('at', '<', dayAgo).executeTakeFirst();
    return { items: Number(sessions.numDeletedRows) + Number(failures.numDeletedRows) };
  },
};
