// Which failures mean "the database went away" (a restart, a network cut)
// rather than "this statement is wrong": the first kind is retried or
// reported as unavailable, the second is a bug or bad input.

const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
const MESSAGES = [
  /connection terminated/i,
  /not queryable/i,
  /connection (?:is )?(?:closed|ended)/i,
  /terminating connection/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /server closed the connection/i,
];

/** True when `err` says the connection to the database was lost or could not be made. */
export function isConnectionLoss(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now).
  if (code.startsWith('08') || /^57P0[123]$/.test(code) || CODES.has(code)) return true;
  if (Array.isArray(e.errors) && e.errors.some(isConnectionLoss)) return true; // AggregateError of a dual-stack connect
  return typeof e.message === 'string' && MESSAGES.some((re) => re.test(e.message as string));
}

/** The error's message on one line (a pg error message may span several). */
export function oneLine(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return (m || (err as { code?: string })?.code || 'unknown error').replace(/\s+/g, ' ').trim();
}
