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
  row_hash: string | null;
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
  mobile: ColumnType<string | null, string | null | undefined, string | null>;
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

type DateString = ColumnType<string, string, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

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
}

export interface PetitionsTable extends RecordColumns {
  received: DateString;
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
  status: string | null;
  closed: DateString | null;
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
  url: string | null;
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
}

export interface ScoreRunsTable {
  id: Generated<number>;
  at: Timestamp;
  model: string;
  scope: 'all' | 'touched';
  reason: string;
  actor_name: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  firms_scored: Generated<number>;
  firms_changed: Generated<number>;
}

export interface FirmScoresTable {
  id: Generated<number>;
  firm_id: number;
  run_id: number;
  at: Timestamp;
  model: string;
  score: number;
  own_score: number;
  level: string | null;
  signature: string;
  detail: Json;
}

export interface FirmRiskTable {
  firm_id: number;
  score_id: number;
  at: Timestamp;
  checked_at: Timestamp;
  model: string;
  score: number;
  own_score: number;
  level: string | null;
  major_opinion: boolean;
  credit_candidate: boolean;
  signature: string;
}

export interface SilencesTable {
  id: Generated<number>;
  firm_id: number | null;
  rule: string | null;
  level: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string;
  district: string | null;
  created_by: string;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
}

export type AlertStatus = 'open' | 'acknowledged' | 'in_progress' | 'resolved' | 'dismissed';

export interface AlertsTable {
  id: Generated<number>;
  firm_id: number;
  rule: string;
  category: string;
  level: string;
  status: ColumnType<AlertStatus, AlertStatus | undefined, AlertStatus>;
  title: string;
  fingerprint: string;
  score: number;
  score_id: number | null;
  evidence: ColumnType<unknown[], string | undefined, string>;
  raised_at: Timestamp;
  updated_at: Timestamp;
  ack_due_at: Timestamp | null;
  handle_due_at: Timestamp | null;
  overdue: Generated<boolean>;
  assignee_id: number | null;
  acknowledged_at: Timestamp | null;
  in_progress_at: Timestamp | null;
  closed_at: Timestamp | null;
  dismiss_reason: string | null;
  silence_id: number | null;
  escalation_step: Generated<number>;
  escalation_pass: Generated<number>;
  escalation_next_at: Timestamp | null;
}

export interface AlertEventsTable {
  id: Generated<number>;
  alert_id: number;
  at: Timestamp;
  kind: string;
  actor_id: number | null;
  actor_name: string;
  details: Json;
}

interface RosterPlace {
  district: string | null;
  streets: ColumnType<string[], string[] | undefined, string[]>;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  tier: Generated<number>;
}

export interface RosterShiftsTable extends RosterPlace {
  id: Generated<number>;
  user_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  override: Generated<boolean>;
  note: string | null;
}

export interface RosterRotationsTable extends RosterPlace {
  id: Generated<number>;
  name: string;
  members: number[];
  anchor: Timestamp;
  turn_days: Generated<number>;
  daily_from: string | null;
  daily_to: string | null;
}

export interface EscalationPoliciesTable {
  id: Generated<number>;
  name: string;
  levels: ColumnType<string[], string[] | undefined, string[]>;
  policy: Json;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  kind: 'standard' | 'wecom' | 'dingtalk' | 'feishu';
  secret_sealed: string | null;
  events: ColumnType<string[], string[] | undefined, string[]>;
  levels: ColumnType<string[], string[] | undefined, string[]>;
  district: string | null;
  label: string | null;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  created_by: string;
  created_at: CreatedAt;
}

export interface DeliveriesTable {
  id: Generated<number>;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  event: Json;
  alert_id: number | null;
  status: ColumnType<'pending' | 'sending' | 'delivered' | 'dead' | 'cancelled', string | undefined, string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

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
  imports: ImportsTable;
  inspections: InspectionsTable;
  petitions: PetitionsTable;
  record_versions: RecordVersionsTable;
  quarantine: QuarantineTable;
  feeds: FeedsTable;
  feed_items: FeedItemsTable;
  mentions: MentionsTable;
  score_runs: ScoreRunsTable;
  firm_scores: FirmScoresTable;
  firm_risk: FirmRiskTable;
  silences: SilencesTable;
  alerts: AlertsTable;
  alert_events: AlertEventsTable;
  roster_shifts: RosterShiftsTable;
  roster_rotations: RosterRotationsTable;
  escalation_policies: EscalationPoliciesTable;
  webhook_endpoints: WebhookEndpointsTable;
  deliveries: DeliveriesTable;
  credit_cases: CreditCasesTable;
  credit_events: CreditEventsTable;
  digests: DigestsTable;
}

export type Firm = Selectable<FirmsTable>;
export type NewFirm = Insertable<FirmsTable>;
export type FirmUpdate = Updateable<FirmsTable>;
export type User = Selectable<UsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type JobRun = Selectable<JobRunsTable>;
