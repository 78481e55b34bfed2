import { sql } from 'kysely';
import type { Db } from './connect.ts';

// Bulk insert through unnest: one text[] parameter per column, cast to the
// column's type in SQL. A Kysely multi-row VALUES binds one parameter per
// cell (26,000 for 1,000 inspection rows), which PostgreSQL parses and plans
// far slower; this statement stays small whatever the batch size, and runs
// the same on PGlite (COPY FROM STDIN does not).

const typeCache = new Map<string, Map<string, string>>();

async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const cached = typeCache.get(table);
  if (cached) return cached;
  const r = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(db);
  const types = new Map(r.rows.map((c) => [c.name, c.type]));
  typeCache.set(table, types);
  return types;
}

const arrayLiteral = (xs: readonly unknown[]) => `{${xs.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** A cell in PostgreSQL's text input form (null stays null). */
function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return arrayLiteral(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Inserts rows (all with the same keys) into a table in one statement. */
export async function bulkInsert(db: Db, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const types = await columnTypes(db, table);
  const cols = Object.keys(rows[0]!);
  for (const c of cols) if (!types.has(c)) throw new Error(`bulkInsert: ${table} has no column ${c}`);
  const params = cols.map((c) => sql`${rows.map((r) => cellText(r[c]))}::text[]`);
  const select = cols.map((c, i) => `c${i}::${types.get(c)}`).join(', ');
  const alias = cols.map((_, i) => `c${i}`).join(', ');
  await sql`insert into ${sql.raw(ident(table))} (${sql.raw(cols.map(ident).join(', '))})
    select ${sql.raw(select)} from unnest(${sql.join(params)}) as u(${sql.raw(alias)})`.execute(db);
}
