import { sql, type Kysely } from 'kysely';

// Issue 15 item 2: the language a message is written in is the receiver's.
// A user's language (the console's switch, kept on the account) chooses
// their SMS and voice messages; an endpoint's language chooses what its
// robot or webhook receives. Chinese unless set.

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['users', 'webhook_endpoints']) {
    await db.schema
      .alterTable(table)
      .addColumn('lang', 'text', (c) => c.notNull().defaultTo('zh').check(sql`lang in ('zh', 'en')`))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_endpoints', 'users']) await db.schema.alterTable(table).dropColumn('lang').execute();
}
