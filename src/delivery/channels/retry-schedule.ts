// Svix's retry schedule (the de facto Standard Webhooks practice): a first
// try at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — about 27.5 h
// in all, so a receiver that is down for a day still gets the message.

/** Delay before attempt n+1, by n = attempts already made (index 0: the first try). */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** First try + 7 retries. */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

/** ±20 %: spreads the retries of one outage so they do not arrive as a herd. */
export const RETRY_JITTER = 0.2;

/**
 * The wait before the next attempt, given `attempt` attempts already made
 * (1 after the first try); null once MAX_ATTEMPTS are spent (dead letter).
 * `random` returns [0,1); the result lies in [0.8·d, 1.2·d).
 */
export function retryDelayMs(attempt: number, random: () => number): number | null {
  if (!Number.isInteger(attempt) || attempt < 0)
    throw new RangeError(`attempt must be a whole number ≥ 0, got ${attempt}`);
  if (attempt >= MAX_ATTEMPTS) return null;
  const base = RETRY_SCHEDULE_MS[attempt]!;
  if (base === 0) return 0;
  const r = Math.min(Math.max(random(), 0), 1);
  // Whole milliseconds in [low, low + span): the cap keeps a random value
  // just below 1 from rounding up onto the excluded upper bound.
  const low = Math.round(base * (1 - RETRY_JITTER));
  const span = Math.round(base * 2 * RETRY_JITTER);
  return low + Math.min(span - 1, Math.floor(r * span));
}
