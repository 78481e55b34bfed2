import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { dispositionInputSchema } from '../../domain/alerts/disposition.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { Invalid } from '../../domain/errors.ts';
import { getAlert, listAlertsPage } from '../../alerts/alerts-read.ts';
import { addNote, assign, markInfoPublished, transition } from '../../alerts/lifecycle.ts';
import { ALERT_STATUSES, DISMISS_REASONS, type Transition } from '../../domain/alerts/states.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, parseBody, security, dbId } from './schemas.ts';

const Level = z.enum(['red', 'orange', 'yellow', 'blue']);
export const AlertSchema = z
  .object({
    id: z.number().int(),
    rule: z.string().openapi({ example: 'major_opinion' }),
    category: z.string().openapi({ description: 'opinion or labor' }),
    level: z.string().openapi({ description: 'red, orange, yellow or blue' }),
    status: z.string().openapi({ description: 'open, acknowledged, in_progress, resolved or dismissed' }),
    title: z.string(),
    firm: z.object({
      id: z.number().int(),
      name: z.string(),
      uscc: z.string().nullable(),
      district: z.string().nullable(),
      street: z.string().nullable(),
    }),
    score: z.number(),
    raised_at: z.string(),
    updated_at: z.string(),
    due_at: z.string().nullable().openapi({ description: 'the next deadline (handling, else acknowledgement)' }),
    ack_due_at: z.string().nullable(),
    handle_due_at: z.string().nullable(),
    overdue: z.boolean(),
    assignee: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    acknowledged_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    dismiss_reason: z.string().nullable(),
    silenced: z.boolean(),
    evidence: z.array(z.unknown()),
    url: z.string(),
  })
  .openapi('Alert');
const AlertDetail = AlertSchema.extend({
  timeline: z.array(
    z.object({ at: z.string(), kind: z.string(), actor: z.string(), details: z.record(z.string(), z.unknown()) }),
  ),
}).openapi('AlertDetail');

const idParam = z.object({ id: dbId });
const noteBody = z.object({ note: z.string().trim().min(1).max(2000).optional() });
/** Resolving a major-opinion alert says what was done (issue 17 item 7). */
const resolveBody = noteBody.extend({ actions: z.array(dispositionInputSchema).max(20).optional() });

const list = createRoute({
  method: 'get',
  path: '/alerts',
  tags: ['alerts'],
  security,
  summary: 'The alert queue in your jurisdiction, most urgent first',
  middleware: [requirePermission('alerts:read')] as const,
  request: {
    query: z.object({
      status: z
        .enum(['all', ...ALERT_STATUSES])
        .default('open')
        .openapi({ description: 'open = open, acknowledged and in_progress' }),
      level: Level.optional(),
      firm: dbId.optional(),
      assignee: z
        .union([z.literal('me'), dbId])
        .optional()
        .openapi({ description: '"me" or a user id' }),
      overdue: z.enum(['true', 'false']).optional(),
      rule: z.string().max(100).optional(),
      sector: z.string().max(100).optional().openapi({ description: "the firm's sector" }),
      street: z.string().max(200).optional().openapi({ description: "the firm's street" }),
      source: z.enum(['opinion', 'labor']).optional().openapi({ description: "the alert's category" }),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).default(0),
      after: z.string().max(400).optional().openapi({
        description: 'keyset cursor: the x-next-cursor header of the previous page (offset then counts from it)',
      }),
    }),
  },
  responses: {
    200: {
      ...jsonContent(z.array(AlertSchema), 'Alerts'),
      headers: z.object({
        'x-next-cursor': z
          .string()
          .optional()
          .openapi({ description: 'pass as `after` for the next page; absent on the last page' }),
      }),
    },
    ...errorResponses,
  },
});

const one = createRoute({
  method: 'get',
  path: '/alerts/{id}',
  tags: ['alerts'],
  security,
  summary: 'One alert with its timeline',
  middleware: [requirePermission('alerts:read')] as const,
  request: { params: idParam },
  responses: { 200: jsonContent(AlertDetail, 'The alert'), ...errorResponses },
});

