// Feed health (pure): a feed that keeps failing, or that has gone quiet
// for far longer than it usually does, is an alert for the opinion team —
// a silent feed looks exactly like a quiet day. Instants are passed in.

export interface FeedHealthConfig {
  /** A feed failing this long (since its last success) raises an alert; default 2 h. */
  failingMinutes: number;
  /** A feed with no new item for this many times its usual interval raises an alert; default 6. */
  silentFactor: number;
}

export const DEFAULT_FEED_HEALTH: FeedHealthConfig = { failingMinutes: 120, silentFactor: 6 };

export interface FeedState {
  enabled: boolean;
  createdAt: Date;
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  /** The latest item's arrival; null: none yet. */
  lastItemAt: Date | null;
  /** usualInterval() of its recent items; null: too few to tell. */
  usualIntervalMs: number | null;
}

export type FeedProblem =
  | { kind: 'failing'; since: Date; failures: number }
  | { kind: 'silent'; since: Date; usualIntervalMs: number };

/** Fewest gaps between items before a feed has a usual interval. */
const MIN_GAPS = 4;

/**
 * A feed's usual interval between items: the median gap between the
 * distinct instants (epoch ms) of its recent items; null with fewer than
 * five distinct instants.
 */
export function usualInterval(instants: readonly number[]): number | null {
  const t = [...new Set(instants)].sort((a, b) => a - b);
  if (t.length < MIN_GAPS + 1) return null;
  const gaps = t.slice(1).map((x, i) => x - t[i]!).sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? gaps[mid]! : Math.round((gaps[mid - 1]! + gaps[mid]!) / 2);
}

/** What is wrong with a feed at `now`, if anything; failing wins over silent (a failing feed cannot bring items). */
export function feedProblem(f: FeedState, now: Date, config: FeedHealthConfig = DEFAULT_FEED_HEALTH): FeedProblem | null {
  if (!f.enabled) return null;
  if (f.consecutiveFailures > 0) {
    const since = f.lastSuccessAt ?? f.createdAt;
    if (now.getTime() - since.getTime() >= config.failingMinutes * 60_000) return { kind: 'failing', since, failures: f.consecutiveFailures };
    return null;
  }
  if (f.lastItemAt === null || f.usualIntervalMs === null || f.usualIntervalMs <= 0) return null;
  if (now.getTime() - f.lastItemAt.getTime() > f.usualIntervalMs * config.silentFactor) {
    return { kind: 'silent', since: f.lastItemAt, usualIntervalMs: f.usualIntervalMs };
  }
  return null;
}
