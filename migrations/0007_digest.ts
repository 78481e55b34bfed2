import { sql, type Kysely } from 'kysely';

// Weekly digests (形势研判周报): one row per ISO week and scope ('*' for the
// whole deployment, else a district). Rebuilding a week replaces content,
// html and markdown; published_at and emailed_at record that the webhook
// and the e-mail went out, so a rebuild never sends them twice.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digests')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('district', 'text')
    .addColumn('week_start', 'timestamptz', (c) => c.notNull())
    .addColumn('week_end', 'timestamptz', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('first_built_at', 'timestamptz', (c) => c.notNull())
    .addColumn('built_at', 'timestamptz', (c) => c.notNull())
    .addColumn('built_by', 'text', (c) => c.notNull())
    .addColumn('builds', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_at', 'timestamptz')
    .addColumn('emailed_at', 'timestamptz')
    .addColumn('email_error', 'text')
    .addUniqueConstraint('digests_week_scope', ['week', 'scope'])
    .execute();
  await sql`create index digests_week_start on digests (week_start desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('digests').ifExists().execute();
}
