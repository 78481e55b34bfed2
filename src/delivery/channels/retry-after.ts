// Retry-After (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date.

/** A receiver may not park a delivery for longer than a day. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const ASCTIME = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** Milliseconds to wait from `now`, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    // An HTTP-date is in GMT: IMF-fixdate and RFC 850 say so; asctime says
    // nothing, so GMT is added rather than letting Date.parse assume local time.
    const zoned = /GMT$/.test(text) ? text : ASCTIME.test(text) ? `${text} GMT` : null;
    const at = zoned === null ? Number.NaN : Date.parse(zoned);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}
