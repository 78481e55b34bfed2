import type { Db } from '../db/connect.ts';
import type { Config } from '../config/env.ts';
import type { Logger } from '../log/logger.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import type { Metrics } from '../metrics/registry.ts';
import type { PoolStats } from '../metrics/collect-db.ts';
import type { JobDefinition } from '../../jobs/job.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  log: Logger;
  /** The clock, passed in so tests can pin it. */
  clock?: () => Date;
  /** Key for sealing personal data and secrets (QIANSHAO_SECRET_KEY or the generated one). */
  secretKey: string;
  /** Demo mode: the feed documents the app serves under /demo/feeds/. */
  demoFeeds?: (() => readonly { slug: string; contentType: string; body: Uint8Array }[]) | undefined;
  /** Readiness beyond the database (e.g. false while shutting down). */
  accepting?: () => boolean;
  /** What works in a reduced way right now (readyz stays 200 but says so), e.g. deliveries polling while LISTEN is down. */
  degraded?: () => string[];
  /** The jobs this runtime can run (GET /api/v1/jobs, run-now): Node's whole table, the Worker's part. */
  jobs?: readonly JobDefinition[] | undefined;
  /** Prometheus series of this process (absent: none kept, /metrics not served). */
  metrics?: Metrics | undefined;
  /** The database pool's connection counts, for /metrics. */
  poolStats?: (() => PoolStats) | undefined;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    principal: Principal | undefined;
    /** Set when the caller came by session cookie (forms must carry it). */
    csrfToken: string | undefined;
    lang: 'zh' | 'en';
  };
};
