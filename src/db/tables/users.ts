import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './columns.ts';

// People and their sign-in: roles, users, API tokens, sessions, failed logins.

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
