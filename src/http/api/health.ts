import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { pendingMigrations } from '../../db/migrate.ts';
import type { AppDeps, AppEnv } from '../context.ts';

const Health = z.object({ status: z.literal('ok') }).openapi('Health');
const Ready = z
  .object({
    status: z.enum(['ready', 'degraded', 'not_ready']),
    database: z.boolean(),
    pendingMigrations: z.array(z.string()),
    accepting: z.boolean(),
    degraded: z.array(z.string()).openapi({
      description: 'what works in a reduced way (still 200), e.g. the delivery LISTEN connection being re-established',
    }),
  })
  .openapi('Ready');

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness: 200 while the process is up',
  responses: { 200: { content: { 'application/json': { schema: Health } }, description: 'Up' } },
});
const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary:
    'Readiness: database answers and migrations are current (200 "degraded" while e.g. the delivery LISTEN connection is being re-established)',
  responses: {
    200: { content: { 'application/json': { schema: Ready } }, description: 'Ready' },
    503: { content: { 'application/json': { schema: Ready } }, description: 'Not ready' },
  },
});

export function healthRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyz, async (c) => {
    let database = false;
    let pending: string[] = [];
    try {
      await sql`select 1`.execute(deps.db);
      database = true;
      pending = await pendingMigrations(deps.db);
    } catch (err) {
      c.get('log').warn({ err }, 'readiness check failed');
    }
    const accepting = deps.accepting?.() ?? true;
    const ok = database && pending.length === 0 && accepting;
    const degraded = deps.degraded?.() ?? [];
    const status = !ok ? ('not_ready' as const) : degraded.length > 0 ? ('degraded' as const) : ('ready' as const);
    const body = { status, database, pendingMigrations: pending, accepting, degraded };
    return ok ? c.json(body, 200) : c.json(body, 503);
  });
  return app;
}
