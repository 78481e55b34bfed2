import { sql, type Kysely } from 'kysely';

// Score explanations (firm_scores.detail, ~2.5 KB of jsonb each) compressed
// with lz4 instead of pglz where the server has it (issue 16 item 3): a first
// sweep writes 20,000 of them and pglz took about half the time of the
// write; lz4 compresses several times faster and reads back faster too.
// Only new rows use it; a server built without lz4 (the embedded database)
// keeps pglz.

async function hasLz4(db: Kysely<any>): Promise<boolean> {
  const r = await sql<{ lz4: boolean }>`
    select coalesce('lz4' = any(enumvals), false) as lz4 from pg_settings where name = 'default_toast_compression'`.execute(
    db,
  );
  return r.rows[0]?.lz4 === true;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (await hasLz4(db)) await sql`alter table firm_scores alter column detail set compression lz4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (await hasLz4(db)) await sql`alter table firm_scores alter column detail set compression pglz`.execute(db);
}
