// What a robot's business error code means for delivery. Robots answer
// HTTP 200 with a non-zero code on errors. Sources (checked 2026 via public
// docs and code; "observed" = seen in public client code/tests, not in the
// vendor's own table):
//   WeCom:    45009 "api freq out of limit" (global error codes; 20 msgs/min
//             per robot); 93000 "invalid webhook url" (key deleted or robot
//             removed from the group; observed); -1 system busy.
//   DingTalk: 130101 "send too fast, exceed 20 times per minute" — the robot
//             is then throttled for 10 minutes (custom robot docs); 660026
//             rate limited (observed); 310000 security check failed: "sign
//             not match", "keywords not in content" or IP not whitelisted;
//             300001 / 300005 "token is not exist" (observed); -1 busy.
//   Feishu:   11232 frequency limited (custom robot guide: 100/min, 5/s);
//             9499 "Bad Request"; 19021 "sign match fail or timestamp is
//             not within one hour"; 19022 "Ip Not Allowed"; 19024 "Key
//             Words Not Found"; 19001 "param invalid: incoming webhook
//             access token invalid" (observed).
import type { ChannelKind } from './types.ts';

export type RobotKind = Extract<ChannelKind, 'wecom' | 'dingtalk' | 'feishu'>;

export type RobotErrorClass =
  | { class: 'rate_limited'; waitMs: number }
  | { class: 'busy' }
  | { class: 'dead_endpoint' }
  | { class: 'rejected'; reason: string };

/** How long a robot stays throttled once it reports a rate limit. */
export const ROBOT_RATE_LIMIT_WAIT_MS: Record<RobotKind, number> = {
  wecom: 60_000, // the limit is per minute: the window has passed after 60 s
  dingtalk: 10 * 60_000, // DingTalk throttles the robot for 10 minutes
  feishu: 60_000, // 100/min is the wider of Feishu's two windows
};

const TABLES: Record<RobotKind, Record<number, RobotErrorClass>> = {
  wecom: {
    [-1]: { class: 'busy' },
    45009: { class: 'rate_limited', waitMs: ROBOT_RATE_LIMIT_WAIT_MS.wecom },
    93000: { class: 'dead_endpoint' },
  },
  dingtalk: {
    [-1]: { class: 'busy' },
    130101: { class: 'rate_limited', waitMs: ROBOT_RATE_LIMIT_WAIT_MS.dingtalk },
    660026: { class: 'rate_limited', waitMs: ROBOT_RATE_LIMIT_WAIT_MS.dingtalk },
    310000: { class: 'rejected', reason: 'security check failed (signature, keyword or IP whitelist)' },
    300001: { class: 'dead_endpoint' },
    300005: { class: 'dead_endpoint' },
  },
  feishu: {
    11232: { class: 'rate_limited', waitMs: ROBOT_RATE_LIMIT_WAIT_MS.feishu },
    9499: { class: 'rejected', reason: 'bad request' },
    19021: { class: 'rejected', reason: 'signature mismatch or timestamp out of range' },
    19022: { class: 'rejected', reason: 'caller IP not allowed' },
    19024: { class: 'rejected', reason: 'required keyword not found' },
    19001: { class: 'dead_endpoint' },
  },
};

/** Unknown non-zero codes are rejections: retrying a refused message rarely helps. */
export function classifyRobotError(kind: RobotKind, code: number): RobotErrorClass {
  return TABLES[kind][code] ?? { class: 'rejected', reason: 'unrecognised error code' };
}

export interface RobotReply {
  code: number;
  message: string;
}

/**
 * The business code in a robot's reply: `errcode`/`errmsg` for WeCom and
 * DingTalk, `code`/`msg` for Feishu (whose legacy `StatusCode` is read when
 * `code` is missing). Null when the body carries no code.
 */
export function parseRobotReply(kind: RobotKind, body: string): RobotReply | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const reply = parsed as Record<string, unknown>;
  const raw = kind === 'feishu' ? (reply['code'] ?? reply['StatusCode']) : reply['errcode'];
  const code = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof code !== 'number' || !Number.isInteger(code)) return null;
  const message = kind === 'feishu' ? (reply['msg'] ?? reply['StatusMessage']) : reply['errmsg'];
  return { code, message: typeof message === 'string' ? message : '' };
}
