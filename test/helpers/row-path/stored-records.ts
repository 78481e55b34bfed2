import { sql } from 'kysely';
import type { Db } from '../../../src/db/connect.ts';
import type { RecordKind } from '../../../src/ingest/import-types.ts';
import { arrayLiteral } from '../../../src/ingest/pg-text.ts';

// The row path's lookup of stored records (issue 16: the reference model of
// the property test; the import itself merges in SQL, merge-records.ts).

/** What tells a new, identical or changed record apart. */
export interface StoredRecord {
  id: number;
  record_id: string;
  row_hash: string;
  version: number;
  firm_id: number | null;
}

/**
 * The records of `source` among `recordIds`, by record id.
 *
 * One index probe on (source, record_id) per id, forced by the LATERAL
 * subquery with LIMIT (which PostgreSQL does not flatten into a join).
 * The plain `source = $1 and record_id = any($2)` let the planner pick the
 * plan from table statistics, and during a large import those are stale:
 * it scanned every stored record of the source for each batch, so the
 * import slowed down as it went (quadratic in the file's length).
 */
export async function findStoredRecords(
  db: Db,
  table: RecordKind,
  source: string,
  recordIds: readonly string[],
): Promise<Map<string, StoredRecord>> {
  const found = new Map<string, StoredRecord>();
  if (recordIds.length === 0) return found;
  const r = await sql<StoredRecord>`
    select t.id, t.record_id, t.row_hash, t.version, t.firm_id
    from unnest(${arrayLiteral(recordIds)}::text[]) as k(record_id)
    cross join lateral (
      select id, record_id, row_hash, version, firm_id from ${sql.id(table)}
      where source = ${source} and record_id = k.record_id limit 1
    ) as t`.execute(db);
  for (const row of r.rows) found.set(row.record_id, row);
  return found;
}
