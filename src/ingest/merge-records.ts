import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import { STAGE } from './column-batch.ts';
import type { RecordKind } from './import-types.ts';
import { RESOLVED } from './stage-resolve.ts';

/** What one chunk's merge did. */
export interface BatchCounts {
  accepted: number;
  updated: number;
  duplicates: number;
  unresolved: number;
  /** Firms whose records changed: the firm of each new or changed record, and the one a changed record had before. */
  firmIds: number[];
}

/** The record table a chunk merges into, and the values every row of it shares. */
export interface MergeTarget {
  kind: RecordKind;
  source: string;
  importId: number;
  now: Date;
  /** The staged record columns (RECORD_COLUMNS), record_id first. */
  columns: readonly string[];
  /** The table's timestamptz columns: old versions keep them as JavaScript wrote them (ISO, milliseconds, Z). */
  instants: readonly string[];
}

const CLASSIFIED = 'ingest_classified';
const ids = (names: readonly string[], table?: string) =>
  sql.join(names.map((n) => (table ? sql.ref(`${table}.${n}`) : sql.id(n))));

/** The timestamptz columns of a record table (for versions' data). */
export async function instantColumns(db: Db, kind: RecordKind): Promise<string[]> {
  const r = await sql<{ name: string }>`select attname as name from pg_attribute
    where attrelid = ${kind}::regclass and atttypid = 'timestamptz'::regtype and attnum > 0 and not attisdropped
    order by attnum`.execute(db);
  return r.rows.map((c) => c.name);
}

/**
 * Merges a staged, resolved chunk (column-batch.ts stageBatch,
 * stage-resolve.ts) into its record table, one generation after another:
 * a record whose stored row has the same hash is a duplicate; a changed
 * one keeps its previous content in record_versions and is rewritten
 * with version + 1; a new one is inserted, in file order. Every step is
 * one statement over the whole generation; the counts and the touched
 * firms come from the same tables. The caller owns the transaction.
 */
export async function mergeStaged(db: Db, t: MergeTarget, generations: number): Promise<BatchCounts> {
  await sql`create temporary table ${sql.table(CLASSIFIED)} (ord integer primary key, gen integer not null,
    pk integer, version integer, old_firm integer, same boolean) on commit drop`.execute(db);
  const total: BatchCounts = { accepted: 0, updated: 0, duplicates: 0, unresolved: 0, firmIds: [] };
  const firms = new Set<number>();
  for (let g = 1; g <= generations; g++) {
    const c = await mergeGeneration(db, t, g);
    total.accepted += c.accepted;
    total.updated += c.updated;
    total.duplicates += c.duplicates;
    total.unresolved += c.unresolved;
    for (const id of c.firmIds) firms.add(id);
  }
  total.firmIds = [...firms];
  return total;
}

async function mergeGeneration(db: Db, t: MergeTarget, g: number): Promise<BatchCounts> {
  const table = sql.table(t.kind);
  const stage = sql.table(STAGE);
  const classified = sql.table(CLASSIFIED);
  const resolved = sql.table(RESOLVED);
  // One index probe per record on (source, record_id): the LATERAL with
  // LIMIT is not flattened into a join, so stale statistics during a long
  // import never turn it into a scan of every stored record.
  await sql`insert into ${classified} (ord, gen, pk, version, old_firm, same)
    select s.ord, s.gen, r.id, r.version, r.firm_id, r.row_hash = s.row_hash
    from ${stage} s left join lateral (
      select id, version, firm_id, row_hash from ${table} x
      where x.source = ${t.source} and x.record_id = s.record_id limit 1
    ) r on true
    where s.gen = ${g}`.execute(db);
  const counts = (
    await sql<BatchCounts>`
    select
      count(*) filter (where c.pk is null)::integer as accepted,
      count(*) filter (where c.same is false)::integer as updated,
      count(*) filter (where c.same)::integer as duplicates,
      count(*) filter (where c.same is not true and z.firm_id is null)::integer as unresolved,
      array(
        select distinct f from (
          select z2.firm_id from ${classified} c2 join ${resolved} z2 on z2.ord = c2.ord
          where c2.gen = ${g} and c2.same is not true
          union all
          select c3.old_firm from ${classified} c3 where c3.gen = ${g} and c3.same is false
        ) as touched(f) where f is not null
      ) as "firmIds"
    from ${classified} c left join ${resolved} z on z.ord = c.ord
    where c.gen = ${g}`.execute(db)
  ).rows[0]!;
  const now = sql`${t.now.toISOString()}::timestamptz`;
  const firmId = sql`z.firm_id`;
  const resolution = sql`coalesce(z.resolution, 'unresolved')`;
  if (counts.updated > 0) {
    await sql`insert into record_versions (kind, record_pk, version, data, replaced_at, import_id)
      select ${t.kind}, r.id, r.version, ${versionData(t.instants)}, ${now}, ${t.importId}
      from ${table} r join ${classified} c on c.pk = r.id
      where c.gen = ${g} and c.same is false`.execute(db);
    // The record id is the key it was found by; the rest is rewritten.
    const rewritten = t.columns.filter((n) => n !== 'record_id');
    await sql`update ${table} r set
      (${ids(rewritten)}, firm_id, resolution, import_id, updated_at, version) =
      (${ids(rewritten, 's')}, ${firmId}, ${resolution}, ${t.importId}, ${now}, r.version + 1)
      from ${stage} s join ${classified} c on c.ord = s.ord left join ${resolved} z on z.ord = s.ord
      where r.id = c.pk and c.gen = ${g} and c.same is false`.execute(db);
  }
  if (counts.accepted > 0)
    await sql`insert into ${table} (source, import_id, created_at, updated_at, firm_id, resolution, ${ids(t.columns)})
      select ${t.source}, ${t.importId}, ${now}, ${now}, ${firmId}, ${resolution}, ${ids(t.columns, 's')}
      from ${stage} s join ${classified} c on c.ord = s.ord left join ${resolved} z on z.ord = s.ord
      where c.gen = ${g} and c.pk is null
      order by s.ord`.execute(db);
  return counts;
}

/**
 * A stored record's previous content as one jsonb value, with the row
 * path's formats: every column but the id, instants as JavaScript's ISO
 * strings (the row path serialised the Date objects the driver returned).
 */
function versionData(instants: readonly string[]): RawBuilder<unknown> {
  const base = sql`to_jsonb(r) - 'id'`;
  if (instants.length === 0) return base;
  const pairs = instants.map(
    (n) => sql`${sql.lit(n)}::text, to_char(${sql.ref(`r.${n}`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  );
  return sql`(${base}) || jsonb_build_object(${sql.join(pairs)})`;
}
