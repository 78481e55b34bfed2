import { OpenAPIHono, z } from '@hono/zod-openapi';
import { Invalid } from '../../domain/errors.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { evidenceArrived } from '../../ingest/evidence-arrived.ts';
import { importFile } from '../../ingest/import-file.ts';
import { importContext } from '../../ingest/import-service.ts';
import { formatFromContentType } from '../../ingest/rows/index.ts';
import type { ImportKind } from '../../ingest/import-types.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, security } from './schemas.ts';

const KINDS: ImportKind[] = ['firms', 'inspections', 'petitions'];

const Reason = z.object({ field: z.string(), column: z.string(), message: z.string() });
export const ImportSummarySchema = z
  .object({
    kind: z.enum(['firms', 'inspections', 'petitions']),
    accepted: z.number().int(),
    updated: z.number().int(),
    duplicates: z.number().int(),
    unresolved: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), reasons: z.array(Reason) })),
    rejectedNotListed: z.number().int().optional(),
  })
  .openapi('ImportSummary');

/**
 * POST /api/v1/imports/{kind}: the body is streamed through the importer
 * (never buffered whole), in the format its Content-Type names. The
 * `source` query names the sender's file; record ids are unique per source.
 */
export function importRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/imports/{kind}',
    tags: ['imports'],
    security,
    summary: 'Import firms, inspections or petitions (CSV in UTF-8 or GB18030, JSON array, NDJSON)',
    request: {
      params: z.object({ kind: z.enum(['firms', 'inspections', 'petitions']) }),
      query: z.object({
        source: z
          .string()
          .optional()
          .openapi({ description: 'file name or system the rows come from (default api:<user>)' }),
      }),
      body: {
        content: {
          'text/csv': { schema: z.string() },
          'application/json': { schema: z.array(z.record(z.string(), z.unknown())) },
          'application/x-ndjson': { schema: z.string() },
        },
      },
    },
    responses: {
      200: {
        content: { 'application/json': { schema: ImportSummarySchema } },
        description: 'What was stored and what was rejected',
      },
      ...errorResponses,
    },
  });
  app.post('/imports/:kind', requirePermission('imports:write'), async (c) => {
    const kind = c.req.param('kind') as ImportKind;
    if (!KINDS.includes(kind)) throw new Invalid(`unknown import kind ${kind}: use firms, inspections or petitions`);
    const format = formatFromContentType(c.req.header('content-type') ?? '');
    if (!format) throw new Invalid('Content-Type must be text/csv, application/json or application/x-ndjson');
    const body = c.req.raw.body;
    if (!body) throw new Invalid('empty body');
    const p = principalOf(c);
    const actor = actorOf(c, deps);
    const source = c.req.query('source')?.slice(0, 200) || `api:${p.name}`;
    const now = deps.clock?.() ?? new Date();
    const ctx = importContext(deps, actor, now, { defaultDistrict: p.district, scope: scopeOf(p) });
    const summary = await importFile(ctx, {
      kind,
      source,
      format,
      bytes: body as unknown as AsyncIterable<Uint8Array>,
    });
    await evidenceArrived(deps, { firmIds: summary.touchedFirmIds, at: now, reason: `import:${kind}`, actor });
    const { importId: _i, touchedFirmIds: _t, ...out } = summary;
    return c.json(out, 200);
  });
  return app;
}
