import type { Db } from '../db/connect.ts';
import { type BatchConstants, type BuiltBatch, ColumnBatch, insertBuiltBatch } from './column-batch.ts';
import type { ImportContext, RecordKind } from './import-types.ts';
import { type CellContext, type ColumnSpec, RECORD_COLUMNS, recordCells } from './record-columns.ts';
import type { Cell } from './pg-text.ts';
import type { FirmRefKey, FirmResolver } from './resolve-firms.ts';
import { type CandidateScope, candidateKey, candidateScope, EVERYWHERE } from './firm-candidates.ts';
import type { InspectionRow, PetitionRow } from './rows/index.ts';
import { recordRowHash } from './record-hash.ts';
import { type StoredRecord, findStoredRecords } from './stored-records.ts';

export interface BatchCounts {
  accepted: number;
  updated: number;
  duplicates: number;
  unresolved: number;
  firmIds: number[];
}

type Row = InspectionRow | PetitionRow;

/** A batch of records sorted into new, identical and changed, with the cells to write. */
export interface PreparedRecords {
  counts: BatchCounts;
  inserts: BuiltBatch;
  updates: Array<{ stored: StoredRecord; cells: Record<string, Cell> }>;
}

/** What stays the same across the batches of one records import. */
export interface RecordImport {
  kind: RecordKind;
  source: string;
  importId: number;
  firms: FirmResolver;
}

/**
 * Sorts one batch of validated records (record ids unique within it) into
 * new, identical (counted as duplicates) and changed, and computes the
 * cells to write: hashing, sealing, masking and the array literals of the
 * insert happen here, outside any transaction, so that they can run while
 * the previous batch commits.
 */
export async function prepareRecordBatch(
  db: Db,
  ctx: ImportContext,
  imp: RecordImport,
  rows: ReadonlyArray<{ row: Row }>,
): Promise<PreparedRecords> {
  const columns = RECORD_COLUMNS[imp.kind] as readonly ColumnSpec<Row>[];
  const counts: BatchCounts = { accepted: 0, updated: 0, duplicates: 0, unresolved: 0, firmIds: [] };
  const inserts = new ColumnBatch(columns);
  const updates: PreparedRecords['updates'] = [];
  // Both lookups go out first; the rows are hashed while they run.
  const where = (row: Row) =>
    candidateScope(
      ctx.scope ?? EVERYWHERE,
      (row as { district?: string | null }).district ?? ctx.defaultDistrict ?? null,
    );
  const byScope = new Map<string, { scope: CandidateScope; refs: FirmRefKey[] }>();
  for (const { row } of rows) {
    const scope = where(row);
    const group =
      byScope.get(candidateKey(scope)) ??
      byScope.set(candidateKey(scope), { scope, refs: [] }).get(candidateKey(scope))!;
    group.refs.push({ uscc: row.uscc, nameKey: row.firmKey });
  }
  const firmsLoaded = Promise.all([...byScope.values()].map((g) => imp.firms.load(db, g.refs, g.scope)));
  const storedFound = findStoredRecords(
    db,
    imp.kind,
    imp.source,
    rows.map(({ row }) => row.recordId),
  );
  const hashes = rows.map(({ row }) => rowHashOf(ctx, row));
  const [, stored] = await Promise.all([firmsLoaded, storedFound]);

  const cellCtx: CellContext = { sealer: ctx.sealer, defaultDistrict: ctx.defaultDistrict ?? null };
  const firmIds = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!.row;
    const rowHash = hashes[i]!;
    const old = stored.get(row.recordId);
    if (old && old.row_hash === rowHash) {
      counts.duplicates++;
      continue;
    }
    const resolution = imp.firms.get({ uscc: row.uscc, nameKey: row.firmKey }, where(row));
    if (resolution.status !== 'resolved') counts.unresolved++;
    else firmIds.add(resolution.firmId);
    const input = { row, resolution, rowHash };
    if (!old) {
      inserts.add(input);
      counts.accepted++;
    } else {
      if (old.firm_id !== null) firmIds.add(old.firm_id);
      // The record id is the key it was found by; the rest is rewritten.
      const { record_id: _key, ...cells } = recordCells(columns, input, cellCtx);
      updates.push({ stored: old, cells });
      counts.updated++;
    }
  }
  counts.firmIds = [...firmIds];
  return {
    counts,
    inserts: inserts.build(cellCtx, ctx.bulkWrite ?? 'copy', {
      source: imp.source,
      importId: imp.importId,
      now: ctx.now,
    }),
    updates,
  };
}

/**
 * Writes a prepared batch: changed records keep their previous content in
 * record_versions; new ones go in with one statement. The caller owns the
 * transaction.
 */
export async function commitRecordBatch(
  trx: Db,
  imp: RecordImport,
  now: Date,
  prepared: PreparedRecords,
): Promise<void> {
  const table = imp.kind;
  for (const { stored, cells } of prepared.updates) {
    const { id, ...previous } = await trx
      .selectFrom(table)
      .selectAll()
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('record_versions')
      .values({
        kind: table,
        record_pk: id,
        version: stored.version,
        data: JSON.stringify(previous),
        replaced_at: now,
        import_id: imp.importId,
      })
      .execute();
    await trx
      .updateTable(table)
      // biome-ignore lint/suspicious/noExplicitAny: the table is one of several record tables; cells were built from its own columns
      .set({ ...cells, import_id: imp.importId, updated_at: now, version: stored.version + 1 } as any)
      .where('id', '=', id)
      .execute();
  }
  const constants: BatchConstants = { source: imp.source, importId: imp.importId, now };
  await insertBuiltBatch(trx, table, prepared.inserts, constants);
}

/** The keyed change-detection hash (record-hash.ts). */
function rowHashOf(ctx: ImportContext, row: Row): string {
  return recordRowHash(ctx.rowHash, row);
}
