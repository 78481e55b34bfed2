import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp, Json } from './columns.ts';

// Outgoing messages: webhook endpoints, deliveries and acknowledge links.

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
