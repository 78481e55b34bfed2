import { sql, type Kysely } from 'kysely';

// Issue 17, items 1 and 2: SMS and voice channels (Alibaba Cloud, Tencent
// Cloud) configured per district like the robots, one delivery per
// recipient; signed per-recipient acknowledge links.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhook_endpoints drop constraint if exists webhook_endpoints_kind_check`.execute(db);
  await sql`alter table webhook_endpoints add constraint webhook_endpoints_kind_check
    check (kind in ('standard','wecom','dingtalk','feishu','aliyun_sms','aliyun_voice','tencent_sms'))`.execute(db);
  await db.schema
    .alterTable('webhook_endpoints')
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .alterTable('deliveries')
    .addColumn('recipient_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await sql`create index deliveries_recipient_sent on deliveries (endpoint_id, recipient_id, delivered_at) where recipient_id is not null`.execute(
    db,
  );
  await db.schema
    .createTable('ack_links')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('ack','open')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('chat','sms','voice')`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index ack_links_alert on ack_links (alert_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ack_links').execute();
  await sql`drop index if exists deliveries_recipient_sent`.execute(db);
  await db.schema.alterTable('deliveries').dropColumn('recipient_id').execute();
  await db.schema.alterTable('webhook_endpoints').dropColumn('settings').execute();
  await sql`alter table webhook_endpoints drop constraint if exists webhook_endpoints_kind_check`.execute(db);
  await sql`alter table webhook_endpoints add constraint webhook_endpoints_kind_check check (kind in ('standard','wecom','dingtalk','feishu'))`.execute(
    db,
  );
}
