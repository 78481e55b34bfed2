// Per-endpoint send limits of the group robots, enforced by queueing: a
// message over the limit waits for its slot and is never dropped. Windows
// slide: "20 per minute" means at most 20 sends in any 60 s span, which also
// satisfies a vendor that counts per calendar minute.
import type { ChannelKind } from './types.ts';

export interface RateLimit {
  count: number;
  perMs: number;
}

const PER_PHONE: RateLimit[] = [
  { count: 1, perMs: 60_000 },
  { count: 5, perMs: 3_600_000 },
];

/**
 * Send limits: group robots per endpoint (wecom 20/min, dingtalk 20/min,
 * feishu 100/min and 5/s); SMS and voice per recipient's phone number (the
 * providers' default flow control for one number: 1 a minute, 5 an hour),
 * so a burst to one officer waits instead of being refused as
 * isv.BUSINESS_LIMIT_CONTROL / LimitExceeded.*; standard none.
 */
export const RATE_LIMITS: Record<ChannelKind, RateLimit[]> = {
  standard: [],
  wecom: [{ count: 20, perMs: 60_000 }],
  dingtalk: [{ count: 20, perMs: 60_000 }],
  feishu: [
    { count: 100, perMs: 60_000 },
    { count: 5, perMs: 1_000 },
  ],
  aliyun_sms: PER_PHONE,
  aliyun_voice: PER_PHONE,
  tencent_sms: PER_PHONE,
};

/** Sends that share some window of `perMs` with a send at t: those with |s − t| < perMs. */
function fitsAt(t: number, sends: readonly number[], limit: RateLimit): boolean {
  const near = sends.filter((s) => Math.abs(s - t) < limit.perMs);
  if (near.length < limit.count) return true;
  // Every window [a, a + perMs) holding t has a in (t − perMs, t]. Between two
  // sends, moving a right only gains sends on the right, so the fullest
  // windows start at a send in that range or at t itself.
  const starts = [t, ...near.filter((s) => s <= t)];
  return starts.every((a) => near.filter((s) => s >= a && s < a + limit.perMs).length < limit.count);
}

/**
 * The earliest instant ≥ now at which one more send keeps every limit of the
 * channel. `recentSends` are epoch ms of earlier sends; slots already
 * promised to queued messages may be included (they may lie after `now`), so
 * a worker can plan a whole backlog. Pure; times are whole milliseconds.
 */
export function nextSendAllowedAt(kind: ChannelKind, recentSends: readonly number[], now: number): number {
  const limits = RATE_LIMITS[kind];
  if (limits.length === 0) return now;
  const sends = [...recentSends].sort((a, b) => a - b);
  // Becoming allowed only happens when a send leaves the neighbourhood of t,
  // i.e. at s + perMs; so `now` and those instants are the only candidates.
  const candidates = new Set<number>([now]);
  for (const limit of limits) for (const s of sends) if (s + limit.perMs > now) candidates.add(s + limit.perMs);
  for (const t of [...candidates].sort((a, b) => a - b)) {
    if (limits.every((limit) => fitsAt(t, sends, limit))) return t;
  }
  // Unreachable: after the last send plus the longest window nothing is near.
  return Math.max(now, (sends.at(-1) ?? now) + Math.max(...limits.map((l) => l.perMs)));
}
