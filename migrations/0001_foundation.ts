import { sql, type Kysely } from 'kysely';

// Firms and their relations, people and their access, the audit log and the
// job ledger. Values are written out here (not imported) so that this
// migration stays what it was when later code changes.

const ROLES: Array<[string, string, string[]]> = [
  [
    'inspector',
    '劳动保障监察员',
    [
      'firms:read',
      'records:read',
      'alerts:read',
      'firms:write',
      'imports:write',
      'pii:read',
      'alerts:write',
      'roster:read',
      'credit:read',
      'credit:propose',
    ],
  ],
  [
    'opinion_staff',
    '舆情处置',
    ['firms:read', 'records:read', 'alerts:read', 'alerts:write', 'feeds:manage', 'roster:read', 'silences:manage'],
  ],
  [
    'duty_officer',
    '值班人员',
    ['firms:read', 'records:read', 'alerts:read', 'alerts:write', 'roster:read', 'roster:manage', 'silences:manage'],
  ],
  ['approver', '审批', ['firms:read', 'records:read', 'alerts:read', 'credit:read', 'credit:approve', 'digest:read']],
  [
    'manager',
    '科室/局领导',
    ['firms:read', 'records:read', 'alerts:read', 'roster:read', 'credit:read', 'digest:read', 'audit:read'],
  ],
  [
    'admin',
    '系统管理员',
    [
      'firms:read',
      'firms:write',
      'records:read',
      'imports:write',
      'pii:read',
      'alerts:read',
      'alerts:write',
      'feeds:manage',
      'webhooks:manage',
      'roster:read',
      'roster:manage',
      'silences:manage',
      'credit:read',
      'credit:propose',
      'credit:approve',
      'digest:read',
      'audit:read',
      'users:manage',
      'jobs:run',
    ],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().generatedAlwaysAsIdentity();
  const now = sql`now()`;

  await db.schema
    .createTable('firms')
    .addColumn('id', 'integer', id)
    .addColumn('uscc', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('district', 'text')
    .addColumn('street', 'text')
    .addColumn('address', 'text')
    .addColumn('legal_representative', 'text')
    .addColumn('extra', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('firms_name_norm').on('firms').column('name_norm').execute();
  await db.schema.createIndex('firms_place').on('firms').columns(['district', 'street']).execute();

  await db.schema
    .createTable('firm_aliases')
    .addColumn('id', 'integer', id)
    .addColumn('firm_id', 'integer', (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('alias_norm', 'text', (c) => c.notNull())
    .addColumn('ambiguous', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('firm_aliases_unique', ['firm_id', 'alias_norm'])
    .execute();
  await db.schema.createIndex('firm_aliases_norm').on('firm_aliases').column('alias_norm').execute();

  await db.schema
    .createTable('firm_links')
    .addColumn('id', 'integer', id)
    .addColumn('platform_id', 'integer', (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('partner_id', 'integer', (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('firm_links_unique', ['platform_id', 'partner_id'])
    .addCheckConstraint('firm_links_not_self', sql`platform_id <> partner_id`)
    .execute();
  await db.schema.createIndex('firm_links_partner').on('firm_links').column('partner_id').execute();

  await db.schema
    .createTable('roles')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('permissions', sql`text[]`, (c) => c.notNull())
    .execute();
  for (const [name, label, perms] of ROLES) {
    await sql`insert into roles (name, label_zh, permissions) values (${name}, ${label}, ${sql.raw(`ARRAY[${perms.map((p) => `'${p}'`).join(',')}]::text[]`)})`.execute(
      db,
    );
  }

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().references('roles.name'))
    .addColumn('district', 'text')
    .addColumn('streets', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_login_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'integer', id)
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_lookup').on('login_failures').columns(['username', 'at']).execute();

  // No foreign keys: the audit log outlives what it talks about.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('audit_log_object').on('audit_log').columns(['object_type', 'object_id']).execute();
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_log_no_update_delete before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);

  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'integer', id)
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('tick', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','succeeded','failed')`))
    .addColumn('runner', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .addColumn('items', 'integer')
    .addColumn('error', 'text')
    .addUniqueConstraint('job_runs_tick', ['job', 'tick'])
    .execute();
  await db.schema.createIndex('job_runs_recent').on('job_runs').columns(['job', 'started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'job_runs',
    'audit_log',
    'login_failures',
    'sessions',
    'api_tokens',
    'users',
    'roles',
    'firm_links',
    'firm_aliases',
    'firms',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await sql`drop function if exists audit_log_append_only()`.execute(db);
}
