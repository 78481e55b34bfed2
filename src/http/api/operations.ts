import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { NotFound } from '../../domain/errors.ts';
import { audit } from '../../audit/audit.ts';
import { runJob } from '../../jobs-runtime/run-job.ts';
import { actorOf, principalOf, requirePermission } from '../auth.ts';
import { scopeOf } from '../../domain/jurisdiction.ts';
import { listAudit } from '../../audit/audit-read.ts';
import { recentJobRuns } from '../../jobs-runtime/job-runs-read.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { errorResponses, jsonContent, security, dbId } from './schemas.ts';

const AuditSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor_id: z.number().int().nullable(),
    actor_name: z.string(),
    action: z.string(),
    object_type: z.string(),
    object_id: z.string().nullable(),
    ip: z.string().nullable(),
    request_id: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    district: z.string().nullable(),
    street: z.string().nullable(),
  })
  .openapi('AuditEntry');
const JobRunSchema = z
  .object({
    id: z.number().int(),
    job: z.string(),
    tick: z.string(),
    status: z.string(),
    runner: z.string(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    items: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .openapi('JobRun');

const auditList = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['operations'],
  security,
  summary: 'The audit log, newest first',
  middleware: [requirePermission('audit:read')] as const,
  request: {
    query: z.object({
      object_type: z.string().optional(),
      object_id: z.string().optional(),
      actor: z.string().optional(),
      before: dbId.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: { 200: jsonContent(z.object({ entries: z.array(AuditSchema) }), 'Entries'), ...errorResponses },
});
const jobList = createRoute({
  method: 'get',
  path: '/jobs',
  tags: ['operations'],
  security,
  summary: 'Scheduled jobs and their recent runs',
  middleware: [requirePermission('jobs:run')] as const,
  responses: {
    200: jsonContent(
      z.object({
        jobs: z.array(z.object({ name: z.string(), description: z.string(), cron: z.string(), timezone: z.string() })),
        runs: z.array(JobRunSchema),
      }),
      'Jobs',
    ),
    ...errorResponses,
  },
});
const jobRun = createRoute({
  method: 'post',
  path: '/jobs/{name}/run',
  tags: ['operations'],
  security,
  summary: 'Run one job now',
  middleware: [requirePermission('jobs:run')] as const,
  request: { params: z.object({ name: z.string() }) },
  responses: {
    200: jsonContent(
      z.object({
        status: z.string(),
        runId: z.number().int().optional(),
        items: z.number().nullable().optional(),
        error: z.string().optional(),
      }),
      'Outcome',
    ),
    ...errorResponses,
  },
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function operationsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(auditList, async (c) => {
    const q = c.req.valid('query');
    const rows = await listAudit(deps.db, scopeOf(principalOf(c)), q);
    return c.json({ entries: rows.map((r) => ({ ...r, at: r.at.toISOString() })) }, 200);
  });
  app.openapi(jobList, async (c) => {
    const runs = await recentJobRuns(deps.db);
    return c.json(
      {
        jobs: (deps.jobs ?? []).map((j) => ({
          name: j.name,
          description: j.description,
          cron: deps.config.scheduleOverrides[j.name] ?? j.cron,
          timezone: j.timezone,
        })),
        runs: runs.map((r) => ({
          ...r,
          tick: r.tick.toISOString(),
          started_at: r.started_at.toISOString(),
          finished_at: iso(r.finished_at),
        })),
      },
      200,
    );
  });
  app.openapi(jobRun, async (c) => {
    const job = deps.jobs?.find((j) => j.name === c.req.valid('param').name);
    if (!job) throw new NotFound(`no job named ${c.req.valid('param').name}`);
    const actor = actorOf(c, deps);
    const now = deps.clock?.() ?? new Date();
    await audit(deps.db, actor, { action: 'job.run', objectType: 'job', objectId: job.name }, now);
    const outcome = await runJob(
      { db: deps.db, log: c.get('log'), config: deps.config, runner: `api:${actor.name}` },
      job,
      now,
      { now },
    );
    return c.json(outcome, 200);
  });
  return app;
}
