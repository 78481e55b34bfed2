import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import { scrapeMetrics, type ScrapeDeps } from './scrape.ts';

/**
 * QIANSHAO_METRICS_PORT: /metrics alone on a port of its own (for a
 * network only Prometheus reaches). With QIANSHAO_METRICS_TOKEN set as
 * well, the token is required here too.
 */
export async function startMetricsServer(
  deps: ScrapeDeps & { log: Logger },
  port: number,
  token: string | null,
): Promise<{ port: number; close(): Promise<void> }> {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (token) {
      const sent = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      const a = Buffer.from(sent);
      const b = Buffer.from(token);
      if (a.length !== b.length || !timingSafeEqual(a, b))
        return c.json(
          { error: { code: 'unauthorized', message: 'metrics need "Authorization: Bearer <QIANSHAO_METRICS_TOKEN>"' } },
          401,
        );
    }
    const { text, contentType } = await scrapeMetrics(deps);
    return c.body(text, 200, { 'content-type': contentType });
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'only /metrics is served on this port' } }, 404));
  let server: ServerType | undefined;
  const bound = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port, hostname: '0.0.0.0' }, (info) => resolve(info.port));
    server.once('error', reject);
  });
  deps.log.info({ port: bound }, 'metrics served on their own port');
  return { port: bound, close: () => new Promise<void>((resolve) => server!.close(() => resolve())) };
}
