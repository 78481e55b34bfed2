import type { Generated } from 'kysely';
import type { Timestamp, Json } from './columns.ts';

// The weekly digests.

export interface DigestsTable {
  id: Generated<number>;
  week: string;
  /** '*' for the whole deployment, else the district. */
  scope: string;
  district: string | null;
  week_start: Timestamp;
  week_end: Timestamp;
  content: Json;
  html: string;
  markdown: string;
  first_built_at: Timestamp;
  built_at: Timestamp;
  built_by: string;
  builds: Generated<number>;
  published_at: Timestamp | null;
  emailed_at: Timestamp | null;
  email_error: string | null;
}
