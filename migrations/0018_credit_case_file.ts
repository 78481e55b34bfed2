import { sql, type Kysely } from 'kysely';

// Issue 18: the credit case file a legal review accepts. One jsonb value
// per case holds the parties, the service and receipt of each document, the
// facts the statutory clocks run on, the documents (number, version,
// service record), early-removal applications and remedies (see
// src/domain/credit/case-file.ts). A new end state, not_listed_paid (paid in
// full and committed in writing before the decision), and a removal kind,
// set_aside (decision set aside on reconsideration or in court).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('credit_cases')
    .addColumn('file', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await sql`alter table credit_cases drop constraint if exists credit_cases_state_check`.execute(db);
  await sql`alter table credit_cases add constraint credit_cases_state_check check (state in
    ('candidate','proposed','notified','statement_recorded','no_statement','approved','listed','removed','rejected','withdrawn','not_listed_paid'))`.execute(
    db,
  );
  await sql`alter table credit_cases drop constraint if exists credit_cases_removal_kind_check`.execute(db);
  await sql`alter table credit_cases add constraint credit_cases_removal_kind_check check (removal_kind in ('early','expiry','revoked','set_aside'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table credit_cases drop constraint if exists credit_cases_removal_kind_check`.execute(db);
  await sql`alter table credit_cases add constraint credit_cases_removal_kind_check check (removal_kind in ('early','expiry','revoked'))`.execute(
    db,
  );
  await sql`alter table credit_cases drop constraint if exists credit_cases_state_check`.execute(db);
  await sql`alter table credit_cases add constraint credit_cases_state_check check (state in
    ('candidate','proposed','notified','statement_recorded','no_statement','approved','listed','removed','rejected','withdrawn'))`.execute(
    db,
  );
  await db.schema.alterTable('credit_cases').dropColumn('file').execute();
}
