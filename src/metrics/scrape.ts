import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { collectDbGauges, type PoolStats } from './collect-db.ts';
import type { Metrics } from './registry.ts';

export interface ScrapeDeps {
  db: Db;
  metrics: Metrics;
  log: Logger;
  poolStats?: () => PoolStats;
  clock?: () => Date;
}

/**
 * The exposition text. When the database cannot be read, the in-process
 * series are still served and qianshao_metrics_scrape_errors_total counts
 * it: a scrape must not fail because of what it is meant to report.
 */
export async function scrapeMetrics(deps: ScrapeDeps): Promise<{ text: string; contentType: string }> {
  try {
    await collectDbGauges(deps.db, deps.metrics.db, deps.clock?.() ?? new Date(), deps.poolStats);
  } catch (err) {
    deps.metrics.db.scrapeErrors.inc();
    deps.log.warn({ err }, 'metrics: database figures unavailable');
  }
  return { text: await deps.metrics.registry.metrics(), contentType: deps.metrics.registry.contentType };
}
