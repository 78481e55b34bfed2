import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, Json } from './columns.ts';

// The firm registry: firms, their aliases and how they are related.

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
