import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, Json, DateString, TextArray } from './columns.ts';

// The credit-punishment list: cases and their events.

export interface CreditCasesTable {
  id: Generated<number>;
  firm_id: number;
  state: string;
  conditions: TextArray;
  evidence: Json;
  evidence_key: string;
  reason: string;
  basis: string | null;
  proposer_id: number | null;
  proposer_name: string | null;
  notice_no: string | null;
  notice_date: DateString | null;
  statement_due_at: Timestamp | null;
  statement: string | null;
  approver_id: number | null;
  approver_name: string | null;
  /** Age in whole days of the approver's account when they approved (under 7 is flagged). */
  approver_account_days: ColumnType<number | null, number | null | undefined, number | null>;
  listed_by_id: number | null;
  decision_no: string | null;
  authority: string | null;
  listed_on: DateString | null;
  expected_exit_on: DateString | null;
  removed_on: DateString | null;
  removal_kind: string | null;
  removal_reason: string | null;
  closed_reason: string | null;
  objection: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** The case file of issue 18 (src/domain/credit/case-file.ts). */
  file: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CreditEventsTable {
  id: Generated<number>;
  case_id: number;
  at: Timestamp;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: number | null;
  actor_name: string;
  details: Json;
}
