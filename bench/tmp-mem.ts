import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, connectPglite } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { BENCH_SECRET, seedFirms } from './lib/ingest-run.ts';
import { runCliSampled } from './lib/cli-rss.ts';
import { prng } from './lib/prng.ts';
execFileSync(process.execPath, ['bin/build.mjs'], { stdio: 'ignore' });
const mb = Number(process.argv[2] ?? 60);
const engine = process.argv[3] ?? 'pg';
const dir = mkdtempSync(join(tmpdir(), 'mem-'));
const firms = makeFirms(prng(20261128), 20000);
const big = await writeRecordsCsv(join(dir, 'big.csv'), 'inspections', firms, { seed: 4, minBytes: mb * 1e6 });
let env: Record<string, string>;
if (engine === 'pg') {
  const d = await createDatabase('postgres://postgres@127.0.0.1:5432/postgres', `mem_${process.pid}`);
  const h = await connectPostgres(d.url);
  await migrateToLatest(h.db);
  await seedFirms(h.db, firms);
  await h.close();
  env = { DATABASE_URL: d.url };
} else {
  const dd = mkdtempSync(join(tmpdir(), 'memdb-'));
  const h = await connectPglite(dd);
  await migrateToLatest(h.db);
  await seedFirms(h.db, firms);
  await h.close();
  env = { DATABASE_URL: '', QIANSHAO_DATA_DIR: dd };
}
const r = await runCliSampled(
  ['import', 'inspections', join(dir, 'big.csv'), '--json'],
  { ...env, QIANSHAO_SECRET_KEY: BENCH_SECRET, LOG_LEVEL: 'info' },
  {},
);
console.log(engine, big.rows, r.code, r.seconds.toFixed(0), 'peak', r.peakRssMB, JSON.stringify(r.trace));
