// The shapes shared by every channel. Everything in channels/ is pure: no
// clock, no network, no database; the worker passes `now` and does the I/O.

export const CHANNEL_KINDS = [
  'standard',
  'wecom',
  'dingtalk',
  'feishu',
  'aliyun_sms',
  'aliyun_voice',
  'tencent_sms',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Channels that reach one person on their phone (one delivery per recipient), not a group. */
export const PERSON_KINDS = ['aliyun_sms', 'aliyun_voice', 'tencent_sms'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export type GroupKind = Exclude<ChannelKind, PersonKind>;

/** How an escalation step reaches people: the group robots, a text message, a phone call. */
export const MEDIA = ['chat', 'sms', 'voice'] as const;
export type Medium = (typeof MEDIA)[number];

export function isPersonKind(kind: ChannelKind): kind is PersonKind {
  return (PERSON_KINDS as readonly string[]).includes(kind);
}

export function mediumOf(kind: ChannelKind): Medium | null {
  if (kind === 'aliyun_sms' || kind === 'tencent_sms') return 'sms';
  if (kind === 'aliyun_voice') return 'voice';
  return kind === 'standard' ? null : 'chat';
}

/** One person a message is addressed to, with their acknowledge link when one was made. */
export interface Recipient {
  name: string;
  mobile: string;
  /** The short signed code of their acknowledge link (the part after /a/). */
  ackCode?: string | null;
  /** Their language (users.lang): an SMS or a call speaks it. */
  lang?: 'zh' | 'en';
}

export const EVENT_TYPES = [
  'alert.raised',
  'alert.escalated',
  'alert.acknowledged',
  'alert.resolved',
  'credit.proposed',
  'credit.listed',
  'credit.removed',
  'digest.published',
  'feed.alert',
  'feed.recovered',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One message; `id` is stable across retries (webhook-id). */
export interface OutgoingEvent {
  id: string;
  type: EventType;
  timestamp: Date;
  data: Record<string, unknown>;
}

export interface Mentions {
  mobiles?: string[];
  userIds?: string[];
  all?: boolean;
}

export interface Endpoint {
  url: string;
  kind: ChannelKind;
  secret: string | null;
  /** mobiles / user ids to @-mention in group robots */
  mentions?: Mentions;
  /** Provider settings of an SMS/voice channel (access key id, sign name, template …); never secret. */
  settings?: Record<string, string>;
  /** The person an SMS/voice message goes to. */
  recipient?: Recipient;
  /** Group robots: the acknowledge link of each person @-mentioned. */
  ackLinks?: Array<{ name: string; url: string }>;
  /** The language its messages are written in (webhook_endpoints.lang; default Chinese). */
  lang?: 'zh' | 'en';
}

export interface HttpRequestSpec {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export interface BuildOptions {
  /** The receiver's language (default Chinese): the endpoint's, or the person's for SMS and voice. */
  lang?: 'zh' | 'en';
  /** Base URL of the console, used to make relative `url` fields absolute. */
  consoleUrl?: string;
  /** A fresh random nonce for providers that sign one in (Alibaba Cloud). */
  nonce?: string;
}

export type DeliveryVerdict =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; error: string; retryAfterMs?: number }
  | { outcome: 'disable'; error: string }
  | { outcome: 'fail'; error: string };

export function isChannelKind(value: unknown): value is ChannelKind {
  return typeof value === 'string' && (CHANNEL_KINDS as readonly string[]).includes(value);
}

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * Which kinds of @-mention each channel can really deliver, so the API can
 * refuse an endpoint configuration that would silently mention nobody.
 * WeCom mentions mobiles only in its `text` message type (see wecom.ts);
 * Feishu custom robots mention by open_id/user_id only, never by mobile.
 */
export const MENTION_SUPPORT: Record<ChannelKind, { mobiles: boolean; userIds: boolean; all: boolean }> = {
  standard: { mobiles: false, userIds: false, all: false },
  wecom: { mobiles: true, userIds: true, all: true },
  dingtalk: { mobiles: true, userIds: true, all: true },
  feishu: { mobiles: false, userIds: true, all: true },
  aliyun_sms: { mobiles: false, userIds: false, all: false },
  aliyun_voice: { mobiles: false, userIds: false, all: false },
  tencent_sms: { mobiles: false, userIds: false, all: false },
};
