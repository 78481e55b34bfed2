import { sql, type Kysely } from 'kysely';

// Issue 17, item 5: feed health alerts are feed-level (a feed outage is no
// firm's risk, and an alert body must name a firm: CONTRACT §4), kept in
// feed_alerts (0020) with a timeline of their own. Reading a feed's recent
// arrivals for its usual interval wants an index by feed and arrival.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('feed_alert_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('feed_alert_id', 'integer', (c) => c.notNull().references('feed_alerts.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull().defaultTo('system'))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex('feed_alert_events_alert')
    .on('feed_alert_events')
    .columns(['feed_alert_id', 'at'])
    .execute();
  await db.schema.createIndex('feed_items_feed_fetched').on('feed_items').columns(['feed_id', 'fetched_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists feed_items_feed_fetched`.execute(db);
  await db.schema.dropTable('feed_alert_events').ifExists().execute();
}
