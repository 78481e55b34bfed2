// Alternatives to a Kysely multi-row INSERT (one bind parameter per cell),
// measured by bench/ingest-insert-variants.ts as candidate fixes for
// src/ingest/store-records.ts:
//
//  - unnest: one text[] parameter per column, cast to the column types in
//    SQL, `insert … select … from unnest($1::text[], …)`. Portable (PGlite
//    too), and the statement text is tiny whatever the batch size.
//  - copy: COPY … FROM STDIN (FORMAT csv) of the batch built in JS; pg only.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Db } from '../../src/db/connect.ts';

/** Column name → SQL type, read from the catalogue. */
export async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const r = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(db);
  return new Map(r.rows.map((c) => [c.name, c.type]));
}

const arrayLiteral = (xs: unknown[]) => `{${xs.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** A cell as PostgreSQL text input (null stays null). */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return arrayLiteral(v);
  return String(v);
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function insertUnnest(db: Db, table: string, types: Map<string, string>, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const arrays = cols.map((c) => rows.map((r) => cellText(r[c])));
  const params = arrays.map((a) => sql`${a}::text[]`);
  const select = cols.map((c, i) => `c${i}::${types.get(c) ?? 'text'}`).join(', ');
  const alias = cols.map((_, i) => `c${i}`).join(', ');
  await sql`insert into ${sql.raw(ident(table))} (${sql.raw(cols.map(ident).join(', '))})
    select ${sql.raw(select)} from unnest(${sql.join(params)}) as u(${sql.raw(alias)})`.execute(db);
}

function csvCell(v: unknown): string {
  const s = cellText(v);
  if (s === null) return '';
  return `"${s.replace(/"/g, '""')}"`;
}

/** COPY of the rows over a raw pg client (inside whatever transaction it has open). */
export async function insertCopy(client: pg.ClientBase, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  let text = '';
  for (const r of rows) text += `${cols.map((c) => csvCell(r[c])).join(',')}\n`;
  const copy = client.query(copyStreams.from(`copy ${ident(table)} (${cols.map(ident).join(', ')}) from stdin (format csv)`));
  await pipeline(Readable.from([text]), copy);
}
