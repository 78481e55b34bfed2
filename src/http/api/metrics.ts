import { Hono, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { timingSafeEqual } from 'node:crypto';
import { NotFound, Unauthorized } from '../../domain/errors.ts';
import type { Metrics } from '../../metrics/registry.ts';
import { scrapeMetrics } from '../../metrics/scrape.ts';
import type { AppDeps, AppEnv } from '../context.ts';

/** Observes every request's duration by its route pattern (never the raw path: bounded labels). */
export function observeRequests(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      let route = routePath(c, -1);
      if (!route || route === '*' || route === '/*') route = 'unmatched';
      metrics.httpDuration.observe(
        { method: c.req.method, route, status: String(c.res.status) },
        (performance.now() - started) / 1000,
      );
    }
  };
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics on the main port: only when QIANSHAO_METRICS_TOKEN is set,
 * and only with `Authorization: Bearer <that token>` (the metrics name no
 * person, but they tell an outsider how busy the bureau is).
 */
export function metricsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/metrics', async (c) => {
    const token = deps.config.metrics.token;
    if (!deps.metrics || !token)
      throw new NotFound('metrics are not served on this port (set QIANSHAO_METRICS_TOKEN or QIANSHAO_METRICS_PORT)');
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('x-metrics-authorization') ?? c.req.header('authorization') ?? '');
    if (!m || !sameToken(m[1]!, token))
      throw new Unauthorized('metrics need "Authorization: Bearer <QIANSHAO_METRICS_TOKEN>"');
    const { text, contentType } = await scrapeMetrics({
      db: deps.db,
      metrics: deps.metrics,
      log: c.get('log'),
      poolStats: deps.poolStats,
      clock: deps.clock,
    });
    return c.body(text, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
  return app;
}
