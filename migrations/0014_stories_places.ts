import { sql, type Kysely } from 'kysely';

// Issue 14, items 5 and 6: a feed item belongs to a story (its copies on
// other feeds point at the first stored copy) and has a place (the
// district, elsewhere, or none). story_bands holds MinHash band keys; the
// GIN index makes "items sharing a band" an index lookup.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('feed_items')
    .addColumn('story_id', 'integer', (c) => c.references('feed_items.id').onDelete('set null'))
    .addColumn('story_bands', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
    .addColumn('place', 'text')
    .addColumn('places', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('names_partner', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`create index feed_items_story_bands on feed_items using gin (story_bands)`.execute(db);
  await sql`create index feed_items_story on feed_items (story_id) where story_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists feed_items_story`.execute(db);
  await sql`drop index if exists feed_items_story_bands`.execute(db);
  await db.schema
    .alterTable('feed_items')
    .dropColumn('names_partner')
    .dropColumn('places')
    .dropColumn('place')
    .dropColumn('story_bands')
    .dropColumn('story_id')
    .execute();
}
