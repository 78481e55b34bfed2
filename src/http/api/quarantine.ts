import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { listImports, listQuarantine } from '../../ingest/quarantine-read.ts';
import { errorResponses, jsonContent, security, dbId } from './schemas.ts';

const Entry = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    source: z.string(),
    importId: z.number().int().nullable(),
    line: z.number().int(),
    preview: z.string().openapi({ description: 'the raw row, personal data masked' }),
    reasons: z.array(z.object({ field: z.string(), column: z.string(), message: z.string() })),
    createdAt: z.string(),
  })
  .openapi('QuarantinedRow');
const Import = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    source: z.string(),
    format: z.string(),
    actor: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.string(),
    summary: z.record(z.string(), z.unknown()),
    error: z.string().nullable(),
  })
  .openapi('Import');

const quarantine = createRoute({
  method: 'get',
  path: '/quarantine',
  tags: ['imports'],
  security,
  summary: 'Rejected rows with their reasons (newest first)',
  middleware: [requirePermission('imports:write')] as const,
  request: {
    query: z.object({
      import: dbId.optional(),
      before: dbId.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: jsonContent(z.object({ rows: z.array(Entry) }), 'Quarantined rows'), ...errorResponses },
});
const imports = createRoute({
  method: 'get',
  path: '/imports',
  tags: ['imports'],
  security,
  summary: 'Recent imports and their summaries',
  middleware: [requirePermission('imports:write')] as const,
  responses: { 200: jsonContent(z.object({ imports: z.array(Import) }), 'Imports'), ...errorResponses },
});

export function quarantineRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(quarantine, async (c) => {
    const q = c.req.valid('query');
    const p = principalOf(c);
    const rows = await listQuarantine(deps.db, p, { importId: q.import, before: q.before, limit: q.limit });
    return c.json(
      {
        rows: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          source: r.source,
          importId: r.import_id,
          line: r.line,
          preview: r.raw_preview,
          reasons: r.reasons,
          createdAt: r.created_at.toISOString(),
        })),
      },
      200,
    );
  });
  app.openapi(imports, async (c) => {
    const p = principalOf(c);
    const rows = await listImports(deps.db, p, 100);
    return c.json(
      {
        imports: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          source: r.source,
          format: r.format,
          actor: r.actor_name,
          startedAt: r.started_at.toISOString(),
          finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
          status: r.status,
          summary: r.summary,
          error: r.error,
        })),
      },
      200,
    );
  });
  return app;
}
