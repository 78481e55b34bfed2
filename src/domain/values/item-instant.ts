// When a feed item counts (pure). A feed that dates an item in the future
// (a wrong time zone, a scheduled post, a bad clock) must not be ignored
// until then nor scored later than it was seen: an item published more
// than 10 minutes after it arrived is flagged future-dated and counted at
// its arrival.

/** Tolerance for clocks and time zones that are merely a little off. */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;

export interface ItemInstant {
  /** The instant scoring and alerts use. */
  at: Date;
  futureDated: boolean;
}

export function itemInstant(published: Date | null, arrived: Date): ItemInstant {
  if (published === null || Number.isNaN(published.getTime())) return { at: arrived, futureDated: false };
  if (published.getTime() - arrived.getTime() > FUTURE_TOLERANCE_MS) return { at: arrived, futureDated: true };
  return { at: published, futureDated: false };
}
