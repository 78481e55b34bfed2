import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Json } from './columns.ts';

// The audit log.

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
