import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { rotationInputSchema, silenceInputSchema } from '../../domain/alerts/index.ts';
import { addRotation, deleteShift, importRoster, listShifts, onDutyFor } from '../../alerts/roster-repo.ts';
import { cancelSilence, createSilence, listSilences } from '../../alerts/silences-repo.ts';
import { listPolicies, putPolicy } from '../../alerts/duty.ts';
import { Forbidden } from '../../domain/errors.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, parseBody, security, dbId } from './schemas.ts';
import { msg } from '../../domain/i18n/messages.ts';

// The duty roster and silences.

const idParam = z.object({ id: dbId });
const Shift = z
  .object({
    id: z.number().int(),
    user: z.string(),
    start: z.string(),
    end: z.string(),
    district: z.string().nullable(),
    streets: z.array(z.string()),
    categories: z.array(z.string()),
    tier: z.number().int(),
    override: z.boolean(),
    note: z.string().nullable(),
  })
  .openapi('Shift');
const Silence = z
  .object({
    id: z.number().int(),
    firmId: z.number().int().nullable(),
    rule: z.string().nullable(),
    level: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    reason: z.string(),
    createdBy: z.string(),
    active: z.boolean(),
    scope: z
      .union([
        z.object({ kind: z.literal('city') }),
        z.object({ kind: z.literal('district'), district: z.string(), streets: z.array(z.string()) }),
      ])
      .openapi({
        description: "where the silence mutes alerts: its creator's jurisdiction; 'city' spans every district",
      }),
  })
  .openapi('Silence');
const ImportResult = z.object({
  accepted: z.number().int(),
  rejected: z.array(
    z.object({ line: z.number().int(), reasons: z.array(z.object({ field: z.string(), message: z.string() })) }),
  ),
});

const importCsv = createRoute({
  method: 'post',
  path: '/roster/import',
  tags: ['roster'],
  security,
  middleware: [requirePermission('roster:manage')] as const,
  summary:
    'Import shifts from CSV: user,start,end,district,streets,categories,tier[,override,note] (times without offset are Shanghai time)',
  request: { body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
  responses: { 200: jsonContent(ImportResult, 'Shifts stored, rows rejected'), ...errorResponses },
});
const shifts = createRoute({
  method: 'get',
  path: '/roster/shifts',
  tags: ['roster'],
  security,
  middleware: [requirePermission('roster:read')] as const,
  summary: 'Shifts and overrides overlapping a window (default: the next 7 days)',
  request: {
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    }),
  },
  responses: { 200: jsonContent(z.array(Shift), 'Shifts'), ...errorResponses },
});
const removeShift = createRoute({
  method: 'delete',
  path: '/roster/shifts/{id}',
  tags: ['roster'],
  security,
  middleware: [requirePermission('roster:manage')] as const,
  summary: 'Delete a shift or override',
  request: { params: idParam },
  responses: {
    200: jsonContent(z.object({ id: z.number().int(), deleted: z.literal(true) }), 'Deleted'),
    ...errorResponses,
  },
});
const RotationBody = z.object({ name: z.string().min(1).max(100) }).passthrough();
const rotation = createRoute({
  method: 'post',
  path: '/roster/rotations',
  tags: ['roster'],
  security,
  middleware: [requirePermission('roster:manage')] as const,
  summary: 'Add a rotation: members (user ids) take turns of turnDays from anchor, optionally within a daily window',
  request: { body: { content: { 'application/json': { schema: RotationBody } }, required: true } },
  responses: { 200: jsonContent(z.object({ id: z.number().int() }), 'The rotation'), ...errorResponses },
});
const onDuty = createRoute({
  method: 'get',
  path: '/roster/on-duty',
  tags: ['roster'],
  security,
  middleware: [requirePermission('roster:read')] as const,
  summary:
    'Who is on duty for a firm and category, per tier (overrides win over shifts, shifts and rotations answer together)',
  request: {
    query: z.object({
      firm: z.string().min(1),
      category: z.string().default('labor'),
      at: z.iso.datetime({ offset: true }).optional(),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        firm: z.object({ id: z.number().int(), name: z.string() }),
        category: z.string(),
        at: z.string(),
        tiers: z.array(
          z.object({
            tier: z.number().int(),
            onDuty: z.array(z.object({ user: z.string(), source: z.string(), id: z.number().int() })),
          }),
        ),
      }),
      'On duty',
    ),
    ...errorResponses,
  },
});
const silences = createRoute({
  method: 'get',
  path: '/silences',
  tags: ['silences'],
  security,
  middleware: [requirePermission('alerts:read')] as const,
  summary: 'Silences in force or scheduled',
  responses: { 200: jsonContent(z.array(Silence), 'Silences'), ...errorResponses },
});
const SilenceBody = z
  .object({
    firmId: z.number().int().positive().nullable().optional(),
    rule: z.string().nullable().optional(),
    level: z.enum(['red', 'orange', 'yellow', 'blue']).nullable().optional(),
    startsAt: z.string().optional().openapi({ description: 'default now' }),
    endsAt: z.string(),
    reason: z.string(),
  })
  .openapi('SilenceInput');
