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
  const gaps = t
    .slice(1)
    .map((x, i) => x - t[i]!)
    .sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 === 1 ? gaps[mid]! : Math.round((gaps[mid - 1]! + gaps[mid]!) / 2);
}

/** What is wrong with a feed at `now`, if anything; failing wins over silent (a failing feed cannot bring items). */
export function feedProblem(
  f: FeedState,
  now: Date,
  config: FeedHealthConfig = DEFAULT_FEED_HEALTH,
): FeedProblem | null {
  if (!f.enabled) return null;
  if (f.consecutiveFailures > 0) {
    const since = f.lastSuccessAt ?? f.createdAt;
    if (now.getTime() - since.getTime() >= config.failingMinutes * 60_000)
      return { kind: 'failing', since, failures: f.consecutiveFailures };
    return null;
  }
  if (f.lastItemAt === null || f.usualIntervalMs === null || f.usualIntervalMs <= 0) return null;
  if (now.getTime() - f.lastItemAt.getTime() > f.usualIntervalMs * config.silentFactor) {
    return { kind: 'silent', since: f.lastItemAt, usualIntervalMs: f.usualIntervalMs };
  }
  return null;
}

/** What a feed's open alert (its episode) should do at this evaluation: one alert per episode, closed when the feed is well again. */
export type FeedAlertStep = 'raise' | 'update' | 'recover' | null;

export function feedAlertStep(open: { kind: string } | null, problem: FeedProblem | null): FeedAlertStep {
  if (open === null) return problem === null ? null : 'raise';
  if (problem === null) return 'recover';
  return problem.kind === open.kind ? null : 'update';
}

/** '2 小时 15 分' / '2 h 15 min': a whole-minute duration for a feed alert's text. */
export function durationText(lang: 'zh' | 'en', ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  const parts =
    lang === 'zh'
      ? [d ? `${d} 天` : '', h ? `${h} 小时` : '', m || (!d && !h) ? `${m} 分` : '']
      : [d ? `${d} d` : '', h ? `${h} h` : '', m || (!d && !h) ? `${m} min` : ''];
  return parts.filter(Boolean).join(' ');
}

/** The Chinese line a group robot posts (robots speak the console's default language). */
export function feedAlertTitle(feed: string, p: FeedProblem | null, now: Date): string {
  if (p === null) return `【舆情源恢复】${feed}：已恢复正常`;
  const long = durationText('zh', now.getTime() - p.since.getTime());
  return p.kind === 'failing'
    ? `【舆情源告警】${feed}：抓取连续失败已 ${long}（${p.failures} 次）`
    : `【舆情源告警】${feed}：已 ${long} 无新内容（通常约 ${durationText('zh', p.usualIntervalMs)} 一条）`;
}
