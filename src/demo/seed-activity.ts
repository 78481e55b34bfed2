import { candidatesAfterScoring } from '../credit/candidates.ts';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { importFile } from '../ingest/import-file.ts';
import { importContext } from '../ingest/import-service.ts';
import { parseFeed } from '../ingest/feeds/parse-feed.ts';
import { storeFeedItems } from '../ingest/opinion/store-items.ts';
import type { DemoDistrict } from './district.ts';
import { buildDemoRecords } from './records.ts';
import type { DemoFeed } from './feeds.ts';
import type { Config } from '../config/env.ts';
import { evaluateAlerts } from '../alerts/evaluate.ts';
import { runScoring } from '../scoring/score-run.ts';

const DEMO_ACTOR = { ...SYSTEM_ACTOR, name: 'demo-seed' };

/**
 * A year of inspections and petitions for the demo district, imported
 * through the same pipeline as real files (so the quarantine and the
 * unresolved list have their demo entries too). The incident labels for
 * backtests are written beside the data.
 */
export async function seedDemoRecords(
  db: Db,
  log: Logger,
  secretKey: string,
  dataDir: string,
  now: Date,
  district: DemoDistrict,
) {
  const records = buildDemoRecords(district, now);
  const ctx = importContext({ db, log, secretKey }, DEMO_ACTOR, now, { defaultDistrict: district.district });
  const inspections = await importFile(ctx, {
    kind: 'inspections',
    source: 'demo-inspections.csv',
    format: 'csv',
    bytes: [Buffer.from(records.inspectionsCsv)],
  });
  const petitions = await importFile(ctx, {
    kind: 'petitions',
    source: 'demo-petitions.ndjson',
    format: 'ndjson',
    bytes: [Buffer.from(records.petitionsNdjson)],
  });
  mkdirSync(dataDir, { recursive: true });
  const labels = join(dataDir, 'demo-incidents.csv');
  writeFileSync(labels, records.incidentsCsv);
  log.info(
    {
      inspections: {
        accepted: inspections.accepted,
        rejected: inspections.rejected.length,
        unresolved: inspections.unresolved,
      },
      petitions: {
        accepted: petitions.accepted,
        rejected: petitions.rejected.length,
        unresolved: petitions.unresolved,
      },
      labels,
      story: records.story.map((s) => `${s.firmName}: ${s.summary}`),
    },
    'demo records imported',
  );
  return { inspections, petitions, labels, story: records.story };
}

/**
 * Registers the demo feeds at the address the app serves them from (it
 * changes with the port) and, the first time, stores their items at once
 * so the console has public opinion before the first poll.
 */
export async function registerDemoFeeds(
  db: Db,
  log: Logger,
  baseUrl: string,
  feeds: readonly DemoFeed[],
  now: Date,
): Promise<void> {
  for (const f of feeds) {
    const url = `${baseUrl}/demo/feeds/${f.slug}.xml`;
    const existing = await db.selectFrom('feeds').select(['id', 'url']).where('name', '=', f.name).executeTakeFirst();
    if (existing) {
      if (existing.url !== url)
        await db
          .updateTable('feeds')
          .set({ url, url_sealed: null, updated_at: now, next_poll_at: now })
          .where('id', '=', existing.id)
          .execute();
      continue;
    }
    const row = await db
      .insertInto('feeds')
      .values({
        name: f.name,
        url,
        credibility: f.credibility,
        poll_interval_min: 5,
        enabled: true,
        created_at: now,
        updated_at: now,
        next_poll_at: new Date(now.getTime() + 5 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const parsed = await parseFeed(f.body, { contentType: f.contentType, baseUrl: url });
    if (!parsed.ok) {
      log.warn({ feed: f.name, error: parsed.error }, 'demo feed did not parse');
      continue;
    }
    const stored = await storeFeedItems(db, row.id, parsed.items, now);
    log.info({ feed: f.name, items: stored.new, mentions: stored.mentions }, 'demo feed loaded');
  }
}

/**
 * Scores the demo district now, so the console opens on real levels. On the
 * first start it also scores each of the past 60 days, so firms have a
 * score history to show (the demo's records span a year), and then raises
 * the alerts the district calls for today, as the rules would have.
 */
export async function scoreDemo(db: Db, log: Logger, config: Config, now: Date, fresh: boolean): Promise<void> {
  if (fresh) {
    for (let d = HISTORY_DAYS; d >= 1; d--) {
      await runScoring(db, config.model, {
        at: new Date(now.getTime() - d * 86_400_000),
        firms: 'all',
        reason: 'demo-history',
        actor: DEMO_ACTOR,
      });
    }
  }
  const run = await runScoring(db, config.model, { at: now, firms: 'all', reason: 'demo', actor: DEMO_ACTOR });
  const levels: Record<string, number> = {};
  for (const f of run.firms) if (f.score.level) levels[f.score.level] = (levels[f.score.level] ?? 0) + 1;
  // The history runs raised no alerts; on a fresh database today's queue is evaluated as if every firm had just
  // been scored, on a later start by standing state (a crash may have stored scores without their alerts).
  const alerts = await evaluateAlerts(
    { db, log, config },
    fresh ? { ...run, changes: run.firms.map((f) => ({ firmId: f.firm.id, previousScoreLevel: null })) } : run,
  );
  // Credit-list candidates are identified with every scoring run, so /credit matches the queue at start.
  const credit = await candidatesAfterScoring({ db, log, config }, now);
  log.info({ firms: run.firms.length, levels, alerts, credit }, 'demo district scored');
}

const HISTORY_DAYS = 60;
