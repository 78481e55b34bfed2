import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, Json } from './columns.ts';
import type { AlertStatus } from '../../domain/alerts/states.ts';

// Alerts: silences, alerts and incidents, feed alerts, timelines, the roster and escalation policies.

export interface SilencesTable {
  id: Generated<number>;
  firm_id: number | null;
  rule: string | null;
  level: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string;
  district: string | null;
  /** The creator's streets within `district` (empty: the whole district). */
  streets: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string;
  created_at: CreatedAt;
  cancelled_at: Timestamp | null;
}

export type { AlertStatus } from '../../domain/alerts/states.ts';

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
  /** Migration 0020: the incident the alert belongs to (alerts sharing a cause). */
  incident_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The authoritative-information milestone (major public opinion, 国办发〔2016〕61号). */
  info_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  info_published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** What was done ([{action, at, by, note?}], src/domain/alerts/disposition.ts). */
  dispositions: ColumnType<unknown[], string | undefined, string>;
}

export interface IncidentsTable {
  id: Generated<number>;
  group_keys: ColumnType<string[], string[] | undefined, string[]>;
  level: string;
  title: string;
  district: string | null;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  opened_at: Timestamp;
  last_alert_at: Timestamp;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  lead_alert_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface FeedAlertsTable {
  id: Generated<number>;
  feed_id: number;
  kind: 'failing' | 'silent';
  raised_at: Timestamp;
  resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** Migration 0021: the timeline of a feed alert (raised, notified, updated, recovered). */
export interface FeedAlertEventsTable {
  id: Generated<number>;
  feed_alert_id: number;
  at: Timestamp;
  kind: string;
  actor_name: ColumnType<string, string | undefined, string>;
  details: Json;
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
  /** null: the city default, inherited by districts without their own. */
  district: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
