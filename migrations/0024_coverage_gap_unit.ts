import { sql, type Kysely } from 'kysely';

// One open coverage-gap alert per district and alert category (its
// fingerprint, src/domain/alerts/coverage.ts), no longer one per firm: the
// gap alert is filed under the firm of the first alert nobody was found
// for, so the one-open-alert-per-firm-and-rule index leaves gap alerts to
// their own index (a firm may be the first of two categories' gaps).

const OPEN = `status in ('open','acknowledged','in_progress')`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index alerts_open_firm_rule`.execute(db);
  await sql
    .raw(`create unique index alerts_open_firm_rule on alerts (firm_id, rule) where ${OPEN} and rule <> 'coverage_gap'`)
    .execute(db);
  await sql
    .raw(`create unique index alerts_open_coverage_gap on alerts (fingerprint) where ${OPEN} and rule = 'coverage_gap'`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index alerts_open_coverage_gap`.execute(db);
  await sql`drop index alerts_open_firm_rule`.execute(db);
  await sql.raw(`create unique index alerts_open_firm_rule on alerts (firm_id, rule) where ${OPEN}`).execute(db);
}
