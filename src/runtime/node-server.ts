import { serve as serveHttp, type ServerType } from '@hono/node-server';
import { hostname } from 'node:os';
import type { Config } from '../config/env.ts';
import { resolveSecretKey } from '../config/secret-key.ts';
import type { Logger } from '../log/logger.ts';
import { connect, type DbHandle } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { sealLegacyValues } from '../security/seal-legacy.ts';
import { createApp } from '../http/app.ts';
import { startScheduler, type Scheduler } from '../jobs-runtime/scheduler.ts';
import { schedule } from '../../jobs/schedule.ts';
import { type DeliveryRunner, startDeliveryRunner } from '../delivery/runner.ts';
import { isEmpty, seedDemo } from '../demo/seed.ts';
import { buildDemoDistrict } from '../demo/district.ts';
import { buildDemoFeeds } from '../demo/feeds.ts';
import { registerDemoFeeds, scoreDemo, seedDemoRecords } from '../demo/seed-activity.ts';
import { seedDemoDuty } from '../demo/seed-duty.ts';
import { warnIfCalendarEnds } from '../alerts/calendar-coverage.ts';
import { recoverAtStart } from './recover.ts';
import { createMetrics } from '../metrics/registry.ts';
import { startMetricsServer } from '../metrics/metrics-server.ts';

export interface ServeOptions {
  port: number;
  scheduler: boolean;
}

export interface RunningServer {
  port: number;
  /** The separate metrics port, when QIANSHAO_METRICS_PORT is set. */
  metricsPort?: number | undefined;
  stop(signal?: string): Promise<void>;
}

/**
 * Migrate, optionally seed the demo, serve HTTP, start the scheduler. The
 * returned stop() is the graceful shutdown: refuse new work (readyz 503),
 * finish in-flight requests, let running jobs end (bounded), close the DB.
 */
export async function startServer(config: Config, log: Logger, opts: ServeOptions): Promise<RunningServer> {
  const secretKey = resolveSecretKey(config, log);
  const district = config.demo ? buildDemoDistrict() : undefined;
  const demoFeeds = district ? buildDemoFeeds(district, new Date()) : [];
  if (config.demo && config.allowPrivateNetworks.length === 0) {
    // The demo polls feeds that this same process serves on loopback.
    config = { ...config, allowPrivateNetworks: ['127.0.0.0/8', '::1/128'] };
    log.warn('demo mode: feed and webhook URLs may point to loopback (QIANSHAO_ALLOW_PRIVATE_NETWORKS unset)');
  }
  const handle: DbHandle = await connect(config);
  let scheduler: Scheduler | undefined;
  let deliveries: DeliveryRunner | undefined;
  let server: ServerType | undefined;
  let metricsServer: { port: number; close(): Promise<void> } | undefined;
  const metrics = config.metrics.token || config.metrics.port ? createMetrics() : undefined;
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length) log.info({ applied }, 'migrations applied');
    warnIfCalendarEnds(log, config.sla.calendar, new Date());
    await sealLegacyValues(handle.db, secretKey, log);
    const freshDemo = district !== undefined && (await isEmpty(handle.db));
    if (freshDemo) {
      await seedDemo(handle.db, log, new Date(), district);
      log.info(
        { users: district.users.map((u) => `${u.name} / ${u.password} (${u.role})`) },
        'demo logins (fictional data; passwords are public)',
      );
    }
    let accepting = true;
    const degraded = () =>
      deliveries?.listening() === false
        ? ['delivery-listen: reconnecting; deliveries from other replicas are picked up by polling']
        : [];
    const app = createApp({
      db: handle.db,
      config,
      log,
      secretKey,
      accepting: () => accepting,
      degraded,
      demoFeeds: district ? () => demoFeeds : undefined,
      metrics,
      poolStats: handle.poolStats,
      jobs: schedule,
    });
    if (metrics && config.metrics.port) {
      metricsServer = await startMetricsServer(
        { db: handle.db, metrics, log, poolStats: handle.poolStats },
        config.metrics.port,
        config.metrics.token,
      );
    }
    const port = await new Promise<number>((resolve, reject) => {
      server = serveHttp({ fetch: app.fetch, port: opts.port, hostname: '0.0.0.0' }, (info) => resolve(info.port));
      server.once('error', reject);
    });
    // What a crash left undone is finished first (the demo's scoring evaluates standing alerts itself).
    // The demo's year of records and its feeds load while the server already
    // answers: logins and the firm registry are there from the first request.
    const demoLoading = (async () => {
      await recoverAtStart({ db: handle.db, log, config }, new Date(), { standing: district === undefined });
      if (!district) return;
      if (freshDemo) await seedDemoRecords(handle.db, log, secretKey, config.dataDir, new Date(), district);
      await registerDemoFeeds(handle.db, log, `http://127.0.0.1:${port}`, demoFeeds, new Date());
      await seedDemoDuty(handle.db, log, secretKey, `http://127.0.0.1:${port}`, district, new Date(), freshDemo);
      await scoreDemo(handle.db, log, config, new Date(), freshDemo);
    })().catch((err) => log.error({ err }, district ? 'demo data failed to load' : 'start-up recovery failed'));
    if (opts.scheduler) {
      scheduler = startScheduler(
        { db: handle.db, log, config, runner: `${hostname()}:${process.pid}`, metrics },
        schedule,
        config.scheduleOverrides,
      );
      deliveries = startDeliveryRunner(
        {
          db: handle.db,
          log,
          secretKey,
          allowPrivateNetworks: config.allowPrivateNetworks,
          publicUrl: config.publicUrl,
        },
        { leaseMs: config.deliveryLeaseMs, listenUrl: config.databaseUrl },
      );
    }
    log.info({ port, db: handle.kind, url: `http://localhost:${port}` }, 'qianshao serving');
    let stopping: Promise<void> | undefined;
    const stop = (signal?: string) =>
      (stopping ??= (async () => {
        log.info({ signal }, 'shutting down');
        accepting = false;
        await new Promise<void>((resolve) => {
          server!.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; drop them.
          (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        });
        await scheduler?.stop(config.shutdownGraceMs);
        await deliveries?.stop();
        await metricsServer?.close();
        await demoLoading;
        await handle.close();
        log.info('stopped');
      })());
    return { port, metricsPort: metricsServer?.port, stop };
  } catch (e) {
    await scheduler?.stop(1000);
    await deliveries?.stop();
    await metricsServer?.close();
    server?.close();
    await handle.close();
    throw e;
  }
}
