import { sql, type Kysely } from 'kysely';

// Alerts and everything that moves them to people: the alert with its
// timeline, silences, the duty roster, escalation policies, webhook
// endpoints and the delivery outbox.

export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: any) => c.primaryKey().generatedAlwaysAsIdentity();
  const now = sql`now()`;
  const level = (c: any) => c.notNull().check(sql`level in ('red','orange','yellow','blue')`);

  await db.schema.alterTable('users').addColumn('mobile', 'text').execute();

  await db.schema
    .createTable('silences')
    .addColumn('id', 'integer', id)
    .addColumn('firm_id', 'integer', (c) => c.references('firms.id').onDelete('cascade'))
    .addColumn('rule', 'text')
    .addColumn('level', 'text')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('district', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('cancelled_at', 'timestamptz')
    .addCheckConstraint('silences_window', sql`ends_at > starts_at`)
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', id)
    .addColumn('firm_id', 'integer', (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('level', 'text', level)
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open','acknowledged','in_progress','resolved','dismissed')`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('score', sql`numeric(4,1)`, (c) => c.notNull())
    .addColumn('score_id', 'bigint', (c) => c.references('firm_scores.id'))
    .addColumn('evidence', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('raised_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ack_due_at', 'timestamptz')
    .addColumn('handle_due_at', 'timestamptz')
    .addColumn('overdue', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('in_progress_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('dismiss_reason', 'text')
    .addColumn('silence_id', 'integer', (c) => c.references('silences.id'))
    .addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_pass', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalation_next_at', 'timestamptz')
    .execute();
  // One open alert per firm and rule (dedup); history stays in the table.
  await sql`create unique index alerts_open_firm_rule on alerts (firm_id, rule)
    where status in ('open','acknowledged','in_progress')`.execute(db);
  await db.schema.createIndex('alerts_queue').on('alerts').columns(['status', 'level', 'raised_at']).execute();
  await sql`create index alerts_escalation_due on alerts (escalation_next_at) where escalation_next_at is not null`.execute(
    db,
  );
  await db.schema.createIndex('alerts_firm_rule').on('alerts').columns(['firm_id', 'rule', 'raised_at']).execute();

  await db.schema
    .createTable('alert_events')
    .addColumn('id', 'bigint', id)
    .addColumn('alert_id', 'integer', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('alert_events_alert').on('alert_events').columns(['alert_id', 'at']).execute();

  const place = (t: any) =>
    t
      .addColumn('district', 'text')
      .addColumn('streets', sql`text[]`, (c: any) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('categories', sql`text[]`, (c: any) => c.notNull().defaultTo(sql`'{}'::text[]`))
      .addColumn('tier', 'integer', (c: any) => c.notNull().defaultTo(1));

  await place(
    db.schema
      .createTable('roster_shifts')
      .addColumn('id', 'integer', id)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
      .addColumn('ends_at', 'timestamptz', (c) => c.notNull()),
  )
    .addColumn('override', 'boolean', (c: any) => c.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .addCheckConstraint('roster_shifts_window', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('roster_shifts_time').on('roster_shifts').columns(['starts_at', 'ends_at']).execute();

  await place(
    db.schema
      .createTable('roster_rotations')
      .addColumn('id', 'integer', id)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('members', sql`integer[]`, (c) => c.notNull())
      .addColumn('anchor', 'timestamptz', (c) => c.notNull())
      .addColumn('turn_days', 'real', (c) => c.notNull().defaultTo(7))
      .addColumn('daily_from', 'text')
      .addColumn('daily_to', 'text'),
  ).execute();

  await db.schema
    .createTable('escalation_policies')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('levels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'integer', id)
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('standard','wecom','dingtalk','feishu')`))
    .addColumn('secret_sealed', 'text')
    .addColumn('events', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('levels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('district', 'text')
    .addColumn('label', 'text')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  // The outbox: written in the same transaction as the change it reports.
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'bigint', id)
    .addColumn('endpoint_id', 'integer', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event', 'jsonb', (c) => c.notNull())
    .addColumn('alert_id', 'integer', (c) => c.references('alerts.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending','sending','delivered','dead','cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_attempt_at', 'timestamptz')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addUniqueConstraint('deliveries_message_endpoint', ['message_id', 'endpoint_id'])
    .execute();
  await sql`create index deliveries_due on deliveries (next_attempt_at) where status in ('pending','sending')`.execute(
    db,
  );
  await db.schema
    .createIndex('deliveries_endpoint_attempt')
    .on('deliveries')
    .columns(['endpoint_id', 'last_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'deliveries',
    'webhook_endpoints',
    'escalation_policies',
    'roster_rotations',
    'roster_shifts',
    'alert_events',
    'alerts',
    'silences',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('users').dropColumn('mobile').execute();
}
