// Node CPU per row of each step of the import path, measured step by step
// on the same generated rows without a database, as process CPU time, so
// that other load on a shared machine inflates the figures less than wall
// time would:
//
//   read       file stream → charset decode → CSV tokenizer → raw rows
//   validate   raw rows → normalized rows (parseRawRow: the parser compiled
//              from the header; before it, parseRow of each record), as
//              the CPU of reading and validating the file row by row (raw
//              rows dropped once validated, as the import does) less `read`
//   rowHash    the keyed change-detection hash of each row
//   columns    rows → the COPY body of their batch (petitions: the seals of
//              the personal values + masking)
//
// With --baseline=<git revision> the same steps also run on that
// revision's src/ (extracted to a temporary directory), interleaved run by
// run with the current tree, so the ratios compare like with like on a
// noisy machine; the two must produce the same row hashes.
//
//   npx tsx bench/ingest-costs.ts [--rows=20000] [--runs=5] [--baseline=cf252d7]
//
// Writes bench/results/ingest-costs.json (median of runs, µs per row).

import { execSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeFirms } from './lib/ingest-firms.ts';
import { writeRecordsCsv } from './lib/ingest-records.ts';
import { BENCH_SECRET } from './lib/ingest-run.ts';
import { prng } from './lib/prng.ts';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rowsPerKind = Number(arg('rows') ?? 20_000);
const runs = Number(arg('runs') ?? 5);
const baselineRev = arg('baseline');
type Kind = 'inspections' | 'petitions';
type Steps = Record<string, number>;

// Modules of two source trees whose APIs differ.
type Mod = any;

/** One tree's import steps, whatever its API generation. */
interface Impl {
  name: string;
  /** Reads the file, dropping each raw row (as the import does once it is classified). */
  read(path: string, kind: Kind): Promise<number>;
  /** Reads and validates the file, keeping the good rows. */
  readValidate(path: string, kind: Kind): Promise<unknown[]>;
  hash(rows: unknown[]): string[];
  columns(kind: Kind, rows: unknown[], hashes: string[]): number;
}

