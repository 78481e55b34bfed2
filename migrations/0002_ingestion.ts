import { sql, type Kysely } from 'kysely';

// Records (inspections, petitions), their earlier versions, the quarantine
// of rejected rows, imports, public-opinion feeds, their items and the firm
// mentions found in them.

export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().generatedAlwaysAsIdentity();
  const now = sql`now()`;
  const stamps = (t: any) =>
    t
      .addColumn('created_at', 'timestamptz', (c: any) => c.notNull().defaultTo(now))
      .addColumn('updated_at', 'timestamptz', (c: any) => c.notNull().defaultTo(now));

  await db.schema.alterTable('firms').addColumn('row_hash', 'text').execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .execute();

  // Columns shared by both record kinds: identity within a source, the firm
  // reference as written and how it resolved, the content hash for
  // idempotent re-imports, and the version counter.
  const recordTable = (name: string) =>
    stamps(
      db.schema
        .createTable(name)
        .addColumn('id', 'integer', id)
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('firm_id', 'integer', (c) => c.references('firms.id').onDelete('set null'))
        .addColumn('firm_name', 'text')
        .addColumn('firm_name_norm', 'text')
        .addColumn('firm_uscc', 'text')
        .addColumn('resolution', 'text', (c) =>
          c.notNull().check(sql`resolution in ('resolved','unresolved','ambiguous')`),
        )
        .addColumn('district', 'text')
        .addColumn('street', 'text')
        .addColumn('extra', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('row_hash', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
        .addUniqueConstraint(`${name}_source_record`, ['source', 'record_id']),
    );

  await recordTable('inspections')
    .addColumn('date', 'date', (c: any) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('violations', sql`text[]`, (c: any) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('workers', 'integer')
    .addColumn('amount', sql`numeric(14,2)`)
    .addColumn('order', 'text')
    .addColumn('due', 'date')
    .addColumn('rectified', 'date')
    .addColumn('status', 'text')
    .addColumn('inspector', 'text')
    .addColumn('notes', 'text')
    .execute();
  await db.schema.createIndex('inspections_firm_date').on('inspections').columns(['firm_id', 'date']).execute();
  await db.schema
    .createIndex('inspections_unresolved')
    .on('inspections')
    .column('firm_name_norm')
    .where(sql.ref('firm_id'), 'is', null)
    .execute();

  await recordTable('petitions')
    .addColumn('received', 'date', (c: any) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('categories', sql`text[]`, (c: any) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('petitioners', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('repeat', 'boolean', (c: any) => c.notNull().defaultTo(false))
    .addColumn('summary_masked', 'text')
    .addColumn('summary_sealed', 'text')
    .addColumn('name_masked', 'text')
    .addColumn('name_sealed', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('phone_sealed', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('id_number_sealed', 'text')
    .addColumn('id_number_valid', 'boolean')
    .addColumn('status', 'text')
    .addColumn('closed', 'date')
    .execute();
  await db.schema.createIndex('petitions_firm_received').on('petitions').columns(['firm_id', 'received']).execute();
  await db.schema
    .createIndex('petitions_unresolved')
    .on('petitions')
    .column('firm_name_norm')
    .where(sql.ref('firm_id'), 'is', null)
    .execute();

  // The earlier content of a record each time a re-import changed it.
  // Petition versions hold the sealed (encrypted) personal fields only.
  await db.schema
    .createTable('record_versions')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_pk', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('replaced_at', 'timestamptz', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
    .execute();
  await db.schema.createIndex('record_versions_record').on('record_versions').columns(['kind', 'record_pk']).execute();

  // Rejected rows with their raw text (sealed: a petition row carries
  // personal data) and every reason.
  await db.schema
    .createTable('quarantine')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.references('imports.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('raw_sealed', 'text', (c) => c.notNull())
    .addColumn('raw_preview', 'text', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('quarantine_import').on('quarantine').column('import_id').execute();

  await stamps(
    db.schema
      .createTable('feeds')
      .addColumn('id', 'integer', id)
      .addColumn('name', 'text', (c: any) => c.notNull().unique())
      .addColumn('url', 'text')
      .addColumn('credibility', 'real', (c: any) => c.notNull().defaultTo(1))
      .addColumn('poll_interval_min', 'integer', (c: any) => c.notNull().defaultTo(15))
      .addColumn('enabled', 'boolean', (c: any) => c.notNull().defaultTo(true))
      .addColumn('etag', 'text')
      .addColumn('last_modified', 'text')
      .addColumn('last_polled_at', 'timestamptz')
      .addColumn('last_success_at', 'timestamptz')
      .addColumn('last_error', 'text')
      .addColumn('consecutive_failures', 'integer', (c: any) => c.notNull().defaultTo(0))
      .addColumn('next_poll_at', 'timestamptz', (c: any) => c.notNull().defaultTo(now)),
  ).execute();

  await db.schema
    .createTable('feed_items')
    .addColumn('id', 'integer', id)
    .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('guid', 'text')
    .addColumn('link', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('neutral', 'boolean', (c) => c.notNull())
    .addColumn('max_severity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('major', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('terms', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addUniqueConstraint('feed_items_dedup', ['feed_id', 'dedup_key'])
    .execute();
  await db.schema.createIndex('feed_items_hash').on('feed_items').column('content_hash').execute();

  await db.schema
    .createTable('mentions')
    .addColumn('id', 'integer', id)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('feed_items.id').onDelete('cascade'))
    .addColumn('firm_id', 'integer', (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('offset', 'integer', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('neutral', 'boolean', (c) => c.notNull())
    .addColumn('max_severity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('major', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('mentions_firm_at').on('mentions').columns(['firm_id', 'at']).execute();
  await db.schema.createIndex('mentions_item').on('mentions').column('item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'mentions',
    'feed_items',
    'feeds',
    'quarantine',
    'record_versions',
    'petitions',
    'inspections',
    'imports',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('firms').dropColumn('row_hash').execute();
}
