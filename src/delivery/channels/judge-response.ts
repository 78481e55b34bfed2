// Turns a receiver's answer into what the outbox does next. Order matters:
// the HTTP status speaks first for 410/429/5xx, then a robot's business
// code (robots answer 200 even when they refuse the message).
import { parseRetryAfter } from './retry-after.ts';
import { ROBOT_RATE_LIMIT_WAIT_MS, classifyRobotError, parseRobotReply, type RobotKind } from './robot-errors.ts';
import { clipChars } from './text.ts';
import { isPersonKind, type ChannelKind, type DeliveryVerdict } from './types.ts';
import { judgeProviderResponse } from './providers/provider-response.ts';

const MAX_ERROR_CHARS = 300;

function retry(error: string, retryAfterMs: number | undefined): DeliveryVerdict {
  return retryAfterMs === undefined ? { outcome: 'retry', error } : { outcome: 'retry', error, retryAfterMs };
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat === '' ? '' : `: ${clipChars(flat, 120)}`;
}

function judgeRobotReply(
  kind: RobotKind,
  status: number,
  body: string,
  retryAfterMs: number | undefined,
): DeliveryVerdict | null {
  const reply = parseRobotReply(kind, body);
  if (!reply) return null;
  if (reply.code === 0) return status >= 200 && status < 300 ? { outcome: 'delivered' } : null;
  const what = `${kind} errcode ${reply.code}${reply.message ? ` (${clipChars(reply.message, 120)})` : ''}`;
  const error = clipChars(`HTTP ${status}, ${what}`, MAX_ERROR_CHARS);
  const meaning = classifyRobotError(kind, reply.code);
  switch (meaning.class) {
    case 'rate_limited':
      return retry(`${error}: rate limited`, retryAfterMs ?? meaning.waitMs);
    case 'busy':
      return retry(`${error}: receiver busy`, retryAfterMs);
    case 'dead_endpoint':
      return { outcome: 'disable', error: `${error}: webhook key invalid or robot removed` };
    case 'rejected':
      return { outcome: 'fail', error: `${error}: ${meaning.reason}` };
  }
}

/**
 * Judges a receiver's answer: HTTP status, headers (lower-case names), body
 * text. `retryAfterMs` on a retry is the least wait the receiver asked for
 * (Retry-After, or the robot's documented throttle); the worker waits at
 * least that long, and at least its own schedule.
 */
export function judgeResponse(
  kind: ChannelKind,
  status: number,
  headers: Record<string, string>,
  body: string,
  now: Date,
): DeliveryVerdict {
  const retryAfterMs = parseRetryAfter(headers['retry-after'], now);
  if (isPersonKind(kind)) return judgeProviderResponse(kind, status, body, retryAfterMs);
  if (status === 410) return { outcome: 'disable', error: `HTTP 410 Gone${snippet(body)}` };
  if (status === 429) {
    const fallback = kind === 'standard' ? undefined : ROBOT_RATE_LIMIT_WAIT_MS[kind];
    return retry(`HTTP 429 Too Many Requests${snippet(body)}`, retryAfterMs ?? fallback);
  }
  if (status >= 500) return retry(`HTTP ${status}${snippet(body)}`, retryAfterMs);
  if (kind === 'wecom' || kind === 'dingtalk' || kind === 'feishu') {
    const verdict = judgeRobotReply(kind, status, body, retryAfterMs);
    if (verdict) return verdict;
  }
  // A 2xx without a recognisable code was accepted at the HTTP level; sending
  // it again would risk a duplicate message in the group.
  if (status >= 200 && status < 300) return { outcome: 'delivered' };
  if (status === 408) return retry(`HTTP 408 Request Timeout${snippet(body)}`, retryAfterMs);
  if (status === 401 || status === 403)
    return { outcome: 'fail', error: `HTTP ${status} unauthorized${snippet(body)}` };
  if (status >= 300 && status < 400) return { outcome: 'fail', error: `HTTP ${status}: redirects are not followed` };
  return { outcome: 'fail', error: `HTTP ${status}${snippet(body)}` };
}

/** No HTTP answer at all (DNS, connect, TLS, the 15 s timeout): always worth another try. */
export function judgeTransportError(message: string): DeliveryVerdict {
  return { outcome: 'retry', error: clipChars(`transport error: ${message}`, MAX_ERROR_CHARS) };
}
