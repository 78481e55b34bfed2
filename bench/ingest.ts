// Import benchmark (issue 16). The yardstick is the real CLI end to end
// (`qianshao import inspections|petitions FILE --json`: parse, validate,
// stage by COPY, merge in SQL, rescore the touched firms, alerts) on a
// 300k-row inspection file and a 300k-row petition file, with a
// 20,000-firm registry already imported, each as a ratio to COPY of the
// same file into a bare text table timed just before and after it
// (targets >= 0.10 inspections, >= 0.06 petitions on PostgreSQL; PGlite
// reported beside). The import alone (importFile in this process, no
// rescoring) is timed on the same files against the same COPY. Then the
// peak RSS of the CLI importing a ~200 MB file on each database (targets
// <= 250 MiB PostgreSQL, <= 400 MiB PGlite).
//
//   npx tsx bench/ingest.ts [--rows=300000] [--pglite-rows=300000] [--firms=20000] [--big-mb=200]
//                           [--copy-runs=3] [--mem-limit-sec=900] [--skip-pglite] [--skip-memory] [--skip-cli]
//
// DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres);
// the benchmark creates qianshao_bench_<pid> there and drops it at the end.
// The CLI is built first (npm run build) so that it runs as installed.
// Writes bench/results/ingest.json.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { connectPglite, connectPostgres, type Db } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { boundHeapGrowth } from '../src/runtime/heap-growth.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { type CopyFile, copyBaseline, createDatabase } from './lib/ingest-pg.ts';
import { pgliteCopy, withPgliteRegistry } from './lib/ingest-pglite.ts';
import { INSPECTION_HEADERS, PETITION_HEADERS, writeRecordsCsv } from './lib/ingest-records.ts';
import { runCliSampled } from './lib/cli-rss.ts';
import { BENCH_SECRET, importPath, parseOnly, seedFirms, type Timed } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';
import { postgresCpuSeconds } from './lib/postgres-cpu.ts';
import { QueryTimer } from './lib/query-timer.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);

const TARGET_PEAK_RSS_MB = { postgres: 250, pglite: 400 } as const;
const rowsPerKind = arg('rows', 300_000);
const pgliteRowsPerKind = arg('pglite-rows', rowsPerKind);
const firmCount = arg('firms', 20_000);
const bigMB = arg('big-mb', 200);
const copyRuns = arg('copy-runs', 3);
const memLimitSec = arg('mem-limit-sec', 900);
// The 200 MB file names firms of a registry of this size (2,000: as the earlier RSS figures).
const memFirmCount = arg('mem-firms', 2_000);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const round = (x: number, d = 0) => Number(x.toFixed(d));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const rowsOf = (t: Timed) =>
  t.summary.accepted +
  t.summary.updated +
  t.summary.duplicates +
  t.summary.rejected.length +
  (t.summary.rejectedNotListed ?? 0);
const say = (s: string) => console.error(`[bench:ingest] ${s}`);

// The same heap policy as the CLI, so that the figures are the CLI's.
boundHeapGrowth();

const dir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-'));
const firms = makeFirms(prng(20261128), firmCount);
const files = {
  inspections: join(dir, 'inspections.csv'),
  petitions: join(dir, 'petitions.csv'),
  smallInspections: join(dir, 'inspections-small.csv'),
  smallPetitions: join(dir, 'petitions-small.csv'),
  big: join(dir, 'inspections-big.csv'),
};

async function importBoth(db: Db, inspections: string, petitions: string) {
  const i = await importPath(db, 'inspections', inspections);
  const p = await importPath(db, 'petitions', petitions);
  const rows = rowsOf(i) + rowsOf(p);
  const seconds = i.seconds + p.seconds;
  const check = (t: Timed) => ({
    accepted: t.summary.accepted,
    unresolved: t.summary.unresolved,
    rejected: t.summary.rejected.length,
    seconds: round(t.seconds, 2),
    rowsPerSec: round(rowsOf(t) / t.seconds),
  });
  return { rows, seconds, rowsPerSec: rows / seconds, inspections: check(i), petitions: check(p) };
}

