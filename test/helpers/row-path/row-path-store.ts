import type { Db } from '../../../src/db/connect.ts';
import { type CandidateScope, candidateScope, EVERYWHERE } from '../../../src/ingest/firm-candidates.ts';
import type { ImportContext } from '../../../src/ingest/import-types.ts';
import { numberCell } from '../../../src/ingest/pg-text.ts';
import { type CellContext, type ColumnSpec, RECORD_COLUMNS, recordCells } from '../../../src/ingest/record-columns.ts';
import type { InspectionRow, PetitionRow } from '../../../src/ingest/rows/index.ts';
import { type BatchCounts, type RecordImport, type RecordStore, rowHashOf } from '../../../src/ingest/store-records.ts';
import { FirmResolver } from './firm-resolver.ts';
import { findStoredRecords } from './stored-records.ts';

// The row path as imports ran before issue 16, kept as the reference model
// of the property test (import-staged-merge.test.ts): batches split where a
// record id repeats, firms resolved by FirmResolver (resolveFirmRefs),
// stored records looked up by findStoredRecords, then per changed record a
// select, a record_versions insert and an update, and the new records
// inserted. Everything runs inside the chunk's transaction here (the row
// path looked up outside it; the result is the same for one import alone).

type Row = InspectionRow | PetitionRow;

export const rowPathStore: RecordStore = (ctx, imp) => {
  const firms = new FirmResolver();
  return async (rows) => async (trx) => {
    const total: BatchCounts = { accepted: 0, updated: 0, duplicates: 0, unresolved: 0, firmIds: [] };
    const touched = new Set<number>();
    let part: Row[] = [];
    let ids = new Set<string>();
    const parts: Row[][] = [];
    for (const { row } of rows) {
      if (ids.has(row.recordId)) {
        parts.push(part);
        part = [];
        ids = new Set();
      }
      ids.add(row.recordId);
      part.push(row);
    }
    parts.push(part);
    for (const p of parts) {
      const c = await storeBatch(trx, ctx, imp, firms, p);
      total.accepted += c.accepted;
      total.updated += c.updated;
      total.duplicates += c.duplicates;
      total.unresolved += c.unresolved;
      for (const id of c.firmIds) touched.add(id);
    }
    total.firmIds = [...touched];
    return total;
  };
};

async function storeBatch(
  db: Db,
  ctx: ImportContext,
  imp: RecordImport,
  firms: FirmResolver,
  rows: Row[],
): Promise<BatchCounts> {
  const columns = RECORD_COLUMNS[imp.kind] as readonly ColumnSpec<Row>[];
  const counts: BatchCounts = { accepted: 0, updated: 0, duplicates: 0, unresolved: 0, firmIds: [] };
  const where = (row: Row): CandidateScope =>
    candidateScope(
      ctx.scope ?? EVERYWHERE,
      (row as { district?: string | null }).district ?? ctx.defaultDistrict ?? null,
    );
  for (const row of rows) await firms.load(db, [{ uscc: row.uscc, nameKey: row.firmKey }], where(row));
  const stored = await findStoredRecords(
    db,
    imp.kind,
    imp.source,
    rows.map((r) => r.recordId),
  );
  const cellCtx: CellContext = { sealer: ctx.sealer, defaultDistrict: ctx.defaultDistrict ?? null };
  const firmIds = new Set<number>();
  const inserts: Array<Record<string, unknown>> = [];
  const table = imp.kind;
  for (const row of rows) {
    const rowHash = rowHashOf(ctx, row);
    const old = stored.get(row.recordId);
    if (old && old.row_hash === rowHash) {
      counts.duplicates++;
      continue;
    }
    const resolution = firms.get({ uscc: row.uscc, nameKey: row.firmKey }, where(row));
    if (resolution.status !== 'resolved') counts.unresolved++;
    else firmIds.add(resolution.firmId);
    const cells: Record<string, unknown> = {
      ...recordCells(columns, { row, rowHash }, cellCtx),
      firm_id: numberCell(resolution.firmId),
      resolution: resolution.status,
    };
    if (!old) {
      inserts.push({ ...cells, source: imp.source, import_id: imp.importId, created_at: ctx.now, updated_at: ctx.now });
      counts.accepted++;
      continue;
    }
    if (old.firm_id !== null) firmIds.add(old.firm_id);
    counts.updated++;
    const { record_id: _key, ...rest } = cells;
    const { id, ...previous } = await db
      .selectFrom(table)
      .selectAll()
      .where('id', '=', old.id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('record_versions')
      .values({
        kind: table,
        record_pk: id,
        version: old.version,
        data: JSON.stringify(previous),
        replaced_at: ctx.now,
        import_id: imp.importId,
      })
      .execute();
    await db
      .updateTable(table)
      .set({ ...rest, import_id: imp.importId, updated_at: ctx.now, version: old.version + 1 } as any)
      .where('id', '=', id)
      .execute();
  }
  if (inserts.length > 0)
    await db
      .insertInto(table)
      .values(inserts as any)
      .execute();
  counts.firmIds = [...firmIds];
  return counts;
}
