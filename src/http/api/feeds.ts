import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { addFeed, listFeeds, masked, setFeedEnabled } from '../../ingest/opinion/feeds-repo.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import { feedContext } from '../feed-context.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security } from './schemas.ts';
import { listFeedAlerts } from '../../alerts/feed-alerts-read.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';

const Feed = z
  .object({
    id: z.number().int(),
    name: z.string(),
    url: z.string().nullable().describe('credentials and tokens masked'),
    district: z.string().nullable().describe('null: city-wide'),
    credibility: z.number(),
    pollIntervalMin: z.number().int(),
    enabled: z.boolean(),
    lastPolledAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    nextPollAt: z.string(),
  })
  .openapi('Feed');
type FeedRow = Awaited<ReturnType<typeof listFeeds>>[number];
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toDto = (raw: FeedRow) => {
  const f = masked(raw);
  return {
    id: f.id,
    name: f.name,
    url: f.url,
    district: f.district,
    credibility: f.credibility,
    pollIntervalMin: f.poll_interval_min,
    enabled: f.enabled,
    lastPolledAt: iso(f.last_polled_at),
    lastSuccessAt: iso(f.last_success_at),
    lastError: f.last_error,
    consecutiveFailures: f.consecutive_failures,
    nextPollAt: f.next_poll_at.toISOString(),
  };
};

const list = createRoute({
  method: 'get',
  path: '/feeds',
  tags: ['feeds'],
  security,
  summary: 'Public-opinion feeds and their health',
  middleware: [requirePermission('records:read')] as const,
  responses: { 200: jsonContent(z.object({ feeds: z.array(Feed) }), 'Feeds'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/feeds',
  tags: ['feeds'],
  security,
  summary: 'Register a feed (RSS/Atom/RDF URL)',
  middleware: [requirePermission('feeds:manage')] as const,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            name: z.string(),
            url: z.string(),
            credibility: z.number().optional(),
            pollIntervalMin: z.number().int().optional(),
            enabled: z.boolean().optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 201: jsonContent(Feed, 'Registered'), ...errorResponses },
});
const toggle = createRoute({
  method: 'post',
  path: '/feeds/{id}/{action}',
  tags: ['feeds'],
  security,
  summary: 'Enable or disable a feed',
  middleware: [requirePermission('feeds:manage')] as const,
  request: { params: z.object({ id: z.string(), action: z.enum(['enable', 'disable']) }) },
  responses: { 200: jsonContent(Feed, 'Updated'), ...errorResponses },
});

const FeedAlert = z
  .object({
    id: z.number().int(),
    feed: z.object({ id: z.number().int(), name: z.string(), district: z.string().nullable() }),
    kind: z.enum(['failing', 'silent']),
    raisedAt: z.string(),
    resolvedAt: z.string().nullable().describe('null: still open'),
    details: z.record(z.string(), z.unknown()).describe('since, failures, last_error, usual_interval_minutes'),
  })
  .openapi('FeedAlert');
const alerts = createRoute({
  method: 'get',
  path: '/feed-alerts',
  tags: ['feeds'],
  security,
  summary: "Feed health alerts (a feed failing or silent for too long), in the caller's district and city-wide",
  middleware: [requirePermission('alerts:read')] as const,
  request: {
    query: z.object({
      status: z.enum(['open', 'all']).optional().openapi({ description: 'open (default) or all (the latest 100)' }),
    }),
  },
  responses: { 200: jsonContent(z.object({ feedAlerts: z.array(FeedAlert) }), 'Feed alerts'), ...errorResponses },
});

export function feedRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  app.openapi(list, async (c) => c.json({ feeds: (await listFeeds(deps.db, principalOf(c))).map(toDto) }, 200));
  app.openapi(alerts, async (c) => {
    const rows = await listFeedAlerts(deps.db, scopeOf(principalOf(c)), c.req.valid('query').status ?? 'open');
    return c.json(
      { feedAlerts: rows.map((f) => ({ ...f, raisedAt: f.raisedAt.toISOString(), resolvedAt: iso(f.resolvedAt) })) },
      200,
    );
  });
  app.openapi(create, async (c) =>
    c.json(
      toDto(await addFeed(deps.db, actorOf(c, deps), c.req.valid('json'), now(), feedContext(deps, principalOf(c)))),
      201,
    ),
  );
  app.openapi(toggle, async (c) => {
    const { id, action } = c.req.valid('param');
    return c.json(
      toDto(await setFeedEnabled(deps.db, actorOf(c, deps), id, action === 'enable', now(), principalOf(c))),
      200,
    );
  });
  return app;
}
