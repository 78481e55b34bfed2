import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, Json, DateString, TextArray } from './columns.ts';

// What is ingested: imports, inspection and petition records with their versions, quarantine, feeds, feed items and mentions.

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

/** Columns shared by inspections and petitions. */
interface RecordColumns {
  id: Generated<number>;
  source: string;
  record_id: string;
  firm_id: number | null;
  firm_name: string | null;
  firm_name_norm: string | null;
  firm_uscc: string | null;
  resolution: 'resolved' | 'unresolved' | 'ambiguous';
  district: string | null;
  street: string | null;
  extra: Json;
  row_hash: string;
  version: Generated<number>;
  import_id: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface InspectionsTable extends RecordColumns {
  date: DateString;
  kind: string | null;
  violations: TextArray;
  workers: number | null;
  amount: number | null;
  order: string | null;
  due: DateString | null;
  rectified: DateString | null;
  status: string | null;
  inspector: string | null;
  notes: string | null;
  /** The instant of `date` when the file gave a time of day, else the start of that Shanghai day (migration 0012). */
  date_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 关联案号 (migration 0012). */
  related: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PetitionsTable extends RecordColumns {
  received: DateString;
  /** The instant of `received` (see InspectionsTable.date_at). */
  received_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  channel: string | null;
  categories: TextArray;
  petitioners: Generated<number>;
  repeat: Generated<boolean>;
  summary_masked: string | null;
  summary_sealed: string | null;
  name_masked: string | null;
  name_sealed: string | null;
  phone_masked: string | null;
  phone_sealed: string | null;
  id_number_masked: string | null;
  id_number_sealed: string | null;
  id_number_valid: boolean | null;
  /** Unknown columns, sealed whole (they may hold personal data); `extra` holds them masked. */
  extra_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  status: string | null;
  closed: DateString | null;
  /** When retention dropped its personal data (migration 0019); null: still held. */
  personal_data_dropped_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RecordVersionsTable {
  id: Generated<number>;
  kind: string;
  record_pk: number;
  version: number;
  data: Json;
  replaced_at: Timestamp;
  import_id: number | null;
}

export interface QuarantineTable {
  id: Generated<number>;
  kind: string;
  source: string;
  import_id: number | null;
  line: number;
  raw_sealed: string;
  raw_preview: string;
  reasons: ColumnType<Array<{ field: string; column: string; message: string }>, string, string>;
  created_at: CreatedAt;
}

export interface FeedsTable {
  id: Generated<number>;
  name: string;
  /** Display form: credentials (user:pw@) masked; the full URL is in url_sealed. */
  url: string | null;
  url_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  /** null: city-wide. */
  district: ColumnType<string | null, string | null | undefined, string | null>;
  credibility: Generated<number>;
  poll_interval_min: Generated<number>;
  enabled: Generated<boolean>;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  next_poll_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FeedItemsTable {
  id: Generated<number>;
  feed_id: number;
  dedup_key: string;
  content_hash: string;
  guid: string | null;
  link: string | null;
  title: string;
  published_at: Timestamp | null;
  fetched_at: Timestamp;
  text: string;
  html: string | null;
  neutral: boolean;
  max_severity: Generated<number>;
  categories: TextArray;
  major: Generated<boolean>;
  terms: ColumnType<unknown[], string | undefined, string>;
  /** Collective action read from the text (migration 0013). */
  collective: Generated<boolean>;
  people: number | null;
  amount: number | null;
  /** Migration 0014: the first stored copy of the same story; null = this item starts its story. */
  story_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** MinHash band keys (src/domain/stories/near-duplicate.ts) for finding copies. */
  story_bands: ColumnType<number[], number[] | undefined, number[]>;
  /** 'local' | 'elsewhere' | 'none' (src/domain/place/); null = stored before places were read. */
  place: ColumnType<string | null, string | null | undefined, string | null>;
  /** The place names found, local ones first. */
  places: ColumnType<string[], string[] | undefined, string[]>;
  /** The item names a registered firm that is not a platform (a station, franchisee, agent…). */
  names_partner: Generated<boolean>;
  /** Migration 0020: published more than 10 minutes after it arrived; scored at its arrival instead. */
  future_dated: Generated<boolean>;
}

export interface MentionsTable {
  id: Generated<number>;
  item_id: number;
  firm_id: number;
  alias: string;
  offset: number;
  length: number;
  at: Timestamp;
  neutral: boolean;
  max_severity: Generated<number>;
  categories: TextArray;
  major: Generated<boolean>;
  /** Collective action read from the text (migration 0013). */
  collective: Generated<boolean>;
  people: number | null;
  amount: number | null;
}
