import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { copyInto } from '../db/copy-in.ts';
import { copyField } from './pg-text.ts';
import type { CellContext, ColumnSpec, RecordInput } from './record-columns.ts';

/**
 * What a staged record carries beside its cells, for the merge in SQL
 * (merge-records.ts): its place in the chunk, its generation (1 for the
 * first row of a record id in the chunk, 2 for the second …: each
 * generation is merged after the one before, so a repeated id is compared
 * with the row before it), its candidate scope (firm-candidates.ts
 * scopeCells) and the matching key of its firm name (firmNameKeys: the
 * name_key when the name gives a place, else the base_key; null when the
 * name has no key).
 */
export interface StagedInput<R> extends RecordInput<R> {
  gen: number;
  scopeNone: boolean;
  scopeDistrict: string | null;
  matchKey: string | null;
  keyHasPlace: boolean;
}

/** The staging table's own columns, ahead of the record's cells. */
const STAGE_LEAD: ReadonlyArray<{ name: string; type: string }> = [
  { name: 'ord', type: 'integer' },
  { name: 'gen', type: 'integer' },
  { name: 'scope_none', type: 'boolean' },
  { name: 'scope_district', type: 'text' },
  { name: 'match_key', type: 'text' },
  { name: 'key_has_place', type: 'boolean' },
];

/** The staging table of one chunk (a temporary table, dropped when the chunk's transaction commits). */
export const STAGE = 'ingest_stage';

/** A chunk ready to stage: its rows in COPY text format. */
export interface BuiltBatch {
  size: number;
  /** The highest generation in the chunk (1 when no record id repeats). */
  generations: number;
  copy: string;
}

/**
 * The records of one chunk as one COPY body: each row becomes its line as
 * it is added (no object per cell), so the caller can add a few hundred
 * rows at a time and let the previous chunk's statements go out between
 * (see store-records.ts). Built while preparing, so that none of this work
 * happens inside the chunk's transaction.
 */
export class ColumnBatch<R> {
  private copy = '';
  private rows = 0;
  private generations = 0;

  constructor(
    readonly columns: readonly ColumnSpec<R>[],
    private readonly ctx: CellContext,
  ) {}

  get size(): number {
    return this.rows;
  }

  add(input: StagedInput<R>): void {
    if (input.gen > this.generations) this.generations = input.gen;
    let line = `${this.rows++}\t${input.gen}\t${input.scopeNone ? 't' : 'f'}\t${copyField(input.scopeDistrict)}\t${copyField(input.matchKey)}\t${input.keyHasPlace ? 't' : 'f'}`;
    for (const c of this.columns) line += `\t${copyField(c.cell(input, this.ctx))}`;
    this.copy += `${line}\n`;
  }

  build(): BuiltBatch {
    return { size: this.rows, generations: this.generations, copy: this.copy };
  }
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Creates the chunk's staging table and COPYs the chunk into it, inside
 * the caller's transaction. A temporary table: private to the connection
 * (two imports at once never see each other's rows), never WAL-logged,
 * and dropped at commit or rollback, on PostgreSQL as on PGlite. Not
 * analyzed: the planner reads its size from the file, which is what the
 * merge's joins need, and an ANALYZE cost more than it saved.
 */
export async function stageBatch(db: Db, columns: readonly ColumnSpec<unknown>[], batch: BuiltBatch): Promise<void> {
  const all = [...STAGE_LEAD, ...columns];
  const defs = all.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
  await sql.raw(`create temporary table ${STAGE} (${defs}) on commit drop`).execute(db);
  await copyInto(
    db,
    STAGE,
    all.map((c) => c.name),
    batch.copy,
  );
}