async function runPostgres(url: string, database: string) {
  const h = await connectPostgres(url);
  try {
    await migrateToLatest(h.db);
    const seeded = await seedFirms(h.db, firms);
    say(`postgres: ${seeded.accepted} firms loaded`);
    const copyFiles = [
      { path: files.inspections, table: 'bare_inspections', columns: INSPECTION_HEADERS.length },
      { path: files.petitions, table: 'bare_petitions', columns: PETITION_HEADERS.length },
    ];
    const copySecs: number[] = [];
    let copyRows = 0;
    for (let r = 0; r < copyRuns; r++) {
      const c = await copyBaseline(url, copyFiles);
      copySecs.push(c.seconds);
      copyRows = c.rows;
    }
    say(`postgres: COPY ${copyRows} rows in ${copySecs.map((s) => s.toFixed(2)).join(', ')} s`);
    const timer = new QueryTimer();
    const cpu0 = process.cpuUsage();
    const pg0 = postgresCpuSeconds(database);
    const imported = await importBoth(h.db.withPlugin(timer), files.inspections, files.petitions);
    const cpu = process.cpuUsage(cpu0);
    const pg1 = postgresCpuSeconds(database);
    say(`postgres: importFile ${imported.rows} rows in ${imported.seconds.toFixed(1)} s`);
    // One more COPY after the import, so the baseline sees the same load
    // (a shared machine, a warmer server) as the import did.
    const after = await copyBaseline(url, copyFiles);
    copySecs.push(after.seconds);
    const copyRowsPerSec = copyRows / median(copySecs);
    const parseI = await parseOnly('inspections', files.inspections);
    const parseP = await parseOnly('petitions', files.petitions);
    const parseSeconds = parseI.seconds + parseP.seconds;
    return {
      rows: imported.rows,
      seconds: round(imported.seconds, 2),
      rowsPerSec: round(imported.rowsPerSec),
      copyRowsPerSec: round(copyRowsPerSec),
      // Import only (importFile, no rescoring): both files against COPY of both.
      ratioToCopy: round(imported.rowsPerSec / copyRowsPerSec, 3),
      // Where the time goes. Node's own CPU (near the wall time means
      // Node-bound) and that of the PostgreSQL backends serving the bench
      // database (null when the server is not on this machine); the two
      // overlap, since a batch is prepared while the one before commits.
      nodeCpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
      postgresCpuSeconds: pg0 === null || pg1 === null ? null : round(pg1 - pg0, 1),
      copyRunsSeconds: copySecs.map((s) => round(s, 2)),
      inspections: imported.inspections,
      petitions: imported.petitions,
      phases: {
        // Decode, CSV and row schemas alone on the same files, no database.
        parseValidateSeconds: round(parseSeconds, 2),
        parseRowsPerSec: round((parseI.rows + parseP.rows) / parseSeconds),
        // Statement counts, and the time from issue to result of each kind:
        // statements overlap JavaScript and one another, so these seconds
        // are no split of the wall time.
        queries: timer.report(),
      },
    };
  } finally {
    await h.close();
  }
}

const CLI_TARGET = { inspections: 0.1, petitions: 0.06 } as const;

/**
 * Issue 16's yardstick: `qianshao import KIND FILE --json` in a process of
 * its own, end to end (rescoring and alerts included), against COPY of the
 * same file into a bare text table timed just before and just after it.
 * The firm registry is already loaded; the records go in under a new source.
 */
type CopyTimer = (f: CopyFile) => Promise<{ seconds: number }>;

async function runCliEndToEnd(
  copy: CopyTimer,
  env: Record<string, string>,
  engine: string,
  paths: { inspections: string; petitions: string },
  rows: number,
) {
  const out: Record<string, unknown> = {};
  for (const kind of ['inspections', 'petitions'] as const) {
    const path = paths[kind];
    const columns = (kind === 'inspections' ? INSPECTION_HEADERS : PETITION_HEADERS).length;
    const before = await copy({ path, table: `bare_${kind}`, columns });
    const r = await runCliSampled(
      ['import', kind, path, '--json', '--source', `cli-${engine}-${kind}`],
      { QIANSHAO_SECRET_KEY: BENCH_SECRET, LOG_LEVEL: 'warn', ...env },
      { limitSec: memLimitSec },
    );
    if (r.code !== 0) throw new Error(`qianshao import ${kind} exited with ${r.code}`);
    const after = await copy({ path, table: `bare_${kind}`, columns });
    const summary = JSON.parse(r.stdout) as { accepted: number; unresolved: number };
    const copySeconds: number | null = median([before.seconds, after.seconds]);
    const ratio = round(copySeconds / r.seconds, 3);
    say(
      `${engine}: CLI import ${kind} ${summary.accepted} accepted in ${r.seconds.toFixed(1)} s${copySeconds === null ? '' : `, COPY ${copySeconds.toFixed(2)} s, ratio ${ratio}`}, peak RSS ${r.peakRssMB} MiB`,
    );
    out[kind] = {
      rows,
      accepted: summary.accepted,
      unresolved: summary.unresolved,
      seconds: round(r.seconds, 2),
      rowsPerSec: round(rows / r.seconds),
      copySeconds: copySeconds === null ? null : round(copySeconds, 2),
      ratioToCopy: ratio,
      target: CLI_TARGET[kind],
      targetMet: ratio === null ? null : ratio >= CLI_TARGET[kind],
      peakRssMB: r.peakRssMB,
    };
  }
  return out;
}

