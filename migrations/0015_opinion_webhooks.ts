import { sql, type Kysely } from 'kysely';

// Issue 15 item 11: opinion-response staff manage their district's robots
// and webhooks (the roles table mirrors src/domain/roles.ts).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`update roles set permissions = array_append(permissions, 'webhooks:manage') where name = 'opinion_staff' and not ('webhooks:manage' = any(permissions))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update roles set permissions = array_remove(permissions, 'webhooks:manage') where name = 'opinion_staff'`.execute(
    db,
  );
}
