// Would a worker thread for parse + validate pay on this machine (issue 16
// item 2)? The same Node-side work of a records file, wall time, two ways:
//
//   one thread   read → validate → rowHash → COPY body, all on the main thread
//   worker       a worker reads and validates, posting batches of 2,000 rows
//                (structured clone); the main thread hashes and builds COPY bodies
//
// No database: PostgreSQL would compete for the same 2 cores during a real
// import, so a gain here is an upper bound.
//
//   npx tsx bench/ingest-worker.ts [--rows=100000] [--runs=5]
//
// Writes bench/results/ingest-worker.json.

import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRowHasher, createSealer } from '../src/crypto/sealer.ts';
import { ColumnBatch } from '../src/ingest/column-batch.ts';
import { type ColumnSpec, RECORD_COLUMNS } from '../src/ingest/record-columns.ts';
import { recordRowHash } from '../src/ingest/record-hash.ts';
import { type InspectionRow, type PetitionRow, parseRawRow, readRows } from '../src/ingest/rows/index.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { BENCH_SECRET } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';

type Kind = 'inspections' | 'petitions';
type Row = InspectionRow | PetitionRow;
const BATCH = 2000;
const TSX_API = import.meta.resolve('tsx/esm/api');

async function* validated(path: string, kind: Kind): AsyncGenerator<Row[]> {
  let rows: Row[] = [];
  for await (const raw of readRows(createReadStream(path), 'csv', { kind })) {
    const p = parseRawRow(kind, raw);
    if (p.ok) rows.push(p.row as Row);
    if (rows.length === BATCH) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

if (!isMainThread) {
  const { path, kind } = workerData as { path: string; kind: Kind };
  for await (const rows of validated(path, kind)) parentPort!.postMessage(rows);
  parentPort!.postMessage(null);
} else {
  const arg = (name: string, fallback: number) =>
    Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
  const rowsPerKind = arg('rows', 100_000);
  const runs = arg('runs', 5);
  const hasher = createRowHasher(BENCH_SECRET);
  const ctx = { sealer: createSealer(BENCH_SECRET), defaultDistrict: null };
  const store = (kind: Kind, rows: Row[]) => {
    const batch = new ColumnBatch(RECORD_COLUMNS[kind] as readonly ColumnSpec<Row>[], ctx);
    for (const row of rows)
      batch.add({
        row,
        rowHash: recordRowHash(hasher, row),
        gen: 1,
        scopeNone: false,
        scopeDistrict: null,
        matchKey: null,
        keyHasPlace: false,
      });
    return batch.build().copy.length;
  };
  const oneThread = async (path: string, kind: Kind) => {
    for await (const rows of validated(path, kind)) store(kind, rows);
  };
  const withWorker = (path: string, kind: Kind) =>
    new Promise<void>((resolve, reject) => {
      // A TypeScript worker: register tsx's loader in the thread, then load this file.
      const boot = `import(${JSON.stringify(TSX_API)}).then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const w = new Worker(boot, { eval: true, workerData: { path, kind } });
      w.on('message', (rows: Row[] | null) => {
        if (rows === null) void w.terminate().then(() => resolve());
        else store(kind, rows);
      });
      w.on('error', reject);
    });
  const wall = async (fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const dir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-worker-'));
  try {
    const firms = makeFirms(prng(20261128), 2000);
    const result: Record<string, unknown> = {
      date: new Date().toISOString(),
      node: process.version,
      rowsPerKind,
      runs,
      unit: 'wall ms (median of runs), no database',
      loadAverageAtStart: loadavg(),
    };
    for (const [kind, seed] of [
      ['inspections', 1],
      ['petitions', 2],
    ] as const) {
      const path = join(dir, `${kind}.csv`);
      await writeRecordsCsv(path, kind, firms, { seed, rows: rowsPerKind });
      await oneThread(path, kind);
      await withWorker(path, kind);
      const one: number[] = [];
      const two: number[] = [];
      for (let r = 0; r < runs; r++) {
        one.push(await wall(() => oneThread(path, kind)));
        two.push(await wall(() => withWorker(path, kind)));
      }
      result[kind] = {
        oneThreadMs: Math.round(median(one)),
        workerMs: Math.round(median(two)),
        'worker ÷ one thread': Number((median(two) / median(one)).toFixed(2)),
      };
      console.error(`[ingest-worker] ${kind}: ${JSON.stringify(result[kind])}`);
    }
    result.loadAverageAtEnd = loadavg();
    writeFileSync(new URL('./results/ingest-worker.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
