import { sql, type Kysely } from 'kysely';

// Risk scores. A scoring run (sweep, CLI, or the firms an import touched)
// evaluates firms as of one instant `at`. Every firm's latest result is kept
// in firm_risk (one row per firm, replaced when a run at a later instant
// scores it); firm_scores keeps the history, one row each time a firm's
// result changed (score, level or hard triggers), so the score series is
// exact at every run instant without storing an unchanged row per sweep.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('score_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('all','touched')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('firms_scored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('firms_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('score_runs_at').on('score_runs').column('at').execute();

  await db.schema
    .createTable('firm_scores')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('firm_id', 'integer', (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('score_runs.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('score', sql`numeric(4,1)`, (c) => c.notNull())
    .addColumn('own_score', sql`numeric(4,1)`, (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.check(sql`level in ('red','orange','yellow','blue')`))
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('firm_scores_firm_at').on('firm_scores').columns(['firm_id', 'at']).execute();

  // The latest result per firm, narrow, for sorting and filtering; the
  // explanation is in the history row it points to. checked_at is the last
  // instant a run confirmed it (runs that change nothing write only that).
  await db.schema
    .createTable('firm_risk')
    .addColumn('firm_id', 'integer', (c) => c.primaryKey().references('firms.id').onDelete('cascade'))
    .addColumn('score_id', 'bigint', (c) => c.notNull().references('firm_scores.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('checked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('score', sql`numeric(4,1)`, (c) => c.notNull())
    .addColumn('own_score', sql`numeric(4,1)`, (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('major_opinion', 'boolean', (c) => c.notNull())
    .addColumn('credit_candidate', 'boolean', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('firm_risk_score').on('firm_risk').column('score').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('firm_risk').execute();
  await db.schema.dropTable('firm_scores').execute();
  await db.schema.dropTable('score_runs').execute();
}
