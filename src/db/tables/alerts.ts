import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, Json } from './columns.ts';

// Alerts and their delivery: silences, alerts, timeline, roster, escalation policies, webhook endpoints, deliveries.

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
import type { AlertStatus } from '../../domain/alerts/states.ts';

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

export interface WebhookEndpointsTable {
  id: Generated<number>;
  /** Display form with its secrets masked; the full URL is in url_sealed. */
  url: string;
  url_sealed: ColumnType<string | null, string | null | undefined, string | null>;
  kind: 'standard' | 'wecom' | 'dingtalk' | 'feishu' | 'aliyun_sms' | 'aliyun_voice' | 'tencent_sms';
  secret_sealed: string | null;
  /** SMS/voice provider settings (access key id, sign name, template codes); not secret. */
  settings: ColumnType<Record<string, string>, string | undefined, string>;
  events: ColumnType<string[], string[] | undefined, string[]>;
  levels: ColumnType<string[], string[] | undefined, string[]>;
  district: string | null;
  label: string | null;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  created_by: string;
  created_at: CreatedAt;
  /** The language its messages are written in (migration 0023). */
  lang: ColumnType<'zh' | 'en', 'zh' | 'en' | undefined, 'zh' | 'en'>;
}

export interface DeliveriesTable {
  id: Generated<number>;
  endpoint_id: number;
  message_id: string;
  event_type: string;
  event: Json;
  alert_id: number | null;
  /** SMS/voice: the user the message is addressed to (rate limits count per recipient). */
  recipient_id: ColumnType<number | null, number | null | undefined, number | null>;
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

/** Signed acknowledge/open links, one per alert, recipient and channel; the code itself is never stored. */
export interface AckLinksTable {
  id: Generated<number>;
  alert_id: number;
  user_id: number;
  purpose: 'ack' | 'open';
  /** chat | sms | voice: how the link reached its recipient. */
  channel: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}
