// `npm run bench:scale`: how the alert queue page, the rescore of the firms
// an import touched, and the weekly digest grow with the size of the
// database (issue 19, docs/scaling.md).
//
// The same generator as bench:score (SQL on the server: setseed +
// generate_series), at SCALES multiples of its base of 20,000 firms and
// 1,000,000 records (600k inspections and 300k petitions over two years,
// 100k mentions over 60 days). At each size: a full rescore and its alert
// rules (which fill the queue), then, timed: the queue's first page and
// page 21 by cursor (the function the console calls, no HTTP), an import of
// 1,000 inspection records and the rescore + alert rules of the firms it
// touched, and the district digest of the last week (built, not stored).
// Growth is reported as the ratio to the smallest size's figure.
//
//   BENCH_SCALES=1,4 npm run bench:scale       (PostgreSQL only)

import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config/env.ts';
import { connectPostgres } from '../src/db/connect-postgres.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { defaultModelConfig } from '../src/domain/scoring/index.ts';
import { runScoring } from '../src/scoring/score-run.ts';
import { evaluateAlerts } from '../src/alerts/evaluate.ts';
import { importFile } from '../src/ingest/import-file.ts';
import { importContext } from '../src/ingest/import-service.ts';
import { listAlertsPage } from '../src/alerts/alerts-read.ts';
import { scopeOf } from '../src/domain/jurisdiction.ts';
import { buildDigest } from '../src/digest/build.ts';
import { previousWeekOf } from '../src/domain/digest/index.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { generateScoringData } from './lib/scoring-data.ts';
import { writeResult } from './lib/results.ts';

const SCALES = (process.env.BENCH_SCALES ?? '1,4').split(',').map(Number);
const REPEAT = 5;
const AT = new Date('2026-11-28T04:00:00Z');
const actor = { id: null, name: 'bench' };
const log = pino({ level: 'silent' });
const config = loadConfig({ LOG_LEVEL: 'silent' });
const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const say = (m: string) => process.stderr.write(`scale: ${m}\n`);

function importCsv(firms: number, round: number): string {
  let s = 'record_id,firm,date,violations,workers,amount,order,due,status\n';
  for (let i = 0; i < 1000; i++) {
    const firm = 1 + ((i * 7919 + round * 104729) % firms);
    s += `NEW-${round}-${i},基准企业${firm}有限公司,2026-11-27,wage_arrears,${1 + (i % 30)},${(i % 50) * 1000},pay,2026-11-20,overdue\n`;
  }
  return s;
}

async function measure(k: number) {
  const made = await createDatabase(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    'qianshao_bench_scale',
  );
  const h = await connectPostgres(made.url);
  try {
    await migrateToLatest(h.db);
    let t0 = performance.now();
    const data = await generateScoringData(h, k);
    const generateSeconds = seconds(t0);
    say(`×${k}: generated ${data.firms} firms, ${data.records} records in ${generateSeconds} s`);
    t0 = performance.now();
    const full = await runScoring(h.db, defaultModelConfig, { at: AT, firms: 'all', reason: 'bench', actor });
    const fullSeconds = seconds(t0);
    t0 = performance.now();
    await evaluateAlerts({ db: h.db, log, config }, full);
    const alertsSeconds = seconds(t0);
    await sql`analyze`.execute(h.db);
    const alerts = Number((await sql<{ n: number }>`select count(*) as n from alerts`.execute(h.db)).rows[0]!.n);
    say(`×${k}: full rescore ${fullSeconds} s, alert rules ${alertsSeconds} s, ${alerts} alerts`);

    // The queue as an inspector of the district sees it: first page, and page 21 by cursor.
    const scope = scopeOf({ role: 'inspector', district: '示范区', streets: [] });
    const first: number[] = [];
    const deep: number[] = [];
    let cursor: string | null = null;
    for (let p = 0; p < 20; p++)
      cursor = (await listAlertsPage(h.db, scope, { limit: 50, after: cursor ?? undefined }, '')).next;
    for (let i = 0; i < REPEAT * 4; i++) {
      t0 = performance.now();
      await listAlertsPage(h.db, scope, { limit: 50 }, '');
      first.push(performance.now() - t0);
      t0 = performance.now();
      await listAlertsPage(h.db, scope, { limit: 50, after: cursor ?? undefined }, '');
      deep.push(performance.now() - t0);
    }

    // Import 1,000 records, then the rescore and alert rules of the firms it touched (as rescoreTouched does).
    const touched: number[] = [];
    let touchedFirms = 0;
    for (let round = 0; round < 3; round++) {
      const ctx = importContext({ db: h.db, log, secretKey: 'bench-secret-key-0123456789abcdef0123456789' }, actor, AT);
      const summary = await importFile(ctx, {
        kind: 'inspections',
        source: `bench-new-${round}.csv`,
        format: 'csv',
        bytes: [Buffer.from(importCsv(data.firms, round))],
      });
      t0 = performance.now();
      const run = await runScoring(h.db, defaultModelConfig, {
        at: new Date(AT.getTime() + (round + 1) * 60_000),
        firms: summary.touchedFirmIds,
        reason: 'bench',
        actor,
      });
      await evaluateAlerts({ db: h.db, log, config }, run);
      touched.push(performance.now() - t0);
      touchedFirms = run.firms.length;
    }

    // The district's digest of the week before AT (built, not stored).
    const digest: number[] = [];
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      await buildDigest(h.db, config, {
        week: previousWeekOf(AT),
        district: '示范区',
        now: AT,
        actor: 'bench',
        store: false,
      });
      digest.push(performance.now() - t0);
    }
    const ms = (x: number) => Math.round(x * 10) / 10;
    return {
      scale: k,
      data: { ...data, alerts, generateSeconds },
      fullRescore: { seconds: fullSeconds, alertRulesSeconds: alertsSeconds },
      queuePageMs: { firstMedian: ms(median(first)), page21Median: ms(median(deep)) },
      touchedRescore: { records: 1000, firmsScored: touchedFirms, medianMs: ms(median(touched)) },
      digestMs: { median: ms(median(digest)) },
    };
  } finally {
    await h.close();
    await made.drop();
  }
}

const runs = [];
for (const k of SCALES) runs.push(await measure(k));
const base = runs[0]!;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const growth = runs.map((r) => ({
  scale: r.scale,
  sizeRatio: ratio(r.data.records, base.data.records),
  queueFirstPage: ratio(r.queuePageMs.firstMedian, base.queuePageMs.firstMedian),
  queuePage21: ratio(r.queuePageMs.page21Median, base.queuePageMs.page21Median),
  touchedRescore: ratio(r.touchedRescore.medianMs, base.touchedRescore.medianMs),
  digest: ratio(r.digestMs.median, base.digestMs.median),
  fullRescore: ratio(r.fullRescore.seconds, base.fullRescore.seconds),
}));
writeResult('scale', { at: new Date().toISOString(), runs, growthVsSmallest: growth });
