import { Counter, Gauge, Histogram, Registry } from 'prom-client';

// The service's Prometheus series in one registry per process (never
// prom-client's global one): HTTP and job timings are observed as they
// happen; the state held in the database (outbox, alerts, feeds, imports,
// scoring, job ledger) is read at scrape time (collect-db.ts), so every
// replica reports the same figures for it.

const PREFIX = 'qianshao_';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobDuration: Histogram<'job' | 'outcome'>;
  jobRuns: Counter<'job' | 'outcome'>;
  db: DbGauges;
}

export interface DbGauges {
  outboxDepth: Gauge<'status'>;
  outboxOldestAge: Gauge;
  deliveries: Gauge<'channel' | 'outcome'>;
  alertsOpen: Gauge<'level'>;
  alertsOverdue: Gauge<'level'>;
  feeds: Gauge<'state'>;
  feedFailures: Gauge<'feed'>;
  feedSinceSuccess: Gauge<'feed'>;
  importRows: Gauge<'kind' | 'outcome'>;
  scoreLastDuration: Gauge<'scope'>;
  jobLastSuccess: Gauge<'job'>;
  jobLastRuns: Gauge<'job' | 'status'>;
  pool: Gauge<'state'>;
  scrapeErrors: Counter;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const r = [registry];
  const g = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Gauge<L>({ name: PREFIX + name, help, labelNames, registers: r });
  return {
    registry,
    httpDuration: new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'HTTP request duration by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: r,
    }),
    jobDuration: new Histogram({
      name: `${PREFIX}job_duration_seconds`,
      help: 'Duration of job runs made by this process, by outcome',
      labelNames: ['job', 'outcome'],
      buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
      registers: r,
    }),
    jobRuns: new Counter({
      name: `${PREFIX}job_runs_total`,
      help: 'Job ticks handled by this process: succeeded, failed, or skipped (tick taken by another replica, overlap)',
      labelNames: ['job', 'outcome'],
      registers: r,
    }),
    db: {
      outboxDepth: g('outbox_depth', 'Deliveries waiting in the outbox, by status (pending, sending)', ['status']),
      outboxOldestAge: g(
        'outbox_oldest_age_seconds',
        'Age of the oldest delivery not yet delivered, dead or cancelled (0 when the outbox is empty)',
      ),
      deliveries: g('deliveries', 'Deliveries kept in the database by channel and outcome', ['channel', 'outcome']),
      alertsOpen: g('alerts_open', 'Alerts not closed (open, acknowledged, in progress) by level', ['level']),
      alertsOverdue: g('alerts_overdue', 'Alerts not closed and past a deadline, by level', ['level']),
      feeds: g('feeds', 'Feeds by health: ok, failing (last poll failed), never polled, disabled', ['state']),
      feedFailures: g('feed_consecutive_failures', 'Consecutive failed polls of an enabled feed', ['feed']),
      feedSinceSuccess: g(
        'feed_seconds_since_success',
        'Seconds since an enabled feed was last polled successfully (absent when never)',
        ['feed'],
      ),
      importRows: g(
        'import_rows',
        'Rows of all recorded imports by kind and outcome (accepted, updated, duplicate, rejected)',
        ['kind', 'outcome'],
      ),
      scoreLastDuration: g('score_last_run_duration_seconds', 'Duration of the latest finished scoring run, by scope', [
        'scope',
      ]),
      jobLastSuccess: g(
        'job_last_success_timestamp_seconds',
        'When each job last finished successfully (any replica)',
        ['job'],
      ),
      jobLastRuns: g('job_runs_24h', 'Job runs started in the last 24 hours (any replica) by status', [
        'job',
        'status',
      ]),
      pool: g(
        'db_pool_connections',
        'Database pool connections of this process: total, idle, waiting (requests queued for one)',
        ['state'],
      ),
      scrapeErrors: new Counter({
        name: `${PREFIX}metrics_scrape_errors_total`,
        help: 'Scrapes whose database figures could not be read',
        registers: r,
      }),
    },
  };
}
