import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { RecordKind } from './import-types.ts';
import { arrayLiteral } from './pg-text.ts';
import type { CellContext, ColumnSpec, RecordInput } from './record-columns.ts';

/** A batch ready to insert: one array literal (PostgreSQL text) per column. */
export interface BuiltBatch {
  columns: ReadonlyArray<{ name: string; type: string }>;
  size: number;
  literals: string[];
}

/**
 * New records of one batch, turned into columns by build(): column by
 * column, no object per row, each column straight into the array literal
 * the insert sends. Built while preparing, so that none of this work
 * happens inside the batch's transaction.
 */
export class ColumnBatch<R> {
  private readonly inputs: RecordInput<R>[] = [];

  constructor(readonly columns: readonly ColumnSpec<R>[]) {}

  get size(): number {
    return this.inputs.length;
  }

  add(input: RecordInput<R>): void {
    this.inputs.push(input);
  }

  build(ctx: CellContext): BuiltBatch {
    const { columns, inputs } = this;
    const literals = columns.map((c) => arrayLiteral(inputs.map((input) => c.cell(input, ctx))));
    return { columns, size: inputs.length, literals };
  }
}

/** Values every record of a batch shares, sent once instead of once per row. */
export interface BatchConstants {
  source: string;
  importId: number;
  now: Date;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Inserts a batch in one statement: one text[] parameter per column,
 * unnested and cast to the column types in SQL. The statement stays small
 * whatever the batch size (a VALUES list would bind one parameter per
 * cell, ~26,000 for 1,000 rows, which PostgreSQL parses and plans far
 * slower), and runs the same on PGlite, where COPY FROM STDIN does not.
 */
export async function insertBuiltBatch(db: Db, table: RecordKind, batch: BuiltBatch, k: BatchConstants): Promise<void> {
  if (batch.size === 0) return;
  const names = batch.columns.map((c) => ident(c.name)).join(', ');
  const casts = batch.columns.map((c, i) => `u.c${i}::${c.type}`).join(', ');
  const aliases = batch.columns.map((_, i) => `c${i}`).join(', ');
  const arrays = batch.literals.map((literal) => sql`${literal}::text[]`);
  const now = k.now.toISOString();
  await sql`insert into ${sql.id(table)} (source, import_id, created_at, updated_at, ${sql.raw(names)})
    select ${k.source}::text, ${k.importId}::integer, ${now}::timestamptz, ${now}::timestamptz, ${sql.raw(casts)}
    from unnest(${sql.join(arrays)}) as u(${sql.raw(aliases)})`.execute(db);
}
