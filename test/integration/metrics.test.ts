import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, silentLog, testConfig, userWithToken } from '../helpers/app.ts';
import { parseExposition, sampleValue } from '../helpers/prom-parse.ts';
import { createApp } from '../../src/http/app.ts';
import { createMetrics } from '../../src/metrics/registry.ts';
import { startMetricsServer } from '../../src/metrics/metrics-server.ts';
import { runJob } from '../../src/jobs-runtime/run-job.ts';
import type { JobDefinition } from '../../jobs/job.ts';

const TOKEN = 'metrics-token-0123456789';
let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.reset();
});

const NOW = new Date('2026-12-01T04:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);

function appWith(env: Record<string, string>, metrics = createMetrics()) {
  const config = testConfig(env);
  const app = createApp({
    db: t.db,
    config,
    log: silentLog,
    secretKey: config.secretKey!,
    clock: () => NOW,
    metrics,
    poolStats: t.poolStats,
  });
  return { app, metrics, config };
}

async function seedState() {
  const firm = await insertFirm(t.db, { name: '某某配送站', district: '浦东新区' });
  const ep = await t.db
    .insertInto('webhook_endpoints')
    .values({
      url: 'https://hooks.example.org/x',
      kind: 'wecom',
      events: ['alert.raised'],
      levels: [],
      district: null,
      label: null,
      created_by: 'test',
      secret_sealed: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const delivery = (message_id: string, status: string, created_at: Date) => ({
    endpoint_id: ep.id,
    message_id,
    event_type: 'alert.raised',
    event: '{}',
    alert_id: null,
    status,
    next_attempt_at: created_at,
    created_at,
  });
  await t.db
    .insertInto('deliveries')
    .values([
      delivery('m1', 'pending', ago(600)),
      delivery('m2', 'pending', ago(30)),
      delivery('m3', 'delivered', ago(9000)),
      delivery('m4', 'dead', ago(9000)),
    ])
    .execute();
  const alert = (fingerprint: string, level: string, status: 'open' | 'resolved', overdue: boolean) => ({
    firm_id: firm.id,
    rule: `rule_${fingerprint}`,
    category: 'wage',
    level,
    status,
    title: 't',
    fingerprint,
    score: 80,
    evidence: '[]',
    raised_at: ago(7200),
    updated_at: ago(7200),
    overdue,
  });
  await t.db
    .insertInto('alerts')
    .values([
      alert('a1', 'red', 'open', true),
      alert('a2', 'red', 'open', false),
      alert('a3', 'orange', 'open', false),
      alert('a4', 'red', 'resolved', true),
    ])
    .execute();
  await t.db
    .insertInto('feeds')
    .values([
      {
        name: 'ok',
        url: 'https://a.example.org/rss',
        last_polled_at: ago(60),
        last_success_at: ago(60),
        consecutive_failures: 0,
      },
      {
        name: 'bad',
        url: 'https://b.example.org/rss',
        last_polled_at: ago(60),
        last_success_at: ago(86_400),
        consecutive_failures: 4,
      },
      { name: 'off', url: 'https://c.example.org/rss', enabled: false },
    ])
    .execute();
  await t.db
    .insertInto('imports')
    .values({
      kind: 'petitions',
      source: 'a.csv',
      format: 'csv',
      actor_name: 'test',
      started_at: ago(100),
      finished_at: ago(90),
      status: 'succeeded',
      summary: JSON.stringify({
        kind: 'petitions',
        accepted: 7,
        updated: 2,
        duplicates: 3,
        unresolved: 0,
        rejected: [{ line: 4, reasons: [] }],
        rejectedNotListed: 5,
        importId: 1,
        touchedFirmIds: [],
      }),
    })
    .execute();
  await t.db
    .insertInto('score_runs')
    .values({
      at: ago(50),
      model: 'm',
      scope: 'all',
      reason: 'test',
      actor_name: 'test',
      started_at: ago(50),
      finished_at: ago(38),
    })
    .execute();
}

describe('/metrics', () => {
  it('serves the exposition format with the service series, behind the token', async () => {
    await seedState();
    const { app, metrics, config } = appWith({ QIANSHAO_METRICS_TOKEN: TOKEN });
    const job: JobDefinition = {
      name: 'metrics-test-job',
      description: 't',
      cron: '* * * * *',
      timezone: 'Asia/Shanghai',
      leaseMs: 60_000,
      run: async () => ({ items: 1 }),
    };
    const deps = { db: t.db, log: silentLog, config, runner: 'a', metrics };
    await runJob(deps, job, ago(10));
    await runJob({ ...deps, runner: 'b' }, job, ago(10));
    const admin = await userWithToken(t.db, 'admin');
    expect((await app.request('/api/v1/firms/999999', { headers: admin.headers })).status).toBe(404);
    expect((await app.request('/healthz')).status).toBe(200);

    expect((await app.request('/metrics')).status).toBe(401);
    expect(
      (await app.request('/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(401);
    // An API token is not the metrics token.
    expect((await app.request('/metrics', { headers: admin.headers })).status).toBe(401);

    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const f = parseExposition(await res.text());
    const v = (name: string, labels: Record<string, string> = {}) => sampleValue(f, name, labels);

    expect(f.get('qianshao_http_request_duration_seconds')?.type).toBe('histogram');
    expect(v('qianshao_http_request_duration_seconds_count', { route: '/healthz', status: '200', method: 'GET' })).toBe(
      1,
    );
    expect(v('qianshao_http_request_duration_seconds_count', { route: '/api/v1/firms/:id', status: '404' })).toBe(1);
    expect(v('qianshao_job_duration_seconds_count', { job: 'metrics-test-job', outcome: 'succeeded' })).toBe(1);
    expect(v('qianshao_job_runs_total', { job: 'metrics-test-job', outcome: 'skipped' })).toBe(1);
    expect(v('qianshao_job_runs_24h', { job: 'metrics-test-job', status: 'succeeded' })).toBe(1);
    expect(v('qianshao_job_last_success_timestamp_seconds', { job: 'metrics-test-job' })).toBeGreaterThan(0);

    expect(v('qianshao_outbox_depth', { status: 'pending' })).toBe(2);
    expect(v('qianshao_outbox_depth', { status: 'sending' })).toBe(0);
    expect(v('qianshao_outbox_oldest_age_seconds')).toBeCloseTo(600, 0);
    expect(v('qianshao_deliveries', { channel: 'wecom', outcome: 'delivered' })).toBe(1);
    expect(v('qianshao_deliveries', { channel: 'wecom', outcome: 'dead' })).toBe(1);

    expect(v('qianshao_alerts_open', { level: 'red' })).toBe(2);
    expect(v('qianshao_alerts_open', { level: 'orange' })).toBe(1);
    expect(v('qianshao_alerts_open', { level: 'yellow' })).toBe(0);
    expect(v('qianshao_alerts_overdue', { level: 'red' })).toBe(1);

    expect(v('qianshao_feeds', { state: 'ok' })).toBe(1);
    expect(v('qianshao_feeds', { state: 'failing' })).toBe(1);
    expect(v('qianshao_feeds', { state: 'disabled' })).toBe(1);
    expect(
      f
        .get('qianshao_feed_consecutive_failures')!
        .samples.map((s) => s.value)
        .sort(),
    ).toEqual([0, 4]);
    expect(Math.max(...f.get('qianshao_feed_seconds_since_success')!.samples.map((s) => s.value))).toBeCloseTo(
      86_400,
      0,
    );

    expect(v('qianshao_import_rows', { kind: 'petitions', outcome: 'accepted' })).toBe(7);
    expect(v('qianshao_import_rows', { kind: 'petitions', outcome: 'updated' })).toBe(2);
    expect(v('qianshao_import_rows', { kind: 'petitions', outcome: 'duplicate' })).toBe(3);
    expect(v('qianshao_import_rows', { kind: 'petitions', outcome: 'rejected' })).toBe(6);
    expect(v('qianshao_score_last_run_duration_seconds', { scope: 'all' })).toBeCloseTo(12, 3);
    if (t.kind === 'postgres') expect(v('qianshao_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(v('qianshao_metrics_scrape_errors_total')).toBe(0);
  });

  it('is not served on the main port without a token', async () => {
    const { app } = appWith({});
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('can be served on a port of its own', async () => {
    const metrics = createMetrics();
    const server = await startMetricsServer({ db: t.db, metrics, log: silentLog }, 0, null);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      const f = parseExposition(await res.text());
      expect(sampleValue(f, 'qianshao_outbox_depth', { status: 'pending' })).toBe(0);
      expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
