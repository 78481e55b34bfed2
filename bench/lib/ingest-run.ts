// Running the real import path for the benchmark: importFile over a file
// stream, exactly as the CLI does, plus a parse-only pass over the same
// file (decode, CSV, row schema; no database) to split the time.

import { createReadStream } from 'node:fs';
import pino from 'pino';
import type { Db } from '../../src/db/connect.ts';
import { importFile } from '../../src/ingest/import-file.ts';
import { importContext } from '../../src/ingest/import-service.ts';
import type { ImportKind, ImportSummary } from '../../src/ingest/import-types.ts';
import { parseRow, readRows } from '../../src/ingest/rows/index.ts';
import { type BenchFirm, firmsCsv } from './ingest-firms.ts';

export const BENCH_SECRET = 'bench-secret-key-0123456789abcdef0123456789';
const log = pino({ level: 'silent' });
const actor = { id: null, name: 'bench' };

export interface Timed {
  summary: ImportSummary;
  seconds: number;
}

export async function importPath(
  db: Db,
  kind: ImportKind,
  path: string,
  opts: {
    source?: string;
    batchSize?: number;
    onProgress?: (n: number) => void;
    stream?: ReturnType<typeof createReadStream>;
  } = {},
): Promise<Timed> {
  const ctx = {
    ...importContext({ db, log, secretKey: BENCH_SECRET }, actor, new Date(), { onProgress: opts.onProgress }),
    batchSize: opts.batchSize,
  };
  const t0 = performance.now();
  const summary = await importFile(ctx, {
    kind,
    source: opts.source ?? path.split('/').pop()!,
    format: 'csv',
    bytes: opts.stream ?? createReadStream(path),
  });
  return { summary, seconds: (performance.now() - t0) / 1000 };
}

/** Loads the firm directory through the firms importer, so names and aliases are normalized as in production. */
export async function seedFirms(db: Db, firms: readonly BenchFirm[]): Promise<ImportSummary> {
  const ctx = importContext({ db, log, secretKey: BENCH_SECRET }, actor, new Date());
  return importFile(ctx, {
    kind: 'firms',
    source: 'bench-firms.csv',
    format: 'csv',
    bytes: [Buffer.from(firmsCsv(firms), 'utf8')],
  });
}

/** Reads and validates a file without touching a database. */
export async function parseOnly(
  kind: 'inspections' | 'petitions',
  path: string,
): Promise<{ rows: number; bad: number; seconds: number }> {
  const t0 = performance.now();
  let rows = 0;
  let bad = 0;
  for await (const raw of readRows(createReadStream(path), 'csv', { kind })) {
    rows++;
    if (raw.record === null || !parseRow(kind, raw.record).ok) bad++;
  }
  return { rows, bad, seconds: (performance.now() - t0) / 1000 };
}
