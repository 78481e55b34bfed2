import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { Invalid } from '../../domain/errors.ts';
import { CREDIT_ACTIONS, INPUTS, availableActions, dateOf, type CreditAction } from '../../domain/credit/index.ts';
import { caseDto, caseHistory, creditConfigOf, getCase, listCases, stateOf } from '../../credit/credit-read.ts';
import { applyCreditAction, creditActorOf } from '../../credit/workflow.ts';
import { refreshCandidates } from '../../credit/candidates.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security, dbId } from './schemas.ts';

const CaseSchema = z
  .object({
    id: z.number().int(),
    state: z.string(),
    firm: z.object({
      id: z.number().int(),
      name: z.string(),
      uscc: z.string().nullable(),
      district: z.string().nullable(),
      street: z.string().nullable(),
      legal_representative: z.string().nullable(),
    }),
    conditions: z
      .array(z.string())
      .openapi({ description: 'crime_amount, collective_petition, extreme_event (45号令 art. 5)' }),
    reason: z.string(),
    basis: z.string().nullable(),
    evidence: z.record(z.string(), z.unknown()),
    proposed_by: z.string().nullable(),
    approved_by: z.string().nullable(),
    approver_account: z.object({ age_days: z.number().int(), new: z.boolean() }).nullable().openapi({
      description:
        "age of the approver's account when they approved; new: under 7 days (a possible sock puppet, check it)",
    }),
    decision_no: z.string().nullable(),
    authority: z.string().nullable(),
    listed_on: z.string().nullable(),
    expected_exit_on: z.string().nullable(),
    removed_on: z.string().nullable(),
    removal_reason: z.string().nullable(),
    record: z.record(z.string(), z.string().nullable()).openapi({
      description:
        '对象名称, 统一社会信用代码, 法定代表人, 列入事由, 列入依据, 决定机关, 文书号, 列入日期, 预计退出日期, 移出日期, 移出原因',
    }),
  })
  .passthrough()
  .openapi('CreditCase');
const conflict = {
  409: jsonContent(
    z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
    'Not allowed from the current state',
  ),
};

const candidates = createRoute({
  method: 'get',
  path: '/credit/candidates',
  tags: ['credit'],
  security,
  summary: 'Firms meeting 人社部令第45号 art. 5, with their evidence (candidates only; people decide)',
  middleware: [requirePermission('credit:read')] as const,
  request: {
    query: z.object({
      refresh: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'evaluate the rule now first (needs credit:propose)' }),
    }),
  },
  responses: { 200: jsonContent(z.array(CaseSchema), 'Candidate cases'), ...errorResponses },
});
const cases = createRoute({
  method: 'get',
  path: '/credit/cases',
  tags: ['credit'],
  security,
  summary: 'Credit cases in your jurisdiction',
  middleware: [requirePermission('credit:read')] as const,
  request: {
    query: z.object({ state: z.string().max(200).optional().openapi({ description: 'comma-separated states' }) }),
  },
  responses: { 200: jsonContent(z.array(CaseSchema), 'Cases'), ...errorResponses },
});
const one = createRoute({
  method: 'get',
  path: '/credit/cases/{id}',
  tags: ['credit'],
  security,
  summary: 'One case with its history and the actions you may take',
  middleware: [requirePermission('credit:read')] as const,
  request: { params: z.object({ id: dbId }) },
  responses: {
    200: jsonContent(CaseSchema.extend({ history: z.array(z.unknown()), actions: z.array(z.string()) }), 'The case'),
    ...errorResponses,
  },
});
const act = createRoute({
  method: 'post',
  path: '/credit/cases/{id}/{action}',
  tags: ['credit'],
  security,
  summary: 'A step of the procedure (audited; two people are needed to list)',
  description: `actions and their JSON bodies: ${CREDIT_ACTIONS.filter((a) => a !== 'expire')
    .map((a) => `${a} ${JSON.stringify(z.toJSONSchema(INPUTS[a]))}`)
    .join('; ')}`,
  middleware: [requirePermission('credit:read')] as const,
  request: {
    params: z.object({
      id: dbId,
      action: z.enum(CREDIT_ACTIONS.filter((a) => a !== 'expire') as [CreditAction, ...CreditAction[]]),
    }),
  },
  responses: { 200: jsonContent(CaseSchema, 'The case after the step'), ...conflict, ...errorResponses },
});
const list = createRoute({
  method: 'get',
  path: '/credit-list',
  tags: ['credit'],
  security,
  summary: 'The current list (listed cases) in your jurisdiction, as list records',
  middleware: [requirePermission('credit:read')] as const,
  request: {
    query: z.object({ history: z.enum(['true', 'false']).optional().openapi({ description: 'also removed entries' }) }),
  },
  responses: {
    200: jsonContent(
      z.array(
        z.object({ id: z.number().int(), state: z.string(), record: z.record(z.string(), z.string().nullable()) }),
      ),
      'List records',
    ),
    ...errorResponses,
  },
});

export function creditRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const now = () => deps.clock?.() ?? new Date();
  const creditDeps = { db: deps.db, calendar: deps.config.sla.calendar, credit: creditConfigOf(deps.config) };

  app.openapi(candidates, async (c) => {
    const p = principalOf(c);
    if (c.req.valid('query').refresh === 'true') {
      await requirePermission('credit:propose')(c, async () => {});
      await refreshCandidates(deps.db, creditDeps.credit, creditDeps.calendar, now());
    }
    return c.json(
      (await listCases(deps.db, scopeOf(p), { states: ['candidate'] })).map((r) => caseDto(r)),
      200,
    );
  });
  app.openapi(cases, async (c) => {
    const states = c.req
      .valid('query')
      .state?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return c.json(
      (await listCases(deps.db, scopeOf(principalOf(c)), { states })).map((r) => caseDto(r)),
      200,
    );
  });
  app.openapi(one, async (c) => {
    const p = principalOf(c);
    const row = await getCase(deps.db, scopeOf(p), c.req.valid('param').id);
    return c.json(
      {
        ...caseDto(row, { today: dateOf(now()), calendar: creditDeps.calendar, credit: creditDeps.credit }),
        history: await caseHistory(deps.db, row.id),
        actions: availableActions(stateOf(row), creditActorOf(p, actorOf(c, deps))),
      },
      200,
    );
  });
  app.openapi(act, async (c) => {
    const { id, action } = c.req.valid('param');
    const text = await c.req.text();
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        throw new Invalid('body: not valid JSON');
      }
    }
    return c.json(await applyCreditAction(creditDeps, principalOf(c), actorOf(c, deps), id, action, body, now()), 200);
  });
  app.openapi(list, async (c) => {
    const states = c.req.valid('query').history === 'true' ? ['listed', 'removed'] : ['listed'];
    return c.json(
      (await listCases(deps.db, scopeOf(principalOf(c)), { states })).map((r) => ({
        id: r.id,
        state: r.state,
        record: caseDto(r).record,
      })),
      200,
    );
  });
  return app;
}
