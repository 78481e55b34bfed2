import { sql, type Kysely } from 'kysely';

// Jurisdiction where it was missing (issue 13): a silence carries its
// creator's streets besides the district it already had; an alias added by a
// district user applies in that district only; escalation policies belong to
// a district (null: the city default every district inherits); a user
// records who created it, so the two-person rule can see through sock puppets.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('silences')
    .addColumn('streets', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
  await db.schema.alterTable('firm_aliases').addColumn('district', 'text').execute();
  await db.schema.alterTable('escalation_policies').addColumn('district', 'text').execute();
  await sql`alter table escalation_policies drop constraint escalation_policies_name_key`.execute(db);
  await sql`create unique index escalation_policies_scope_name on escalation_policies ((coalesce(district, '')), name)`.execute(
    db,
  );
  await db.schema
    .alterTable('users')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute();
  // How old the approver's account was when they approved (a fresh account is flagged on the case).
  await db.schema.alterTable('credit_cases').addColumn('approver_account_days', 'integer').execute();
  // Escalation policies were editable with roster:manage (duty officers): now admins only.
  await sql`update roles set permissions = array_append(permissions, 'escalation:manage') where name = 'admin' and not ('escalation:manage' = any(permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update roles set permissions = array_remove(permissions, 'escalation:manage')`.execute(db);
  await db.schema.alterTable('credit_cases').dropColumn('approver_account_days').execute();
  await db.schema.alterTable('users').dropColumn('created_by').execute();
  await sql`drop index escalation_policies_scope_name`.execute(db);
  await sql`delete from escalation_policies where district is not null`.execute(db);
  await db.schema.alterTable('escalation_policies').dropColumn('district').execute();
  await sql`alter table escalation_policies add constraint escalation_policies_name_key unique (name)`.execute(db);
  await db.schema.alterTable('firm_aliases').dropColumn('district').execute();
  await db.schema.alterTable('silences').dropColumn('streets').execute();
}
