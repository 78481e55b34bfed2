// Robots show times in Asia/Shanghai. China has kept UTC+8 without daylight
// saving since 1991, so a fixed offset is exact and needs no ICU data.

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** '2026-11-28 14:05' for the instant 2026-11-28T06:05Z. */
export function formatShanghaiMinute(instant: Date): string {
  const d = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True for an ISO 8601 date-time with an offset (a date alone is not an instant). */
export function isIsoInstant(value: string): boolean {
  return ISO_INSTANT.test(value);
}

/** Formats an ISO instant in Shanghai time; anything else is returned unchanged. */
export function formatInstantText(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatShanghaiMinute(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (!isIsoInstant(value.trim())) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : formatShanghaiMinute(new Date(ms));
}
