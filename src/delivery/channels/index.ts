// The pure channel layer for outgoing webhooks: what to send (buildRequest),
// what the answer means (judgeResponse), when to try again (retryDelayMs) and
// when a robot may be sent to again (nextSendAllowedAt). No I/O here: the
// delivery worker owns the clock, the network and the outbox rows.
export {
  CHANNEL_KINDS,
  EVENT_TYPES,
  MEDIA,
  MENTION_SUPPORT,
  PERSON_KINDS,
  isPersonKind,
  mediumOf,
  type Medium,
  type PersonKind,
  type Recipient,
  isChannelKind,
  isEventType,
  type BuildOptions,
  type ChannelKind,
  type DeliveryVerdict,
  type Endpoint,
  type EventType,
  type HttpRequestSpec,
  type Mentions,
  type OutgoingEvent,
} from './types.ts';
export { buildRequest } from './build-request.ts';
export { judgeResponse, judgeTransportError } from './judge-response.ts';
export { parseRetryAfter, MAX_RETRY_AFTER_MS } from './retry-after.ts';
export { ROBOT_RATE_LIMIT_WAIT_MS, classifyRobotError, parseRobotReply } from './robot-errors.ts';
export { MAX_ATTEMPTS, RETRY_JITTER, RETRY_SCHEDULE_MS, retryDelayMs } from './retry-schedule.ts';
export { RATE_LIMITS, nextSendAllowedAt, type RateLimit } from './rate-limit.ts';
export {
  DEFAULT_TOLERANCE_SECONDS,
  decodeSecret,
  generateSecret,
  signStandard,
  standardBody,
  verifyStandard,
} from './standard.ts';
export { signDingtalk } from './dingtalk.ts';
export { signFeishu } from './feishu.ts';
export { renderMessage } from './render.ts';
export { LEVEL_NAMES, levelMarker, type AlertLevel, type RenderedMessage } from './message.ts';
export { formatShanghaiMinute } from './shanghai-time.ts';
export { truncateUtf8, utf8Bytes } from './text.ts';
export { ALIYUN_SMS_URL, ALIYUN_VOICE_URL } from './providers/aliyun.ts';
export { TENCENT_SMS_URL } from './providers/tencent.ts';
