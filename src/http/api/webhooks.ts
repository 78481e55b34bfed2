import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { CHANNEL_KINDS, EVENT_TYPES } from '../../delivery/channels/index.ts';
import {
  listDeliveries,
  listEndpoints,
  registerEndpoint,
  replayDelivery,
  setEndpointEnabled,
} from '../../delivery/endpoints.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security, dbId } from './schemas.ts';

const Registration = z
  .object({
    url: z.string().min(1).max(2000),
    kind: z.enum(CHANNEL_KINDS),
    secret: z.string().min(1).max(500).optional().openapi({
      description: "standard: whsec_… (generated when omitted); dingtalk/feishu: the robot's signing secret",
    }),
    events: z.array(z.enum(EVENT_TYPES)).optional().openapi({ description: 'none: every event' }),
    levels: z
      .array(z.enum(['red', 'orange', 'yellow', 'blue']))
      .optional()
      .openapi({ description: 'none: every level' }),
    label: z.string().max(200).optional(),
    settings: z.record(z.string(), z.string().max(200)).optional().openapi({
      description:
        'SMS/voice channels: aliyun_sms {accessKeyId, signName, templateCode}; aliyun_voice {accessKeyId, ttsCode, calledShowNumber?, playTimes?}; tencent_sms {secretId, sdkAppId, signName, templateId, region?}. The key secret goes in `secret`.',
    }),
    district: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: "a city-level admin sets up a district's channel; default: your own district" }),
    lang: z.enum(['zh', 'en']).optional().openapi({
      description:
        "the language its messages are written in (default zh); SMS and voice follow each recipient's own language",
    }),
  })
  .openapi('WebhookRegistration');

const Endpoint = z
  .object({
    id: z.number().int(),
    url: z.string().openapi({ description: 'query string hidden: robots keep their key there' }),
    kind: z.string(),
    events: z.array(z.string()),
    levels: z.array(z.string()),
    district: z.string().nullable(),
    label: z.string().nullable(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    hasSecret: z.boolean(),
    settings: z.record(z.string(), z.string()),
    lang: z.enum(['zh', 'en']),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('WebhookEndpoint');

const Delivery = z
  .object({
    id: z.number().int(),
    endpointId: z.number().int(),
    messageId: z.string(),
    eventType: z.string(),
    alertId: z.number().int().nullable(),
    status: z.string(),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('Delivery');

const idParam = z.object({ id: dbId });

const register = createRoute({
  method: 'post',
  path: '/webhooks',
  tags: ['webhooks'],
  security,
  middleware: [requirePermission('webhooks:manage')] as const,
  summary:
    'Register an endpoint (Standard Webhooks, WeCom/DingTalk/Feishu group robot, or an Alibaba Cloud / Tencent Cloud SMS or voice channel); the secret is shown once',
  request: { body: { content: { 'application/json': { schema: Registration } }, required: true } },
  responses: {
    200: jsonContent(
      z.object({ id: z.number().int(), secret: z.string().nullable() }),
      'The endpoint id and its secret',
    ),
    ...errorResponses,
  },
});
const list = createRoute({
  method: 'get',
  path: '/webhooks',
  tags: ['webhooks'],
  security,
  middleware: [requirePermission('webhooks:manage')] as const,
  summary: "Your jurisdiction's endpoints (no secrets)",
  responses: { 200: jsonContent(z.array(Endpoint), 'Endpoints'), ...errorResponses },
});
const toggle = (what: 'enable' | 'disable') =>
  createRoute({
    method: 'post',
    path: `/webhooks/{id}/${what}`,
    tags: ['webhooks'],
    security,
    middleware: [requirePermission('webhooks:manage')] as const,
    summary: `${what[0]!.toUpperCase()}${what.slice(1)} an endpoint`,
    request: { params: idParam },
    responses: {
      200: jsonContent(z.object({ id: z.number().int(), enabled: z.boolean() }), 'Done'),
      ...errorResponses,
    },
  });
const deliveries = createRoute({
  method: 'get',
  path: '/deliveries',
  tags: ['webhooks'],
  security,
  middleware: [requirePermission('webhooks:manage')] as const,
  summary: 'Deliveries, newest first; status=dead lists the dead letters',
  request: {
    query: z.object({
      status: z.enum(['pending', 'sending', 'delivered', 'dead', 'cancelled']).optional(),
      endpoint: dbId.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: { 200: jsonContent(z.array(Delivery), 'Deliveries'), ...errorResponses },
});
const replay = createRoute({
  method: 'post',
  path: '/deliveries/{id}/replay',
  tags: ['webhooks'],
  security,
  middleware: [requirePermission('webhooks:manage')] as const,
  summary: 'Send a dead-lettered message again, same webhook-id; a delivered one only with force (409 without)',
  request: {
    params: idParam,
    query: z.object({
      force: z.enum(['true', 'false']).optional().openapi({ description: 'or {"force":true} in the body' }),
    }),
    body: {
      content: {
        'application/json': {
          schema: z
            .object({ force: z.boolean().optional() })
            .openapi({ description: 'true confirms sending a delivered message again (audited)' }),
        },
      },
      required: false,
    },
  },
  responses: {
    200: jsonContent(z.object({ id: z.number().int(), status: z.literal('pending') }), 'Queued'),
    ...errorResponses,
  },
});

export function webhookRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  app.openapi(register, async (c) => {
    const out = await registerEndpoint(
      deps.db,
      deps.secretKey,
      deps.config.allowPrivateNetworks,
      principalOf(c),
      actorOf(c, deps),
      c.req.valid('json'),
      now(),
    );
    return c.json(out, 200);
  });
  app.openapi(list, async (c) => c.json(await listEndpoints(deps.db, principalOf(c)), 200));
  for (const what of ['enable', 'disable'] as const) {
    app.openapi(toggle(what), async (c) => {
      const id = c.req.valid('param').id;
      await setEndpointEnabled(deps.db, principalOf(c), actorOf(c, deps), id, what === 'enable', now());
      return c.json({ id, enabled: what === 'enable' }, 200);
    });
  }
  app.openapi(deliveries, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listDeliveries(deps.db, principalOf(c), { status: q.status, endpointId: q.endpoint, limit: q.limit }),
      200,
    );
  });
  app.openapi(replay, async (c) => {
    const id = c.req.valid('param').id;
    const force = c.req.valid('query').force === 'true' || c.req.valid('json')?.force === true;
    await replayDelivery(deps.db, principalOf(c), actorOf(c, deps), id, now(), { force });
    return c.json({ id, status: 'pending' as const }, 200);
  });
  return app;
}
