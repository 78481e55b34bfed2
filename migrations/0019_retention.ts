import { sql, type Kysely } from 'kysely';

// Issue 19, item 4: retention. Indexes that let the daily retention job find
// old rows of each kind without a scan; a petition remembers when its
// personal data was dropped; and the audit log, append-only otherwise,
// accepts DELETE of entries older than the cutoff the retention job sets
// for its own transaction (qianshao.audit_retention_cutoff) — nothing else
// can delete from it, and UPDATE and TRUNCATE stay refused.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('petitions').addColumn('personal_data_dropped_at', 'timestamptz').execute();
  await sql`create index audit_log_at on audit_log (at)`.execute(db);
  await sql`create index feed_items_fetched on feed_items (fetched_at)`.execute(db);
  await sql`create index deliveries_settled_created on deliveries (created_at) where status in ('delivered', 'dead', 'cancelled')`.execute(
    db,
  );
  await sql`create index inspections_date on inspections (date)`.execute(db);
  await sql`create index petitions_received on petitions (received)`.execute(db);
  await sql`create index petitions_closed_personal on petitions (closed) where closed is not null and personal_data_dropped_at is null`.execute(
    db,
  );
  await sql`create index quarantine_created on quarantine (created_at)`.execute(db);
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    declare
      cutoff text := current_setting('qianshao.audit_retention_cutoff', true);
    begin
      if tg_op = 'DELETE' and coalesce(cutoff, '') <> '' then
        if old.at < cutoff::timestamptz then
          return old;
        end if;
      end if;
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  for (const i of [
    'quarantine_created',
    'petitions_closed_personal',
    'petitions_received',
    'inspections_date',
    'deliveries_settled_created',
    'feed_items_fetched',
    'audit_log_at',
  ]) {
    await sql.raw(`drop index if exists ${i}`).execute(db);
  }
  await db.schema.alterTable('petitions').dropColumn('personal_data_dropped_at').execute();
}
