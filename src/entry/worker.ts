import pino from 'pino';
import { loadConfig } from '../config/env.ts';
import { connectPostgres, type DbHandle } from '../db/connect.ts';
import { createApp } from '../http/app.ts';
import { runJob } from '../jobs-runtime/run-job.ts';
import { shanghaiCronToUtc } from '../domain/cron-utc.ts';
import { schedule } from '../../jobs/schedule.ts';

// Cloudflare Workers entry: the same app and jobs as on Node, with
// PostgreSQL only. Cron triggers arrive in UTC; each names its expression,
// which maps back to the jobs whose Asia/Shanghai cron converts to it.

type Bindings = Record<string, string | undefined>;
interface ScheduledEvent { cron: string; scheduledTime: number }
interface ExecutionContext { waitUntil(p: Promise<unknown>): void }

let handle: DbHandle | undefined;

function runtime(env: Bindings) {
  const config = loadConfig(env);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required on Workers (the embedded database is Node-only)');
  if (!config.secretKey) throw new Error('QIANSHAO_SECRET_KEY is required on Workers (there is no data directory to keep a generated one)');
  const log = pino({ level: config.logLevel });
  return { config, log };
}

async function db(url: string): Promise<DbHandle> {
  handle ??= await connectPostgres(url, { max: 1 });
  return handle;
}

export default {
  async fetch(request: Request, env: Bindings): Promise<Response> {
    let rt;
    try {
      rt = runtime(env);
    } catch (e) {
      return Response.json({ error: { code: 'unavailable', message: (e as Error).message } }, { status: 503 });
    }
    const h = await db(rt.config.databaseUrl!);
    return createApp({ db: h.db, config: rt.config, log: rt.log, secretKey: rt.config.secretKey! }).fetch(request);
  },

  async scheduled(event: ScheduledEvent, env: Bindings, ctx: ExecutionContext): Promise<void> {
    const { config, log } = runtime(env);
    const h = await db(config.databaseUrl!);
    const due = schedule.filter((j) => shanghaiCronToUtc(j.cron) === event.cron);
    const tick = new Date(event.scheduledTime);
    ctx.waitUntil(Promise.all(due.map((job) => runJob({ db: h.db, log, config, runner: 'worker' }, job, tick))));
  },
};
