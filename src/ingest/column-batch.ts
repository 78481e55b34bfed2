import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { RecordKind } from './import-types.ts';
import { copyInto } from '../db/copy-in.ts';
import { arrayLiteral, copyField } from './pg-text.ts';
import type { CellContext, ColumnSpec, RecordInput } from './record-columns.ts';

/**
 * How new records reach their table: `copy` (the default) sends the batch
 * as one COPY body; `unnest`, the earlier path, as one text[] parameter per
 * column of an INSERT … SELECT FROM unnest(…). Both store the same values;
 * `unnest` stays for the test that holds the two side by side.
 */
export type BulkWrite = 'copy' | 'unnest';

/** A batch ready to insert: a COPY body, or one array literal (PostgreSQL text) per column. */
export interface BuiltBatch {
  columns: ReadonlyArray<{ name: string; type: string }>;
  size: number;
  write: BulkWrite;
  /** `unnest`: one array literal per column. */
  literals: string[];
  /** `copy`: the rows in COPY text format, the batch's constants already in each line. */
  copy: string;
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

  build(ctx: CellContext, write: BulkWrite = 'copy', k?: BatchConstants): BuiltBatch {
    const { columns, inputs } = this;
    if (write === 'unnest') {
      const literals = columns.map((c) => arrayLiteral(inputs.map((input) => c.cell(input, ctx))));
      return { columns, size: inputs.length, write, literals, copy: '' };
    }
    if (!k) throw new Error('a COPY batch needs its constants');
    // The constant columns lead each line (see COPY_CONSTANTS).
    const now = k.now.toISOString();
    const lead = `${copyField(k.source)}\t${k.importId}\t${now}\t${now}`;
    let copy = '';
    for (const input of inputs) {
      let line = lead;
      for (const c of columns) line += `\t${copyField(c.cell(input, ctx))}`;
      copy += `${line}\n`;
    }
    return { columns, size: inputs.length, write, literals: [], copy };
  }
}

const COPY_CONSTANTS = ['source', 'import_id', 'created_at', 'updated_at'];

/** Values every record of a batch shares, sent once instead of once per row. */
export interface BatchConstants {
  source: string;
  importId: number;
  now: Date;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Inserts a batch in one statement. By COPY (copy-in.ts): the body was
 * built while preparing, and the server parses each line straight into the
 * table. Or, the earlier path, with one text[] parameter per column,
 * unnested and cast to the column types in SQL. The statement stays small
 * whatever the batch size (a VALUES list would bind one parameter per
 * cell, ~26,000 for 1,000 rows, which PostgreSQL parses and plans far
 * slower), and runs the same on PGlite, where COPY FROM STDIN does not.
 */
export async function insertBuiltBatch(db: Db, table: RecordKind, batch: BuiltBatch, k: BatchConstants): Promise<void> {
  if (batch.size === 0) return;
  if (batch.write === 'copy') {
    await copyInto(db, table, [...COPY_CONSTANTS, ...batch.columns.map((c) => c.name)], batch.copy);
    return;
  }
  const names = batch.columns.map((c) => ident(c.name)).join(', ');
  const casts = batch.columns.map((c, i) => `u.c${i}::${c.type}`).join(', ');
  const aliases = batch.columns.map((_, i) => `c${i}`).join(', ');
  const arrays = batch.literals.map((literal) => sql`${literal}::text[]`);
  const now = k.now.toISOString();
  await sql`insert into ${sql.id(table)} (source, import_id, created_at, updated_at, ${sql.raw(names)})
    select ${k.source}::text, ${k.importId}::integer, ${now}::timestamptz, ${now}::timestamptz, ${sql.raw(casts)}
    from unnest(${sql.join(arrays)}) as u(${sql.raw(aliases)})`.execute(db);
}
