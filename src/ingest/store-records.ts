import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { bulkInsert } from '../db/bulk-insert.ts';
import type { InspectionRow, PetitionRow } from './rows/index.ts';
import type { ImportContext, RecordKind } from './import-types.ts';
import { refKey, resolveFirmRefs } from './resolve-firms.ts';
import { firmRefColumns, inspectionColumns, petitionColumns } from './record-columns.ts';

export interface BatchCounts {
  accepted: number;
  updated: number;
  duplicates: number;
  unresolved: number;
  firmIds: number[];
}

type Row = InspectionRow | PetitionRow;

/**
 * Stores one batch of validated records (record ids unique within it):
 * new ones inserted, identical ones counted as duplicates, changed ones
 * updated with their previous content kept in record_versions.
 */
export async function storeRecordBatch(db: Db, ctx: ImportContext, kind: RecordKind, source: string, importId: number, rows: Array<{ line: number; row: Row }>): Promise<BatchCounts> {
  const counts: BatchCounts = { accepted: 0, updated: 0, duplicates: 0, unresolved: 0, firmIds: [] };
  if (rows.length === 0) return counts;
  const table = kind;
  const resolved = await resolveFirmRefs(db, rows.map(({ row }) => ({ uscc: row.uscc, nameKey: row.firmKey })));
  // Only what tells new, identical and changed apart; a changed record's
  // full old row is read below, for its version history.
  const existing = new Map(
    (await db.selectFrom(table).select(['id', 'record_id', 'row_hash', 'version', 'firm_id']).where('source', '=', source)
      .where(sql<boolean>`record_id = any(${rows.map((r) => r.row.recordId)}::text[])`).execute())
      .map((r) => [r.record_id, r] as const),
  );
  const inserts: any[] = [];
  const firmIds = new Set<number>();
  for (const { row } of rows) {
    const { receivedAt: _r, at: _a, ...hashed } = row as Row & { at?: Date; receivedAt?: Date };
    const row_hash = ctx.rowHash(hashed);
    const old = existing.get(row.recordId);
    if (old && old.row_hash === row_hash) {
      counts.duplicates++;
      continue;
    }
    const resolution = resolved.get(refKey({ uscc: row.uscc, nameKey: row.firmKey }))!;
    if (resolution.status !== 'resolved') counts.unresolved++;
    else firmIds.add(resolution.firmId);
    const columns = {
      ...firmRefColumns(row, resolution),
      ...(kind === 'inspections' ? inspectionColumns(row as InspectionRow) : petitionColumns(row as PetitionRow, ctx.sealer)),
      row_hash, import_id: importId, updated_at: ctx.now,
    };
    columns.district ??= ctx.defaultDistrict ?? null;
    if (!old) {
      inserts.push({ source, record_id: row.recordId, created_at: ctx.now, ...columns });
      counts.accepted++;
      continue;
    }
    if (old.firm_id !== null) firmIds.add(old.firm_id);
    const { id, ...previous } = await db.selectFrom(table).selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
    await db.insertInto('record_versions').values({ kind, record_pk: id, version: old.version, data: JSON.stringify(previous), replaced_at: ctx.now, import_id: importId }).execute();
    await db.updateTable(table).set({ ...columns, version: old.version + 1 } as any).where('id', '=', id).execute();
    counts.updated++;
  }
  await bulkInsert(db, table, inserts);
  counts.firmIds = [...firmIds];
  return counts;
}