/** The same on PGlite (the smaller files): a data directory with the registry, and COPY FROM '/dev/blob' as the yardstick. */
async function runCliPglite() {
  return withPgliteRegistry(firms, (env) =>
    runCliEndToEnd(
      pgliteCopy,
      env,
      'pglite',
      { inspections: files.smallInspections, petitions: files.smallPetitions },
      pgliteRowsPerKind,
    ),
  );
}

async function runPglite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-pglite-'));
  try {
    let t0 = performance.now();
    const h = await connectPglite(dataDir);
    try {
      await migrateToLatest(h.db);
      const initSeconds = (performance.now() - t0) / 1000;
      await seedFirms(h.db, firms);
      const imported = await importBoth(h.db, files.smallInspections, files.smallPetitions);
      say(
        `pglite: importFile ${imported.rows} rows in ${imported.seconds.toFixed(1)} s (init ${initSeconds.toFixed(1)} s)`,
      );
      return {
        rows: imported.rows,
        seconds: round(imported.seconds, 2),
        rowsPerSec: round(imported.rowsPerSec),
        initSeconds: round(initSeconds, 1),
        inspections: imported.inspections,
        petitions: imported.petitions,
      };
    } finally {
      t0 = performance.now();
      await h.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `qianshao import inspections BIG.csv --json` as a user runs it, in a
 * process of its own, sampled from outside: the figure covers every phase
 * of the command, the import and the rescoring of the firms it touched;
 * on PostgreSQL and on PGlite (a data directory holding the registry).
 */
async function runMemory() {
  const t0 = performance.now();
  const memFirms = makeFirms(prng(20261129), memFirmCount);
  const big = await writeRecordsCsv(files.big, 'inspections', memFirms, { seed: 4, minBytes: bigMB * 1e6 });
  say(
    `memory: wrote ${(big.bytes / 2 ** 20).toFixed(0)} MiB, ${big.rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s; running the CLI`,
  );
  const run = async (engine: 'postgres' | 'pglite', env: Record<string, string>) => {
    const r = await runCliSampled(
      ['import', 'inspections', files.big, '--json', '--source', `big-${engine}`],
      { QIANSHAO_SECRET_KEY: BENCH_SECRET, LOG_LEVEL: 'warn', ...env },
      { limitSec: memLimitSec },
    );
    if (r.code !== 0) throw new Error(`qianshao import exited with ${r.code} after ${r.seconds.toFixed(0)} s`);
    const summary = JSON.parse(r.stdout) as { accepted: number };
    say(`memory: ${engine} ${summary.accepted} accepted in ${r.seconds.toFixed(0)} s, peak RSS ${r.peakRssMB} MiB`);
    return {
      accepted: summary.accepted,
      seconds: round(r.seconds, 1),
      rowsPerSec: round(big.rows / r.seconds),
      peakRssMB: r.peakRssMB,
      rssTraceMB: r.trace,
      targetPeakRssMB: TARGET_PEAK_RSS_MB[engine],
      targetMet: r.peakRssMB <= TARGET_PEAK_RSS_MB[engine],
    };
  };
  const memDb = await createDatabase(serverUrl, `qianshao_bench_mem_${process.pid}`);
  try {
    const h = await connectPostgres(memDb.url);
    try {
      await migrateToLatest(h.db);
      await seedFirms(h.db, memFirms);
    } finally {
      await h.close();
    }
    const postgres = await run('postgres', { DATABASE_URL: memDb.url });
    const pglite = flag('skip-pglite') ? null : await withPgliteRegistry(memFirms, (dataDir) => run('pglite', dataDir));
    return {
      command: 'qianshao import inspections FILE --json',
      firms: memFirms.length,
      fileMB: round(big.bytes / 2 ** 20),
      rows: big.rows,
      postgres,
      pglite,
    };
  } finally {
    rmSync(files.big, { force: true });
    await memDb.drop().catch((e) => say(`could not drop the memory database: ${(e as Error).message}`));
  }
}

const loadAtStart = loadavg()[0]!;
let dropDb: (() => Promise<void>) | null = null;
try {
  say('building the CLI (npm run build)');
  execFileSync(process.execPath, ['bin/build.mjs'], { cwd: new URL('..', import.meta.url), stdio: 'ignore' });
  say(`generating ${rowsPerKind} + ${rowsPerKind} rows, ${firms.length} firms in ${dir}`);
  await writeRecordsCsv(files.inspections, 'inspections', firms, { seed: 1, rows: rowsPerKind });
  await writeRecordsCsv(files.petitions, 'petitions', firms, { seed: 2, rows: rowsPerKind });
  await writeRecordsCsv(files.smallInspections, 'inspections', firms, { seed: 1, rows: pgliteRowsPerKind });
  await writeRecordsCsv(files.smallPetitions, 'petitions', firms, { seed: 2, rows: pgliteRowsPerKind });

  const dbName = `qianshao_bench_${process.pid}`;
  const db = await createDatabase(serverUrl, dbName);
  dropDb = db.drop;
  const postgres = await runPostgres(db.url, dbName);
  const cli = flag('skip-cli')
    ? null
    : {
        postgres: await runCliEndToEnd(
          async (f) => copyBaseline(db.url, [f]),
          { DATABASE_URL: db.url },
          'postgres',
          files,
          rowsPerKind,
        ),
        pglite: flag('skip-pglite') ? null : await runCliPglite(),
      };
  const pglite = flag('skip-pglite') ? null : await runPglite();
  const memory = flag('skip-memory') ? null : await runMemory();

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      totalMemMB: Math.round(totalmem() / 2 ** 20),
      loadAvg1mAtStart: round(loadAtStart, 2),
      loadAvg1mAtEnd: round(loadavg()[0]!, 2),
    },
    firms: firms.length,
    postgres,
    cli,
    pglite,
    memory,
  };
  const outDir = new URL('./results/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL('ingest.json', outDir), `${JSON.stringify(result, null, 2)}\n`);

  const lines = [
    `Import only (importFile, no rescoring), PostgreSQL: ${postgres.rowsPerSec} rows/s (${postgres.rows} rows in ${postgres.seconds} s), COPY ${postgres.copyRowsPerSec} rows/s, ratio ${postgres.ratioToCopy}`,
    `  CPU: node ${postgres.nodeCpuSeconds} s, PostgreSQL backends ${postgres.postgresCpuSeconds ?? '?'} s, of ${postgres.seconds} s wall; parse+validate alone ${postgres.phases.parseValidateSeconds} s`,
    ...(cli
      ? Object.entries(cli).flatMap(([engine, kinds]) =>
          kinds
            ? Object.entries(kinds).map(([kind, k]) => `CLI end to end on ${engine}, ${kind}: ${JSON.stringify(k)}`)
            : [],
        )
      : ['CLI end to end: skipped']),
    pglite
      ? `PGlite import only: ${pglite.rowsPerSec} rows/s (${pglite.rows} rows in ${pglite.seconds} s)`
      : 'PGlite: skipped',
    memory
      ? `Memory: ${memory.command} on a ${memory.fileMB} MiB file (${memory.rows} rows): PostgreSQL peak RSS ${memory.postgres.peakRssMB} MiB (${memory.postgres.seconds} s), PGlite ${memory.pglite?.peakRssMB ?? '-'} MiB (${memory.pglite?.seconds ?? '-'} s); targets ${TARGET_PEAK_RSS_MB.postgres} / ${TARGET_PEAK_RSS_MB.pglite}`
      : 'Memory: skipped',
  ];
  console.log(lines.join('\n'));
} finally {
  if (dropDb) await dropDb().catch((e) => say(`could not drop the bench database: ${(e as Error).message}`));
  rmSync(dir, { recursive: true, force: true });
}
