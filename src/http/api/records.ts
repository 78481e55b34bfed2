import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { evidenceArrived } from '../../ingest/evidence-arrived.ts';
import { linkUnresolved, listUnresolved } from '../../ingest/unresolved.ts';
import { readPetition } from '../../ingest/petitions-read.ts';
import { createSealer } from '../../crypto/sealer.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security, dbId } from './schemas.ts';

const Group = z
  .object({
    kind: z.enum(['inspections', 'petitions']),
    name: z.string(),
    nameKey: z.string(),
    uscc: z.string().nullable(),
    resolution: z.enum(['unresolved', 'ambiguous']),
    records: z.number().int(),
    recordIds: z.array(z.string()),
  })
  .openapi('UnresolvedGroup');
const Petition = z
  .object({
    id: z.number().int(),
    recordId: z.string(),
    source: z.string(),
    received: z.string(),
    channel: z.string().nullable(),
    categories: z.array(z.string()),
    petitioners: z.number().int(),
    repeat: z.boolean(),
    status: z.string().nullable(),
    closed: z.string().nullable(),
    firm: z.object({ id: z.number().int(), name: z.string(), uscc: z.string().nullable() }).nullable(),
    firmNameAsWritten: z.string().nullable(),
    summary: z.string().nullable(),
    petitioner: z.object({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      idNumber: z.string().nullable(),
      idNumberValid: z.boolean().nullable(),
    }),
    extra: z.record(z.string(), z.unknown()).describe('unknown columns of the file, masked unless unmasked'),
    unmasked: z.boolean(),
  })
  .openapi('Petition');

const unresolved = createRoute({
  method: 'get',
  path: '/records/unresolved',
  tags: ['records'],
  security,
  summary: 'Records whose firm resolved to none or several, grouped by the name they give',
  middleware: [requirePermission('records:read')] as const,
  responses: { 200: jsonContent(z.object({ groups: z.array(Group) }), 'Unresolved names'), ...errorResponses },
});
const link = createRoute({
  method: 'post',
  path: '/records/unresolved/link',
  tags: ['records'],
  security,
  summary: 'Say which firm a name means; links every record giving it (audited)',
  middleware: [requirePermission('firms:write')] as const,
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().min(1).max(200),
            firm: z.string().min(1).max(40).openapi({ description: 'firm id or USCC' }),
          }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: jsonContent(z.object({ firmId: z.number().int(), linked: z.number().int() }), 'Linked'),
    ...errorResponses,
  },
});
const petition = createRoute({
  method: 'get',
  path: '/petitions/{id}',
  tags: ['records'],
  security,
  summary: 'One petition; personal data masked unless your role holds pii:read (then the read is audited)',
  middleware: [requirePermission('records:read')] as const,
  request: { params: z.object({ id: dbId }) },
  responses: { 200: jsonContent(Petition, 'The petition'), ...errorResponses },
});

export function recordRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const sealer = createSealer(deps.secretKey);
  const now = () => deps.clock?.() ?? new Date();
  app.openapi(unresolved, async (c) => c.json({ groups: await listUnresolved(deps.db, scopeOf(principalOf(c))) }, 200));
  app.openapi(link, async (c) => {
    const at = now();
    const actor = actorOf(c, deps);
    const out = await linkUnresolved(deps.db, actor, scopeOf(principalOf(c)), c.req.valid('json'), at);
    if (out.linked > 0) await evidenceArrived(deps, { firmIds: [out.firmId], at, reason: 'link', actor });
    return c.json(out, 200);
  });
  app.openapi(petition, async (c) =>
    c.json(await readPetition(deps.db, sealer, principalOf(c), actorOf(c, deps), c.req.valid('param').id, now()), 200),
  );
  return app;
}
