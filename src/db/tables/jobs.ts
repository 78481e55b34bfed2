import type { Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

// Scheduled job runs.

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