async function loadImpl(name: string, root: string): Promise<Impl> {
  const load = (p: string): Promise<Mod> => import(pathToFileURL(join(root, p)).href);
  const rowsMod = await load('src/ingest/rows/index.ts');
  const sealerMod = await load('src/crypto/sealer.ts');
  const batchMod = await load('src/ingest/column-batch.ts');
  const columnsMod = await load('src/ingest/record-columns.ts');
  const hashMod: Mod = await load('src/ingest/record-hash.ts').catch(() => null);
  const hasher = sealerMod.createRowHasher(BENCH_SECRET);
  const sealer = sealerMod.createSealer(BENCH_SECRET);
  return {
    name,
    async read(path, kind) {
      let n = 0;
      for await (const _ of rowsMod.readRows(createReadStream(path), 'csv', { kind })) n++;
      return n;
    },
    async readValidate(path, kind) {
      const rows: unknown[] = [];
      for await (const raw of rowsMod.readRows(createReadStream(path), 'csv', { kind })) {
        const p = rowsMod.parseRawRow ? rowsMod.parseRawRow(kind, raw) : rowsMod.parseRow(kind, raw.record);
        if (p.ok) rows.push(p.row);
      }
      return rows;
    },
    hash(rows) {
      if (hashMod) return (rows as Mod[]).map((row) => hashMod.recordRowHash(hasher, row));
      return (rows as Mod[]).map((row) => {
        const { receivedAt: _r, at: _a, ...hashed } = row;
        return hasher(hashed);
      });
    },
    columns(kind, rows, hashes) {
      const columns = columnsMod.RECORD_COLUMNS[kind];
      const ctx = { sealer, defaultDistrict: null };
      const k = { source: 'bench', importId: 1, now: new Date(0) };
      let bytes = 0;
      for (let at = 0; at < rows.length; at += 2000) {
        // The staged path (issue 16 item 1) builds each line as it is added, with the staging cells.
        const staged = typeof batchMod.stageBatch === 'function';
        const batch = staged ? new batchMod.ColumnBatch(columns, ctx) : new batchMod.ColumnBatch(columns);
        for (let i = at; i < Math.min(at + 2000, rows.length); i++)
          batch.add(
            staged
              ? {
                  row: rows[i],
                  rowHash: hashes[i],
                  gen: 1,
                  scopeNone: false,
                  scopeDistrict: null,
                  matchKey: null,
                  keyHasPlace: false,
                }
              : { row: rows[i], resolution: { status: 'resolved', firmId: 1 }, rowHash: hashes[i] },
          );
        bytes += (staged ? batch.build() : batch.build(ctx, 'copy', k)).copy.length;
      }
      return bytes;
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
async function cpuMicros<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const c0 = process.cpuUsage();
  const out = await fn();
  const c = process.cpuUsage(c0);
  return [out, c.user + c.system];
}

/** One pass of every step; µs per row, and the hashes (to hold the trees to the same output). */
async function pass(impl: Impl, kind: Kind, path: string): Promise<{ steps: Steps; hashes: string[] }> {
  const [, read] = await cpuMicros(() => impl.read(path, kind));
  const [rows, readValidate] = await cpuMicros(() => impl.readValidate(path, kind));
  const validate = Math.max(0, readValidate - read);
  const [hashes, rowHash] = await cpuMicros(() => impl.hash(rows));
  const [, columns] = await cpuMicros(() => impl.columns(kind, rows, hashes));
  const n = rows.length;
  return { steps: { read: read / n, validate: validate / n, rowHash: rowHash / n, columns: columns / n }, hashes };
}

async function costs(impls: Impl[], kind: Kind, path: string) {
  const samples = new Map<string, Steps[]>(impls.map((i) => [i.name, []]));
  for (const impl of impls) await pass(impl, kind, path); // warm-up
  for (let r = 0; r < runs; r++) {
    const hashes: string[][] = [];
    for (const impl of r % 2 === 0 ? impls : [...impls].reverse()) {
      const p = await pass(impl, kind, path);
      samples.get(impl.name)!.push(p.steps);
      hashes.push(p.hashes);
    }
    if (hashes.length > 1 && hashes[0]!.join() !== hashes[1]!.join())
      throw new Error(`${kind}: the trees disagree on row hashes`);
  }
  const out: Record<string, Steps> = {};
  for (const [name, list] of samples) {
    const steps: Steps = {};
    for (const step of Object.keys(list[0]!)) steps[step] = Number(median(list.map((s) => s[step]!)).toFixed(2));
    steps.total = Number(
      Object.values(steps)
        .reduce((a, b) => a + b, 0)
        .toFixed(2),
    );
    out[name] = steps;
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-costs-'));
try {
  const impls = [await loadImpl('current', resolve(import.meta.dirname, '..'))];
  if (baselineRev) {
    const base = join(dir, 'baseline');
    mkdirSync(base);
    execSync(`git archive ${baselineRev} src | tar -x -C ${base}`, { cwd: resolve(import.meta.dirname, '..') });
    symlinkSync(resolve(import.meta.dirname, '../node_modules'), join(base, 'node_modules'));
    impls.unshift(await loadImpl('baseline', base));
  }
  const firms = makeFirms(prng(20261128), 2000);
  const load = loadavg().map((x) => Number(x.toFixed(2)));
  const result: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    rowsPerKind,
    runs,
    unit: 'node CPU µs per row (median of runs)',
    baseline: baselineRev ?? null,
    loadAverageAtStart: load,
  };
  for (const [kind, seed] of [
    ['inspections', 1],
    ['petitions', 2],
  ] as const) {
    const path = join(dir, `${kind}.csv`);
    await writeRecordsCsv(path, kind, firms, { seed, rows: rowsPerKind });
    const c = await costs(impls, kind, path);
    if (c.baseline) {
      const ratio: Steps = {};
      for (const step of Object.keys(c.current!))
        ratio[step] = Number((c.current![step]! / c.baseline[step]!).toFixed(2));
      c['current ÷ baseline'] = ratio;
    }
    result[kind] = c;
    console.error(`[ingest-costs] ${kind}: ${JSON.stringify(c)}`);
  }
  result.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  const out = new URL('./results/', import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL('ingest-costs.json', out), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
