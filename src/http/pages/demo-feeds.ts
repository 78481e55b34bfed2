import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

export interface DemoFeedDoc {
  slug: string;
  contentType: string;
  body: Uint8Array;
}

/**
 * Serves the demo's public-opinion feeds from the app itself, so that the
 * scheduled poller has something to fetch on a machine without network.
 * Mounted only in demo mode.
 */
export function demoFeedRoutes(docs: () => readonly DemoFeedDoc[]) {
  const app = new Hono<AppEnv>();
  app.get('/demo/feeds/:file', (c) => {
    const slug = c.req.param('file').replace(/\.xml$/, '');
    const doc = docs().find((d) => d.slug === slug);
    if (!doc) return c.json({ error: { code: 'not_found', message: `no demo feed ${slug}` } }, 404);
    return c.body(doc.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': doc.contentType,
      'cache-control': 'no-cache',
    });
  });
  return app;
}
