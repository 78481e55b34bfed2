// The proposed store-step changes (bench/lib/ingest-prototype.ts) against
// importFile on the same files in the same database and process, one after
// the other (each under its own source, so every run inserts new rows):
//
//   current        importFile as shipped
//   proto-seq      unnest insert + any() lookup + pooled IVs, batches in turn
//   proto-pipe     the same, next batch parsed while the previous is stored
//   current-again  importFile once more (drift: bigger indexes, machine load)
//   proto-pipe-nofk  proto-pipe after dropping the import_id foreign keys
//                  of inspections and petitions (throwaway database)
//
//   npx tsx bench/ingest-prototype.ts [--rows=30000]
//
// Writes bench/results/ingest-prototype.json.

import { writeResult } from './lib/results.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connectPostgres, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { importPrototype } from './lib/ingest-prototype.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { BENCH_SECRET, importPath, seedFirms } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const rowsPerKind = arg('rows', 30_000);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (s: string) => console.error(`[ingest-prototype] ${s}`);

const dir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-prototype-'));
const firms = makeFirms(prng(20261128), 2000);
const files = { inspections: join(dir, 'inspections.csv'), petitions: join(dir, 'petitions.csv') };
const bench = await createDatabase(serverUrl, `qianshao_bench_${process.pid}`);

type Run = (db: Db, kind: 'inspections' | 'petitions', source: string, path: string) => Promise<{ accepted: number }>;
const current: Run = async (db, kind, source, path) => (await importPath(db, kind, path, { source })).summary;
const proto = (pipeline: boolean): Run => (db, kind, source, path) => importPrototype(db, kind, source, path, { secret: BENCH_SECRET, pipeline });

try {
  await writeRecordsCsv(files.inspections, 'inspections', firms, { seed: 1, rows: rowsPerKind });
  await writeRecordsCsv(files.petitions, 'petitions', firms, { seed: 2, rows: rowsPerKind });
  const h = await connectPostgres(bench.url);
  try {
    await migrateToLatest(h.db);
    await seedFirms(h.db, firms);
    const variants: Array<[string, Run, (() => Promise<void>)?]> = [
      ['current', current],
      ['proto-seq', proto(false)],
      ['proto-pipe', proto(true)],
      ['current-again', current],
      ['proto-pipe-nofk', proto(true), async () => {
        for (const t of ['inspections', 'petitions']) await sql.raw(`alter table ${t} drop constraint if exists ${t}_import_id_fkey`).execute(h.db);
      }],
    ];
    const results: Record<string, unknown> = {};
    for (const [name, run, before] of variants) {
      await before?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let rows = 0;
      for (const kind of ['inspections', 'petitions'] as const) rows += (await run(h.db, kind, `${name}-${kind}.csv`, files[kind])).accepted;
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(c0);
      if (rows !== 2 * rowsPerKind) throw new Error(`${name} accepted ${rows} of ${2 * rowsPerKind}`);
      results[name] = { rows, seconds: Number(seconds.toFixed(2)), rowsPerSec: Math.round(rows / seconds), nodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)), loadAvg1m: Number(loadavg()[0]!.toFixed(2)) };
      say(`${name}: ${Math.round(rows / seconds)} rows/s (${seconds.toFixed(1)} s, node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    }
    const result = { date: new Date().toISOString(), node: process.version, rowsPerKind, variants: results };
    writeResult('ingest-prototype', result);
  } finally {
    await h.close();
  }
} finally {
  await bench.drop();
  rmSync(dir, { recursive: true, force: true });
}
