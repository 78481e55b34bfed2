import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  SilencesTable,
  AlertsTable,
  IncidentsTable,
  FeedAlertsTable,
  FeedAlertEventsTable,
  AlertEventsTable,
  RosterShiftsTable,
  RosterRotationsTable,
  EscalationPoliciesTable,
} from './tables/alerts.ts';
import type { AuditLogTable } from './tables/audit.ts';
import type { CreditCasesTable, CreditEventsTable } from './tables/credit.ts';
import type { WebhookEndpointsTable, DeliveriesTable, AckLinksTable } from './tables/delivery.ts';
import type { DigestsTable } from './tables/digest.ts';
import type { FirmsTable, FirmAliasesTable, FirmLinksTable } from './tables/firms.ts';
import type {
  ImportsTable,
  InspectionsTable,
  PetitionsTable,
  RecordVersionsTable,
  QuarantineTable,
  FeedsTable,
  FeedItemsTable,
  MentionsTable,
} from './tables/ingest.ts';
import type { JobRunsTable } from './tables/jobs.ts';
import type {
  ScoreRunsTable,
  FirmScoresTable,
  FirmRiskTable,
  FirmOwnPartsTable,
  RescorePendingTable,
} from './tables/scoring.ts';
import type { RolesTable, UsersTable, ApiTokensTable, SessionsTable, LoginFailuresTable } from './tables/users.ts';

// Table types for Kysely: the tables live in ./tables/ by area; this file
// names the database and the row types used across the code.

export type {
  SilencesTable,
  AlertsTable,
  IncidentsTable,
  FeedAlertsTable,
  FeedAlertEventsTable,
  AlertEventsTable,
  RosterShiftsTable,
  RosterRotationsTable,
  EscalationPoliciesTable,
  AlertStatus,
} from './tables/alerts.ts';
export type { AuditLogTable } from './tables/audit.ts';
export type { CreditCasesTable, CreditEventsTable } from './tables/credit.ts';
export type { WebhookEndpointsTable, DeliveriesTable, AckLinksTable } from './tables/delivery.ts';
export type { DigestsTable } from './tables/digest.ts';
export type { FirmsTable, FirmAliasesTable, FirmLinksTable } from './tables/firms.ts';
export type {
  ImportsTable,
  InspectionsTable,
  PetitionsTable,
  RecordVersionsTable,
  QuarantineTable,
  FeedsTable,
  FeedItemsTable,
  MentionsTable,
} from './tables/ingest.ts';
export type { JobRunsTable } from './tables/jobs.ts';
export type {
  ScoreRunsTable,
  FirmScoresTable,
  FirmRiskTable,
  FirmOwnPartsTable,
  RescorePendingTable,
} from './tables/scoring.ts';
export type { RolesTable, UsersTable, ApiTokensTable, SessionsTable, LoginFailuresTable } from './tables/users.ts';

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
  firm_own_parts: FirmOwnPartsTable;
  rescore_pending: RescorePendingTable;
  silences: SilencesTable;
  alerts: AlertsTable;
  incidents: IncidentsTable;
  feed_alerts: FeedAlertsTable;
  feed_alert_events: FeedAlertEventsTable;
  alert_events: AlertEventsTable;
  roster_shifts: RosterShiftsTable;
  roster_rotations: RosterRotationsTable;
  escalation_policies: EscalationPoliciesTable;
  webhook_endpoints: WebhookEndpointsTable;
  deliveries: DeliveriesTable;
  ack_links: AckLinksTable;
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
