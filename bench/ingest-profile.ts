// Where the import's time goes: imports generated inspections and petitions
// into a fresh PostgreSQL database with the V8 CPU profiler on for the
// import only, and prints process CPU time against wall time, query time
// per statement, and self time per file and function.
//
//   npx tsx bench/ingest-profile.ts [--rows=30000] [--batch=1000]
//
// Writes the summary to bench/results/ingest-profile.txt and the raw profile
// to the temp directory (open it in Chrome DevTools; it is large).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { summarize } from './lib/cpu-profile-summary.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { createDatabase } from './lib/ingest-pg.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { importPath, seedFirms } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';
import { QueryTimer } from './lib/query-timer.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const rows = arg('rows', 30_000);
const batchSize = arg('batch', 1000);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const dir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-profile-'));
const firms = makeFirms(prng(20261128), 2000);
const db = await createDatabase(serverUrl, `qianshao_bench_${process.pid}`);
try {
  const inspections = join(dir, 'inspections.csv');
  const petitions = join(dir, 'petitions.csv');
  await writeRecordsCsv(inspections, 'inspections', firms, { seed: 1, rows });
  await writeRecordsCsv(petitions, 'petitions', firms, { seed: 2, rows });
  const h = await connectPostgres(db.url);
  try {
    await migrateToLatest(h.db);
    await seedFirms(h.db, firms);
    const timer = new QueryTimer();
    const tdb = h.db.withPlugin(timer);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const i = await importPath(tdb, 'inspections', inspections, { batchSize });
    const p = await importPath(tdb, 'petitions', petitions, { batchSize });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const s = summarize(profile as any, 40);
    const total = i.summary.accepted + p.summary.accepted;
    const text = [
      `${total} rows (batch ${batchSize}) in ${wall.toFixed(1)} s = ${Math.round(total / wall)} rows/s; inspections ${i.seconds.toFixed(1)} s, petitions ${p.seconds.toFixed(1)} s`,
      `node process CPU: user ${(cpu.user / 1e6).toFixed(1)} s + system ${(cpu.system / 1e6).toFixed(1)} s of ${wall.toFixed(1)} s wall`,
      `query time (compile + round trip + server): ${(timer.totalMs() / 1000).toFixed(1)} s`,
      ...Object.entries(timer.report()).map(
        ([k, v]) => `  ${k.padEnd(24)} ${String(v.count).padStart(5)} × ${v.seconds} s`,
      ),
      '',
      'by file (self time):',
      ...s.files,
      '',
      'by function (self time):',
      ...s.functions,
    ].join('\n');
    const out = new URL('./results/', import.meta.url);
    mkdirSync(out, { recursive: true });
    const profilePath = join(tmpdir(), `ingest-profile-${process.pid}.cpuprofile`);
    writeFileSync(profilePath, JSON.stringify(profile));
    writeFileSync(new URL('ingest-profile.txt', out), `${text}\n`);
    console.log(`${text}\n\nprofile: ${profilePath}`);
  } finally {
    await h.close();
  }
} finally {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
