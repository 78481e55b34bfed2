// Node CPU per row of each step of the import path, measured step by step
// on the same generated rows without a database, as process CPU time, so
// that other load on a shared machine inflates the figures less than wall
// time would:
//
//   read       file stream → charset decode → CSV tokenizer → raw records
//   validate   parseRow (row schemas) on those records
//   rowHash    the keyed change-detection hash of each row
//   columns    rows → one array literal per column, as prepareRecordBatch
//              builds them (petitions: 4 AES-GCM seals + masking)
//
//   npx tsx bench/ingest-costs.ts [--rows=20000] [--runs=3]
//
// Writes bench/results/ingest-costs.json (median of runs, µs per row).

import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRowHasher, createSealer } from '../src/crypto/sealer.ts';
import { ColumnBatch } from '../src/ingest/column-batch.ts';
import { type ColumnSpec, RECORD_COLUMNS } from '../src/ingest/record-columns.ts';
import { type InspectionRow, type PetitionRow, parseRow, readRows } from '../src/ingest/rows/index.ts';
import { makeFirms } from './lib/ingest-firms.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { BENCH_SECRET } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const rowsPerKind = arg('rows', 20_000);
const runs = arg('runs', 3);
type Kind = 'inspections' | 'petitions';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const cpuMicros = async (fn: () => unknown | Promise<unknown>) => {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return c.user + c.system;
};
async function costs(kind: Kind, path: string) {
  const hash = createRowHasher(BENCH_SECRET);
  const sealer = createSealer(BENCH_SECRET);
  const steps: Record<string, number[]> = {};
  const add = (k: string, us: number, n: number) => (steps[k] ??= []).push(us / n);
  for (let r = 0; r < runs; r++) {
    const records: Record<string, unknown>[] = [];
    add(
      'read',
      await cpuMicros(async () => {
        for await (const raw of readRows(createReadStream(path), 'csv', { kind })) records.push(raw.record!);
      }),
      records.length,
    );
    const rows: Array<InspectionRow | PetitionRow> = [];
    add(
      'validate',
      await cpuMicros(() => {
        for (const rec of records) {
          const p = parseRow(kind, rec);
          if (p.ok) rows.push(p.row as InspectionRow | PetitionRow);
        }
      }),
      rows.length,
    );
    const hashes: string[] = [];
    add(
      'rowHash',
      await cpuMicros(() => {
        for (const row of rows) {
          const { receivedAt: _r, at: _a, ...hashed } = row as InspectionRow & PetitionRow;
          hashes.push(hash(hashed));
        }
      }),
      rows.length,
    );
    const columns = RECORD_COLUMNS[kind] as readonly ColumnSpec<InspectionRow | PetitionRow>[];
    const cellCtx = { sealer, defaultDistrict: null };
    add(
      'columns',
      await cpuMicros(() => {
        let batch = new ColumnBatch(columns, cellCtx);
        rows.forEach((row, i) => {
          if (i % 2000 === 0) batch = new ColumnBatch(columns, cellCtx);
          batch.add({
            row,
            rowHash: hashes[i]!,
            gen: 1,
            scopeNone: false,
            scopeDistrict: null,
            matchKey: null,
            keyHasPlace: false,
          });
        });
        batch.build();
      }),
      rows.length,
    );
  }
  return Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Number(median(v).toFixed(1))]));
}

const dir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-costs-'));
try {
  const firms = makeFirms(prng(20261128), 2000);
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    rowsPerKind,
    runs,
    unit: 'node CPU µs per row',
  };
  for (const [kind, seed] of [
    ['inspections', 1],
    ['petitions', 2],
  ] as const) {
    const path = join(dir, `${kind}.csv`);
    await writeRecordsCsv(path, kind, firms, { seed, rows: rowsPerKind });
    await costs(kind, path); // warm-up
    result[kind] = await costs(kind, path);
    console.error(`[ingest-costs] ${kind}: ${JSON.stringify(result[kind])}`);
  }
  const out = new URL('./results/', import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL('ingest-costs.json', out), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
