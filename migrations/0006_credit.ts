import { sql, type Kysely } from 'kysely';

// The wage-arrears credit list (人社部令第45号): one row per case, from
// candidate to removal, with the documents of the procedure; and its
// history, one row per step. Dates of documents are calendar dates (date),
// deadlines are instants (timestamptz).

export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: any) => c.primaryKey().generatedAlwaysAsIdentity();
  const now = sql`now()`;
  await db.schema
    .createTable('credit_cases')
    .addColumn('id', 'integer', id)
    .addColumn('firm_id', 'integer', (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`state in ('candidate','proposed','notified','statement_recorded','no_statement','approved','listed','removed','rejected','withdrawn')`,
        ),
    )
    .addColumn('conditions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('evidence_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('proposer_id', 'integer', (c) => c.references('users.id'))
    .addColumn('proposer_name', 'text')
    .addColumn('notice_no', 'text')
    .addColumn('notice_date', 'date')
    .addColumn('statement_due_at', 'timestamptz')
    .addColumn('statement', 'text')
    .addColumn('approver_id', 'integer', (c) => c.references('users.id'))
    .addColumn('approver_name', 'text')
    .addColumn('listed_by_id', 'integer', (c) => c.references('users.id'))
    .addColumn('decision_no', 'text')
    .addColumn('authority', 'text')
    .addColumn('listed_on', 'date')
    .addColumn('expected_exit_on', 'date')
    .addColumn('removed_on', 'date')
    .addColumn('removal_kind', 'text', (c) => c.check(sql`removal_kind in ('early','expiry','revoked')`))
    .addColumn('removal_reason', 'text')
    .addColumn('closed_reason', 'text')
    .addColumn('objection', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    // The database repeats the two-person rule: a listed case has an approver who is not its proposer.
    .addCheckConstraint(
      'credit_cases_two_people',
      sql`state not in ('approved','listed','removed')
      or (proposer_id is not null and approver_id is not null and approver_id <> proposer_id and (listed_by_id is null or listed_by_id <> proposer_id))`,
    )
    .execute();
  // One case in progress per firm; closed cases stay as history.
  await sql`create unique index credit_cases_active_firm on credit_cases (firm_id)
    where state in ('candidate','proposed','notified','statement_recorded','no_statement','approved','listed')`.execute(
    db,
  );
  await db.schema.createIndex('credit_cases_state').on('credit_cases').columns(['state', 'expected_exit_on']).execute();
  await db.schema
    .createIndex('credit_cases_firm_key')
    .on('credit_cases')
    .columns(['firm_id', 'evidence_key'])
    .execute();

  await db.schema
    .createTable('credit_events')
    .addColumn('id', 'integer', id)
    .addColumn('case_id', 'integer', (c) => c.notNull().references('credit_cases.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('credit_events_case').on('credit_events').columns(['case_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_events').ifExists().execute();
  await db.schema.dropTable('credit_cases').ifExists().execute();
}
