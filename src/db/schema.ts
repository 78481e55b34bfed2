import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Table types for Kysely. Later issues add their tables here.

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;

export interface FirmsTable {
  id: Generated<number>;
  uscc: string | null;
  name: string;
  name_norm: string;
  sector: string;
  role: string;
  district: string | null;
  street: string | null;
  address: string | null;
  legal_representative: string | null;
  extra: Json;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FirmAliasesTable {
  id: Generated<number>;
  firm_id: number;
  alias: string;
  alias_norm: string;
  ambiguous: Generated<boolean>;
}

export interface FirmLinksTable {
  id: Generated<number>;
  platform_id: number;
  partner_id: number;
  kind: string;
  created_at: CreatedAt;
}

export interface RolesTable {
  name: string;
  label_zh: string;
  permissions: string[];
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  display_name: string;
  role: string;
  district: string | null;
  streets: ColumnType<string[], string[] | undefined, string[]>;
  password_hash: string;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  last_login_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  prefix: string;
  label: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: Json;
}

export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  tick: Timestamp;
  status: 'running' | 'succeeded' | 'failed';
  runner: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  lease_until: Timestamp;
  items: number | null;
  error: string | null;
}

export interface Database {
  firms: FirmsTable;
  firm_aliases: FirmAliasesTable;
  firm_links: FirmLinksTable;
  roles: RolesTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  job_runs: JobRunsTable;
}

export type Firm = Selectable<FirmsTable>;
export type NewFirm = Insertable<FirmsTable>;
export type FirmUpdate = Updateable<FirmsTable>;
export type User = Selectable<UsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type JobRun = Selectable<JobRunsTable>;
