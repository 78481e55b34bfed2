import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, Json } from './columns.ts';

// Firms, users and sessions, the audit log, job runs and imports (foundation and ingestion issues).

type MatchKey = ColumnType<string, string | undefined, string>;

export interface FirmsTable {
  id: Generated<number>;
  uscc: string | null;
  name: string;
  name_norm: string;
  /**
   * keyColumns(name): the matching keys (migration 0012). Every insert in
   * src/ sets them; left out (as some tests do), they are '' and the row is
   * found by its exact name only.
   */
  name_key: MatchKey;
  base_key: MatchKey;
  sector: string;
  role: string;
  district: string | null;
  street: string | null;
  address: string | null;
  legal_representative: string | null;
  extra: Json;
  row_hash: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface FirmAliasesTable {
  id: Generated<number>;
  firm_id: number;
  alias: string;
  alias_norm: string;
  name_key: MatchKey;
  base_key: MatchKey;
  ambiguous: Generated<boolean>;
  /** null: applies everywhere (registry import, city-level user); else only to records of that district. */
  district: ColumnType<string | null, string | null | undefined, string | null>;
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
  mobile: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who created the account (null: the CLI or a migration). */
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** The user's language (migration 0023): the console's switch, kept on the account; their SMS and voice messages. */
  lang: ColumnType<'zh' | 'en', 'zh' | 'en' | undefined, 'zh' | 'en'>;
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
  /** Where the entry's object lies (set on insert by the audit_log_place trigger); null: city-level. */
  district: ColumnType<string | null, string | null | undefined, never>;
  street: ColumnType<string | null, string | null | undefined, never>;
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

export interface ImportsTable {
  id: Generated<number>;
  kind: string;
  source: string;
  format: string;
  actor_name: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status: Generated<string>;
  summary: Json;
  error: string | null;
  /** host:pid of the process running it (null before migration 0011). */
  runner: string | null;
  heartbeat_at: Timestamp | null;
}
