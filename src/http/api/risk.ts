import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { firmRisk, rankedFirms, riskHistory } from '../../scoring/risk-read.ts';
import { principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security } from './schemas.ts';

const Level = z
  .enum(['red', 'orange', 'yellow', 'blue'])
  .nullable()
  .openapi({ description: '红 red ≥ 80, 橙 orange ≥ 60, 黄 yellow ≥ 40, 蓝 blue ≥ 20; null: no warning' });
const Reason = z.object({
  key: z.string(),
  text: z.string().openapi({ description: 'the reason in Chinese, as inspectors read it' }),
});
const Components = z
  .object({ inspections: z.number(), petitions: z.number(), opinion: z.number(), affiliation: z.number() })
  .openapi('RiskComponents', { description: 'score points per source; they add up to the score' });
const Contribution = z
  .object({
    source: z.enum(['inspection', 'petition', 'opinion', 'partner']),
    id: z
      .union([z.number(), z.string()])
      .openapi({ description: 'inspection/petition id, feed item id, partner firm id, or "spike"' }),
    recordId: z.string().optional(),
    date: z.string(),
    points: z.number(),
    raw: z.number(),
    why: Reason,
  })
  .openapi('RiskContribution');
const Trigger = z
  .object({
    kind: z.enum(['major_opinion', 'collective_action', 'collective_wage_petition', 'overdue_wage_order']),
    level: z.enum(['red', 'orange', 'yellow', 'blue']),
    source: z.enum(['inspection', 'petition', 'opinion']),
    id: z.union([z.number(), z.string()]),
    recordId: z.string().optional(),
    date: z.string(),
    count: z.number().int(),
    why: Reason,
  })
  .openapi('HardTrigger');
const Score = z
  .object({
    at: z.string(),
    model: z.string(),
    score: z.number(),
    level: Level,
    scoreLevel: Level,
    raw: z.number(),
    rawComponents: Components,
    components: Components,
    contributions: z.array(Contribution),
    triggers: z.array(Trigger),
    flags: z.object({ majorOpinion: z.boolean(), creditCandidate: z.boolean() }),
  })
  .openapi('FirmScore');
const FirmBrief = z.object({
  id: z.number().int(),
  name: z.string(),
  uscc: z.string().nullable(),
  role: z.string(),
  sector: z.string(),
});
const Evidence = z
  .object({
    source: z.enum(['inspection', 'petition', 'opinion']),
    id: z.number().int(),
    recordId: z.string().nullable(),
    date: z.string(),
    facts: z
      .record(z.string(), z.unknown())
      .openapi({ description: "the record's fields; petitioners' personal data masked" }),
  })
  .openapi('EvidenceRecord');
const Partner = z.object({
  firm: FirmBrief.omit({ sector: true }),
  score: z.number(),
  level: Level,
  contributions: z
    .array(Contribution)
    .nullable()
    .openapi({ description: "the partner's own evidence; null when the partner is outside your jurisdiction" }),
});
const RiskResponse = z
  .object({
    firm: FirmBrief,
    score: Score.nullable().openapi({ description: 'null: never scored with anything against it (score 0)' }),
    ownScore: z.number(),
    checkedAt: z.string().nullable(),
    evidence: z.array(Evidence),
    partners: z.array(Partner),
  })
  .openapi('FirmRisk');

const risk = createRoute({
  method: 'get',
  path: '/firms/{id}/risk',
  tags: ['risk'],
  security,
  summary: 'The latest score, level, components, hard triggers and the evidence records behind them',
  middleware: [requirePermission('firms:read')] as const,
  request: { params: z.object({ id: z.string().min(1).max(40).openapi({ description: 'numeric id or USCC' }) }) },
  responses: { 200: jsonContent(RiskResponse, "The firm's risk"), ...errorResponses },
});

const history = createRoute({
  method: 'get',
  path: '/firms/{id}/risk/history',
  tags: ['risk'],
  security,
  summary: 'The score series: a point each time the stored result changed (oldest first)',
  middleware: [requirePermission('firms:read')] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(40) }),
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(5000).default(365),
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          firm: FirmBrief,
          points: z.array(
            z.object({ at: z.string(), score: z.number(), ownScore: z.number(), level: Level, model: z.string() }),
          ),
          checkedAt: z.string().nullable().openapi({ description: 'when a run last confirmed the latest point' }),
        })
        .openapi('RiskHistory'),
      'The series',
    ),
    ...errorResponses,
  },
});

const ranked = createRoute({
  method: 'get',
  path: '/risk',
  tags: ['risk'],
  security,
  summary: 'Firms in your jurisdiction by latest score, highest first',
  middleware: [requirePermission('firms:read')] as const,
  request: {
    query: z.object({
      level: z.enum(['red', 'orange', 'yellow', 'blue']).optional().openapi({ description: 'this level and above' }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          firms: z.array(
            FirmBrief.extend({
              score: z.number(),
              level: Level,
              at: z.string(),
              majorOpinion: z.boolean(),
              creditCandidate: z.boolean(),
            }),
          ),
        })
        .openapi('RankedFirms'),
      'Ranked firms',
    ),
    ...errorResponses,
  },
});

export function riskRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(risk, async (c) =>
    c.json(await firmRisk(deps.db, scopeOf(principalOf(c)), c.req.valid('param').id), 200),
  );
  app.openapi(history, async (c) => {
    const q = c.req.valid('query');
    const range = {
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      limit: q.limit,
    };
    return c.json(await riskHistory(deps.db, scopeOf(principalOf(c)), c.req.valid('param').id, range), 200);
  });
  app.openapi(ranked, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      {
        firms: await rankedFirms(deps.db, scopeOf(principalOf(c)), {
          minLevel: q.level,
          limit: q.limit,
          offset: q.offset,
        }),
      },
      200,
    );
  });
  return app;
}
