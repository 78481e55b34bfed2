import type { Kysely } from 'kysely';

// The records part of each platform's own score (issue 16 item 3,
// src/domain/scoring/own-part.ts): what its inspections and petitions give
// as of an instant, so a rescoring after an import that touched only a
// platform's partners reads the platform's mentions, not all its records.
// One row per firm, replaced by each run that computes the firm in full; a
// cache, never the record of a score (firm_scores is).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('firm_own_parts')
    .addColumn('firm_id', 'integer', (c) => c.primaryKey().references('firms.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('part', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('firm_own_parts').execute();
}