const silence = createRoute({
  method: 'post',
  path: '/silences',
  tags: ['silences'],
  security,
  middleware: [requirePermission('silences:manage')] as const,
  summary: 'Mute a firm, rule or level for a while (alerts are still recorded, not delivered); audited',
  request: { body: { content: { 'application/json': { schema: SilenceBody } }, required: true } },
  responses: { 200: jsonContent(Silence, 'The silence'), ...errorResponses },
});
const unsilence = createRoute({
  method: 'post',
  path: '/silences/{id}/cancel',
  tags: ['silences'],
  security,
  middleware: [requirePermission('silences:manage')] as const,
  summary: 'End a silence now',
  request: { params: idParam },
  responses: {
    200: jsonContent(z.object({ id: z.number().int(), cancelled: z.literal(true) }), 'Ended'),
    ...errorResponses,
  },
});

const Policy = z
  .object({
    name: z.string(),
    levels: z.array(z.string()),
    updatedAt: z.string(),
    district: z
      .string()
      .nullable()
      .openapi({ description: 'null: the city default, inherited by districts without their own policy for a level' }),
    policy: z.object({
      steps: z.array(z.object({ target: z.record(z.string(), z.unknown()), waitMinutes: z.number().int() })),
      repeat: z.number().int(),
      ackTimeoutMinutes: z.number().int(),
    }),
  })
  .openapi('EscalationPolicy');
const policies = createRoute({
  method: 'get',
  path: '/escalation-policies',
  tags: ['roster'],
  security,
  middleware: [requirePermission('roster:read')] as const,
  summary:
    'Escalation policies (none stored: the default chain, tier 1 → 15 min → tier 2 → 30 min → tier 3, repeated once)',
  responses: { 200: jsonContent(z.array(Policy), 'Policies'), ...errorResponses },
});
const putPolicyRoute = createRoute({
  method: 'put',
  path: '/escalation-policies/{name}',
  tags: ['roster'],
  security,
  middleware: [requirePermission('escalation:manage')] as const,
  summary:
    'Create or replace a policy of your district (a city admin: the city default, or a district\'s with "district"): {"levels":["red"],"policy":{"steps":[{"target":{"kind":"on_duty","tier":1},"waitMinutes":10},…],"repeat":1,"ackTimeoutMinutes":60}}',
  request: { params: z.object({ name: z.string().min(1).max(100) }) },
  responses: { 200: jsonContent(Policy, 'The policy'), ...errorResponses },
});

export function dutyRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  app.openapi(importCsv, async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await importRoster(deps.db, principalOf(c), actorOf(c, deps), [body], now()), 200);
  });
  app.openapi(shifts, async (c) => {
    const q = c.req.valid('query');
    const from = q.from ? new Date(q.from) : now();
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + 7 * 86_400_000);
    return c.json(await listShifts(deps.db, principalOf(c), from, to), 200);
  });
  app.openapi(removeShift, async (c) => {
    const id = c.req.valid('param').id;
    await deleteShift(deps.db, principalOf(c), actorOf(c, deps), id, now());
    return c.json({ id, deleted: true as const }, 200);
  });
  app.openapi(rotation, async (c) => {
    const { name, ...rest } = c.req.valid('json');
    const r = parseBody(rotationInputSchema, rest);
    return c.json({ id: await addRotation(deps.db, principalOf(c), actorOf(c, deps), name, r, now()) }, 200);
  });
  app.openapi(onDuty, async (c) => {
    const q = c.req.valid('query');
    return c.json(await onDutyFor(deps.db, principalOf(c), q.firm, q.category, q.at ? new Date(q.at) : now()), 200);
  });
  app.openapi(policies, async (c) => c.json(await listPolicies(deps.db, scopeOf(principalOf(c))), 200));
  app.openapi(putPolicyRoute, async (c) => {
    const body = parseBody(
      z.object({
        levels: z.array(z.enum(['red', 'orange', 'yellow', 'blue'])).default([]),
        policy: z.unknown(),
        district: z.string().min(1).max(64).nullable().optional(),
      }),
      await c.req.json().catch(() => null),
    );
    const p = principalOf(c);
    // A district's admin edits that district's policy; only a city admin (no district) edits the default or names a district.
    if (p.district !== null && body.district !== undefined && body.district !== p.district)
      throw new Forbidden(
        `you may edit the escalation policy of ${p.district} only`,
        undefined,
        msg('escalation.own_district', { district: p.district }),
      );
    const district = p.district ?? body.district ?? null;
    return c.json(
      await putPolicy(
        deps.db,
        actorOf(c, deps),
        { name: c.req.valid('param').name, district },
        body.levels,
        body.policy,
        now(),
      ),
      200,
    );
  });
  app.openapi(silences, async (c) => c.json(await listSilences(deps.db, principalOf(c), now()), 200));
  app.openapi(silence, async (c) => {
    const body = c.req.valid('json');
    const input = parseBody(silenceInputSchema, { ...body, startsAt: body.startsAt ?? now().toISOString() });
    return c.json(await createSilence(deps.db, principalOf(c), actorOf(c, deps), input, now()), 200);
  });
  app.openapi(unsilence, async (c) => {
    const id = c.req.valid('param').id;
    await cancelSilence(deps.db, principalOf(c), actorOf(c, deps), id, now());
    return c.json({ id, cancelled: true as const }, 200);
  });
  return app;
}
