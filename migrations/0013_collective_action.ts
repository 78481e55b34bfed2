import { sql, type Kysely } from 'kysely';

// Collective action read from feed items (issue 14, item 8): whether an
// item reports people acting together (罢工, 聚集, ≥ 10 people …), and the
// head count and sum it names. Kept on the item and on each mention row,
// like the rest of the item's classification, so scoring reads one table.

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['feed_items', 'mentions']) {
    await db.schema
      .alterTable(table)
      .addColumn('collective', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('people', 'integer')
      .addColumn('amount', sql`numeric(14,2)`)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['feed_items', 'mentions']) {
    await db.schema.alterTable(table).dropColumn('collective').dropColumn('people').dropColumn('amount').execute();
  }
}
