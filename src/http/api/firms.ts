import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Firm } from '../../db/schema.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { aliasesOf, firmRelations, getFirm, listFirms, upsertAlias } from '../../firms/firms-repo.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security, dbId } from './schemas.ts';

export const FirmSchema = z
  .object({
    id: z.number().int(),
    uscc: z.string().nullable().openapi({ example: '91310105700010058E' }),
    name: z.string(),
    sector: z.string(),
    role: z.string(),
    district: z.string().nullable(),
    street: z.string().nullable(),
    address: z.string().nullable(),
  })
  .openapi('Firm');

const RelatedFirm = z.object({ id: z.number().int(), name: z.string(), uscc: z.string().nullable(), kind: z.string() });
const FirmDetail = FirmSchema.extend({
  aliases: z.array(z.string()),
  platforms: z.array(RelatedFirm),
  partners: z.array(RelatedFirm),
  outside: z
    .object({ platforms: z.number().int(), partners: z.number().int() })
    .openapi({ description: "links to firms outside the caller's jurisdiction, counted (not named)" }),
}).openapi('FirmDetail');

export const toFirmDto = (f: Firm) => ({
  id: f.id,
  uscc: f.uscc,
  name: f.name,
  sector: f.sector,
  role: f.role,
  district: f.district,
  street: f.street,
  address: f.address,
});

const list = createRoute({
  method: 'get',
  path: '/firms',
  tags: ['firms'],
  security,
  summary: 'Firms in your jurisdiction (keyset pagination by id)',
  middleware: [requirePermission('firms:read')] as const,
  request: {
    query: z.object({
      q: z.string().max(100).optional().openapi({ description: 'name, alias or USCC' }),
      role: z.string().optional(),
      sector: z.string().optional(),
      after: dbId.optional().openapi({ description: 'id of the last firm of the previous page' }),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: jsonContent(z.object({ firms: z.array(FirmSchema), next: z.number().int().nullable() }), 'A page of firms'),
    ...errorResponses,
  },
});

const one = createRoute({
  method: 'get',
  path: '/firms/{id}',
  tags: ['firms'],
  security,
  summary: 'One firm by id or USCC, with aliases and relations',
  middleware: [requirePermission('firms:read')] as const,
  request: { params: z.object({ id: z.string().min(1).max(40).openapi({ description: 'numeric id or USCC' }) }) },
  responses: { 200: jsonContent(FirmDetail, 'The firm'), ...errorResponses },
});

const alias = createRoute({
  method: 'post',
  path: '/firms/{id}/aliases',
  tags: ['firms'],
  security,
  summary: 'Add an alias, or mark one ambiguous (needs a second cue to count as a mention)',
  middleware: [requirePermission('firms:write')] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(40) }),
    body: {
      content: {
        'application/json': {
          schema: z.object({ alias: z.string().min(1).max(100), ambiguous: z.boolean().default(false) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(
      z.object({ aliases: z.array(z.object({ alias: z.string(), ambiguous: z.boolean() })) }),
      "The firm's aliases",
    ),
    ...errorResponses,
  },
});

export function firmRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const scope = scopeOf(principalOf(c));
    const firms = await listFirms(deps.db, scope, {
      q: q.q,
      role: q.role,
      sector: q.sector,
      afterId: q.after,
      limit: q.limit,
    });
    const next = firms.length === q.limit ? firms[firms.length - 1]!.id : null;
    return c.json({ firms: firms.map(toFirmDto), next }, 200);
  });
  app.openapi(one, async (c) => {
    const scope = scopeOf(principalOf(c));
    const firm = await getFirm(deps.db, scope, c.req.valid('param').id);
    const aliases = await aliasesOf(deps.db, firm.id);
    const rel = await firmRelations(deps.db, scope, firm.id);
    return c.json({ ...toFirmDto(firm), aliases, ...rel }, 200);
  });
  app.openapi(alias, async (c) => {
    const aliases = await upsertAlias(
      deps.db,
      actorOf(c, deps),
      scopeOf(principalOf(c)),
      c.req.valid('param').id,
      c.req.valid('json'),
      deps.clock?.() ?? new Date(),
    );
    return c.json({ aliases }, 200);
  });
  return app;
}
