import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { DbGauges } from './registry.ts';
import { levelSchema } from '../domain/alerts/sla-config.ts';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const n = (v: unknown) => Number(v ?? 0);
const seconds = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() / 1000 : 0);

/**
 * Reads the figures the database holds into the gauges, at scrape time.
 * Every query is an aggregate over an indexed status or a small table
 * (feeds, imports, the 24 h job ledger), so a scrape stays cheap at city scale.
 */
export async function collectDbGauges(db: Db, g: DbGauges, now: Date, pool?: () => PoolStats): Promise<void> {
  const [outbox, deliveries, alerts, feeds, imports, scores, jobs] = await Promise.all([
    db
      .selectFrom('deliveries')
      .select(['status', sql<number>`count(*)`.as('n'), sql<Date | null>`min(created_at)`.as('oldest')])
      .where('status', 'in', ['pending', 'sending'])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('deliveries')
      .innerJoin('webhook_endpoints as e', 'e.id', 'deliveries.endpoint_id')
      .select(['e.kind as channel', 'deliveries.status as outcome', sql<number>`count(*)`.as('n')])
      .groupBy(['e.kind', 'deliveries.status'])
      .execute(),
    db
      .selectFrom('alerts')
      .select(['level', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where overdue)`.as('overdue')])
      .where('status', 'in', ['open', 'acknowledged', 'in_progress'])
      .groupBy('level')
      .execute(),
    db
      .selectFrom('feeds')
      .select(['id', 'enabled', 'consecutive_failures', 'last_success_at', 'last_polled_at'])
      .execute(),
    sql<{ kind: string; accepted: number; updated: number; duplicate: number; rejected: number }>`
      select kind,
        coalesce(sum((summary->>'accepted')::bigint), 0) as accepted,
        coalesce(sum((summary->>'updated')::bigint), 0) as updated,
        coalesce(sum((summary->>'duplicates')::bigint), 0) as duplicate,
        coalesce(sum(case when jsonb_typeof(summary->'rejected') = 'array' then jsonb_array_length(summary->'rejected') else 0 end
          + coalesce((summary->>'rejectedNotListed')::bigint, 0)), 0) as rejected
      from imports group by kind`.execute(db),
    sql<{ scope: string; seconds: number }>`
      select distinct on (scope) scope, extract(epoch from (finished_at - started_at))::float8 as seconds
      from score_runs where finished_at is not null order by scope, finished_at desc`.execute(db),
    db
      .selectFrom('job_runs')
      .select(['job', 'status', sql<number>`count(*)`.as('n'), sql<Date | null>`max(finished_at)`.as('last')])
      .where('started_at', '>', new Date(now.getTime() - 86_400_000))
      .groupBy(['job', 'status'])
      .execute(),
  ]);
  // Success times older than a day come from one more indexed lookup per job seen ever.
  const lastSuccess = await db
    .selectFrom('job_runs')
    .select(['job', sql<Date | null>`max(finished_at)`.as('last')])
    .where('status', '=', 'succeeded')
    .groupBy('job')
    .execute();

  g.outboxDepth.reset();
  g.outboxDepth.set({ status: 'pending' }, 0);
  g.outboxDepth.set({ status: 'sending' }, 0);
  let oldest: number | null = null;
  for (const r of outbox) {
    g.outboxDepth.set({ status: r.status }, n(r.n));
    if (r.oldest) oldest = Math.min(oldest ?? Infinity, new Date(r.oldest).getTime());
  }
  g.outboxOldestAge.set(oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000));

  g.deliveries.reset();
  for (const r of deliveries) g.deliveries.set({ channel: r.channel, outcome: r.outcome }, n(r.n));

  g.alertsOpen.reset();
  g.alertsOverdue.reset();
  for (const level of levelSchema.options) {
    g.alertsOpen.set({ level }, 0);
    g.alertsOverdue.set({ level }, 0);
  }
  for (const r of alerts) {
    g.alertsOpen.set({ level: r.level }, n(r.n));
    g.alertsOverdue.set({ level: r.level }, n(r.overdue));
  }

  g.feeds.reset();
  g.feedFailures.reset();
  g.feedSinceSuccess.reset();
  const states = { ok: 0, failing: 0, never_polled: 0, disabled: 0 };
  for (const f of feeds) {
    if (!f.enabled) {
      states.disabled++;
      continue;
    }
    const feed = String(f.id);
    g.feedFailures.set({ feed }, n(f.consecutive_failures));
    if (f.last_success_at)
      g.feedSinceSuccess.set({ feed }, Math.max(0, now.getTime() / 1000 - seconds(f.last_success_at)));
    if (n(f.consecutive_failures) > 0) states.failing++;
    else if (!f.last_polled_at) states.never_polled++;
    else states.ok++;
  }
  for (const [state, v] of Object.entries(states)) g.feeds.set({ state }, v);

  g.importRows.reset();
  for (const r of imports.rows) {
    for (const outcome of ['accepted', 'updated', 'duplicate', 'rejected'] as const)
      g.importRows.set({ kind: r.kind, outcome }, n(r[outcome]));
  }

  g.scoreLastDuration.reset();
  for (const r of scores.rows) g.scoreLastDuration.set({ scope: r.scope }, n(r.seconds));

  g.jobLastRuns.reset();
  for (const r of jobs) g.jobLastRuns.set({ job: r.job, status: r.status }, n(r.n));
  g.jobLastSuccess.reset();
  for (const r of lastSuccess) if (r.last) g.jobLastSuccess.set({ job: r.job }, seconds(r.last));

  g.pool.reset();
  const p = pool?.();
  if (p) {
    g.pool.set({ state: 'total' }, p.total);
    g.pool.set({ state: 'idle' }, p.idle);
    g.pool.set({ state: 'waiting' }, p.waiting);
  }
}