// The body is read by the handler (not the OpenAPI validator) so that a
// POST with no body, or an empty one, is accepted where the body is optional.
const move = (path: string, summary: string, body: z.ZodType) =>
  createRoute({
    method: 'post',
    path: `/alerts/{id}/${path}`,
    tags: ['alerts'],
    security,
    summary,
    description: `JSON body: ${JSON.stringify(z.toJSONSchema(body))}`,
    middleware: [requirePermission('alerts:write')] as const,
    request: { params: idParam },
    responses: {
      200: jsonContent(AlertSchema, 'The alert after the change'),
      409: jsonContent(
        z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
        'Not allowed from the current status',
      ),
      ...errorResponses,
    },
  });

const TRANSITIONS: Array<{ path: Transition; summary: string }> = [
  { path: 'ack', summary: 'Acknowledge (stops escalation)' },
  { path: 'start', summary: 'Start handling (in_progress)' },
  { path: 'resolve', summary: 'Resolve' },
];

export function alertRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  const actionDeps = { db: deps.db, publicUrl: deps.config.publicUrl };
  // A missing or empty body is fine for these (CONTRACT: the body *may* carry a note).
  const bodyOf = async (c: { req: { text(): Promise<string> } }) => {
    const text = await c.req.text();
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Invalid('body: not valid JSON');
    }
  };

  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const p = principalOf(c);
    const assigneeId = q.assignee === 'me' ? p.userId : q.assignee ? Number(q.assignee) : undefined;
    const page = await listAlertsPage(
      deps.db,
      scopeOf(p),
      {
        status: q.status,
        level: q.level,
        firmId: q.firm,
        assigneeId,
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        rule: q.rule,
        sector: q.sector,
        street: q.street,
        source: q.source,
        limit: q.limit,
        offset: q.offset,
        after: q.after,
      },
      deps.config.publicUrl,
    );
    if (page.next) c.header('x-next-cursor', page.next);
    return c.json(page.alerts, 200);
  });
  app.openapi(one, async (c) =>
    c.json(await getAlert(deps.db, scopeOf(principalOf(c)), c.req.valid('param').id, deps.config.publicUrl), 200),
  );

  for (const t of TRANSITIONS) {
    const schema = t.path === 'resolve' ? resolveBody : noteBody;
    app.openapi(move(t.path, t.summary, schema), async (c) => {
      const body = parseBody(resolveBody, await bodyOf(c));
      const dto = await transition(
        actionDeps,
        principalOf(c),
        actorOf(c, deps),
        c.req.valid('param').id,
        t.path,
        now(),
        { note: body.note, actions: body.actions },
      );
      return c.json(dto, 200);
    });
  }
  const dismissBody = z.object({
    reason: z.enum(DISMISS_REASONS),
    note: z.string().trim().min(1).max(2000).optional(),
  });
  app.openapi(move('dismiss', 'Dismiss with a reason (kept for tuning the model)', dismissBody), async (c) => {
    const body = parseBody(dismissBody, await bodyOf(c));
    return c.json(
      await transition(actionDeps, principalOf(c), actorOf(c, deps), c.req.valid('param').id, 'dismiss', now(), body),
      200,
    );
  });
  const assignBody = z.object({ user: z.string().min(1).max(100) });
  app.openapi(
    move('assign', "Assign to a user who may work alerts in this firm's jurisdiction", assignBody),
    async (c) => {
      const body = parseBody(assignBody, await bodyOf(c));
      return c.json(
        await assign(actionDeps, principalOf(c), actorOf(c, deps), c.req.valid('param').id, body.user, now()),
        200,
      );
    },
  );
  app.openapi(
    move(
      'info-published',
      'Mark authoritative information published (the 5-hour milestone of major public opinion)',
      noteBody,
    ),
    async (c) => {
      const body = parseBody(noteBody, await bodyOf(c));
      return c.json(
        await markInfoPublished(
          actionDeps,
          principalOf(c),
          actorOf(c, deps),
          c.req.valid('param').id,
          now(),
          body.note,
        ),
        200,
      );
    },
  );
  const notesBody = z.object({ note: z.string().trim().min(1).max(2000) });
  app.openapi(move('notes', 'Add a note to the timeline', notesBody), async (c) => {
    const body = parseBody(notesBody, await bodyOf(c));
    return c.json(
      await addNote(actionDeps, principalOf(c), actorOf(c, deps), c.req.valid('param').id, body.note, now()),
      200,
    );
  });
  return app;
}
