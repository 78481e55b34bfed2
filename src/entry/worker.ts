import pino from 'pino';
import { loadConfig, type Config } from '../config/env.ts';
import { connectPostgres, type DbHandle } from '../db/connect-postgres.ts';
import { createApp } from '../http/app.ts';
import { runJob } from '../jobs-runtime/run-job.ts';
import { shanghaiCronToUtc } from '../domain/cron-utc.ts';
import { workerSchedule } from '../../jobs/worker-schedule.ts';

// Cloudflare Workers entry: the same app as on Node, with PostgreSQL only,
// and the jobs of jobs/worker-schedule.ts. Workers forbid sharing an I/O
// object between requests, so every request and every cron event opens its
// own connection (through Hyperdrive, which pools for real, when bound) and
// closes it when done: nothing database-related lives at module level.
// Cron triggers arrive in UTC; each names its expression, which maps back to
// the jobs whose Asia/Shanghai cron converts to it.

interface Hyperdrive {
  connectionString: string;
}
type Bindings = Record<string, unknown> & { HYPERDRIVE?: Hyperdrive };
interface ScheduledEvent {
  cron: string;
  scheduledTime: number;
}
interface ExecutionContext {
  waitUntil(p: Promise<unknown>): void;
}

/** Enough for a transaction beside its heartbeat; Hyperdrive pools behind it. */
const CONNECTIONS_PER_REQUEST = 3;

function runtime(env: Bindings) {
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const databaseUrl = env.HYPERDRIVE?.connectionString ?? vars['DATABASE_URL'];
  const config: Config = loadConfig({ ...vars, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  if (!config.databaseUrl)
    throw new Error(
      'DATABASE_URL is required on Workers (a Hyperdrive binding named HYPERDRIVE, or the secret; the embedded database is Node-only)',
    );
  if (!config.secretKey)
    throw new Error('QIANSHAO_SECRET_KEY is required on Workers (there is no data directory to keep a generated one)');
  const log = pino({ level: config.logLevel });
  return { config, log, databaseUrl: config.databaseUrl };
}

/** Closes the request's connection once the response body has been sent (it may stream from the database). */
function closeAfter(res: Response, h: DbHandle, ctx: ExecutionContext | undefined): Response | Promise<Response> {
  if (!res.body) {
    const closing = h.close();
    if (ctx) {
      ctx.waitUntil(closing);
      return res;
    }
    return closing.then(() => res);
  }
  const { readable, writable } = new TransformStream();
  const done = res.body
    .pipeTo(writable)
    .catch(() => {})
    .finally(() => h.close());
  ctx?.waitUntil(done);
  return new Response(readable, res);
}

export default {
  async fetch(request: Request, env: Bindings, ctx?: ExecutionContext): Promise<Response> {
    let rt: ReturnType<typeof runtime>;
    try {
      rt = runtime(env);
    } catch (e) {
      return Response.json({ error: { code: 'unavailable', message: (e as Error).message } }, { status: 503 });
    }
    const h = await connectPostgres(rt.databaseUrl, { max: CONNECTIONS_PER_REQUEST });
    let res: Response;
    try {
      res = await createApp({
        db: h.db,
        config: rt.config,
        log: rt.log,
        secretKey: rt.config.secretKey!,
        jobs: workerSchedule,
      }).fetch(request);
    } catch (e) {
      await h.close();
      throw e;
    }
    return closeAfter(res, h, ctx);
  },

  async scheduled(event: ScheduledEvent, env: Bindings, ctx: ExecutionContext): Promise<void> {
    const { config, log, databaseUrl } = runtime(env);
    const due = workerSchedule.filter((j) => shanghaiCronToUtc(j.cron) === event.cron);
    const tick = new Date(event.scheduledTime);
    const run = (async () => {
      const h = await connectPostgres(databaseUrl, { max: CONNECTIONS_PER_REQUEST });
      try {
        const outcomes = await Promise.all(
          due.map((job) => runJob({ db: h.db, log, config, runner: 'worker' }, job, tick)),
        );
        log.info({ cron: event.cron, jobs: due.map((j, i) => `${j.name}: ${outcomes[i]!.status}`) }, 'cron event');
      } finally {
        await h.close();
      }
    })();
    ctx.waitUntil(run);
    await run;
  },
};
