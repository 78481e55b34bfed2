import type { Db } from '../db/connect.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { firmNameKeys } from '../domain/firm-name.ts';
import { detach } from '../domain/values/index.ts';
import { type BuiltBatch, ColumnBatch, stageBatch } from './column-batch.ts';
import type { ImportContext, RecordKind } from './import-types.ts';
import { type CellContext, type ColumnSpec, RECORD_COLUMNS } from './record-columns.ts';
import { candidateScope, EVERYWHERE, scopeCells } from './firm-candidates.ts';
import type { InspectionRow, PetitionRow } from './rows/index.ts';
import { type BatchCounts, instantColumns, mergeStaged } from './merge-records.ts';
import { resolveStaged } from './stage-resolve.ts';
import { recordRowHash } from './record-hash.ts';

export type { BatchCounts } from './merge-records.ts';

type Row = InspectionRow | PetitionRow;

/** What stays the same across the chunks of one records import. */
export interface RecordImport {
  kind: RecordKind;
  source: string;
  importId: number;
}

/** Prepares a chunk outside any transaction; the function it returns writes it inside one. */
export type PrepareChunk = (rows: ReadonlyArray<{ row: Row }>) => Promise<(trx: Db) => Promise<BatchCounts>>;

/** How a records import stores its chunks (the staged, set-based path unless a test supplies a reference). */
export type RecordStore = (ctx: ImportContext, imp: RecordImport) => PrepareChunk;

/** Rows prepared between two turns of the event loop. */
const YIELD_EVERY = 256;

// A file names a few thousand distinct firms; past the first chunks nearly every name is one seen before.
const MAX_REMEMBERED_KEYS = 100_000;

/**
 * The bulk path: Node computes each row's cells (hash, sealing, masking),
 * its candidate scope and the matching key of its firm name into one COPY
 * body while the previous chunk merges; inside the chunk's transaction the
 * body is COPYed into a staging table and merged by a fixed set of
 * statements (stage-resolve.ts, merge-records.ts), whatever the chunk's
 * size.
 */
export const stagedRecordStore: RecordStore = (ctx, imp) => {
  const columns = RECORD_COLUMNS[imp.kind] as readonly ColumnSpec<Row>[];
  const cellCtx: CellContext = { sealer: ctx.sealer, defaultDistrict: ctx.defaultDistrict ?? null };
  const importer: Scope = ctx.scope ?? EVERYWHERE;
  const keys = new Map<string, { matchKey: string | null; keyHasPlace: boolean }>();
  const keyOf = (name: string | null) => {
    if (name === null || name === '') return { matchKey: null, keyHasPlace: false };
    let k = keys.get(name);
    if (k === undefined) {
      const f = firmNameKeys(name);
      // Detached: a remembered key would otherwise keep a chunk of the file alive.
      k = { matchKey: f.nameKey === '' ? null : detach(f.hasPlace ? f.nameKey : f.baseKey), keyHasPlace: f.hasPlace };
      if (keys.size >= MAX_REMEMBERED_KEYS) keys.clear();
      keys.set(detach(name), k);
    }
    return k;
  };
  let instants: readonly string[] | null = null;
  return async (rows) => {
    const batch = new ColumnBatch(columns, cellCtx);
    const seen = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      // The previous chunk merges statement by statement, each sent from
      // this thread: let them go out while this chunk is built.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      const { row } = rows[i]!;
      const gen = (seen.get(row.recordId) ?? 0) + 1;
      seen.set(row.recordId, gen);
      const district = (row as { district?: string | null }).district ?? ctx.defaultDistrict ?? null;
      const scope = scopeCells(candidateScope(importer, district));
      batch.add({
        row,
        rowHash: rowHashOf(ctx, row),
        gen,
        scopeNone: scope.none,
        scopeDistrict: scope.district,
        ...keyOf(row.firmKey),
      });
    }
    const built = batch.build();
    return async (trx) => {
      instants ??= await instantColumns(trx, imp.kind);
      return commitRecordChunk(trx, imp, ctx, columns, built, instants);
    };
  };
};

async function commitRecordChunk(
  trx: Db,
  imp: RecordImport,
  ctx: ImportContext,
  columns: readonly ColumnSpec<Row>[],
  built: BuiltBatch,
  instants: readonly string[],
): Promise<BatchCounts> {
  if (built.size === 0) return { accepted: 0, updated: 0, duplicates: 0, unresolved: 0, firmIds: [] };
  await stageBatch(trx, columns as readonly ColumnSpec<unknown>[], built);
  await resolveStaged(trx, ctx.scope ?? EVERYWHERE);
  return mergeStaged(
    trx,
    {
      kind: imp.kind,
      source: imp.source,
      importId: imp.importId,
      now: ctx.now,
      columns: columns.map((c) => c.name),
      instants,
    },
    built.generations,
  );
}

/** The keyed change-detection hash (record-hash.ts). */
export function rowHashOf(ctx: ImportContext, row: Row): string {
  return recordRowHash(ctx.rowHash, row);
}
