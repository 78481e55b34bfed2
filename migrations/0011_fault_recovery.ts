import { sql, type Kysely } from 'kysely';

// Recovery after faults (issue 20):
// - imports.runner / heartbeat_at: which process runs an import and when it
//   last showed life, so a run left `running` by a killed process or a
//   failed database is marked failed, and a live replica's run is not.
// - rescore_pending: firms whose records were stored but not yet rescored
//   (marked in the batch's own transaction, cleared once the rescoring and
//   its alert evaluation are done), so an interrupted import's firms are
//   rescored by the re-run, the next start or the next sweep.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').addColumn('runner', 'text').execute();
  await db.schema.alterTable('imports').addColumn('heartbeat_at', 'timestamptz').execute();
  await sql`create index imports_running on imports (id) where status = 'running'`.execute(db);
  await sql`create sequence rescore_pending_mark`.execute(db);
  await db.schema
    .createTable('rescore_pending')
    .addColumn('firm_id', 'integer', (c) => c.primaryKey().references('firms.id').onDelete('cascade'))
    .addColumn('mark', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('rescore_pending_mark')`))
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rescore_pending').execute();
  await sql`drop sequence rescore_pending_mark`.execute(db);
  await sql`drop index imports_running`.execute(db);
  await db.schema.alterTable('imports').dropColumn('heartbeat_at').execute();
  await db.schema.alterTable('imports').dropColumn('runner').execute();
}
