// The shapes shared by every channel. Everything in channels/ is pure: no
// clock, no network, no database; the worker passes `now` and does the I/O.

export const CHANNEL_KINDS = ['standard', 'wecom', 'dingtalk', 'feishu'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const EVENT_TYPES = [
  'alert.raised',
  'alert.escalated',
  'alert.acknowledged',
  'alert.resolved',
  'credit.proposed',
  'credit.listed',
  'credit.removed',
  'digest.published',
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
}

export interface HttpRequestSpec {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export interface BuildOptions {
  /** Base URL of the console, used to make relative `url` fields absolute. */
  consoleUrl?: string;
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
};
