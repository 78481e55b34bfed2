import { sql, type Kysely } from 'kysely';

// Issue 17, items 3–7: incidents (alerts that share a cause, paged once),
// the authoritative-information milestone and the structured disposition
// of an alert, future-dated feed items, and feed health alerts.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    // What its alerts share: story:N, petition:N, firm:N (src/domain/alerts/incidents.ts).
    .addColumn('group_keys', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('district', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_alert_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    // The alert that opened it: it alone pages people and carries the escalation chain.
    .addColumn('lead_alert_id', 'integer')
    .execute();
  await sql`create index incidents_open_keys on incidents using gin (group_keys) where status = 'open'`.execute(db);
  await db.schema
    .alterTable('alerts')
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id').onDelete('set null'))
    .addColumn('info_due_at', 'timestamptz')
    .addColumn('info_published_at', 'timestamptz')
    .addColumn('dispositions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`create index alerts_incident on alerts (incident_id) where incident_id is not null`.execute(db);
  await db.schema
    .alterTable('feed_items')
    .addColumn('future_dated', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('feed_alerts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`create unique index feed_alerts_open on feed_alerts (feed_id) where resolved_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feed_alerts').ifExists().execute();
  await db.schema.alterTable('feed_items').dropColumn('future_dated').execute();
  await sql`drop index if exists alerts_incident`.execute(db);
  await db.schema
    .alterTable('alerts')
    .dropColumn('dispositions')
    .dropColumn('info_published_at')
    .dropColumn('info_due_at')
    .dropColumn('incident_id')
    .execute();
  await db.schema.dropTable('incidents').ifExists().execute();
}
