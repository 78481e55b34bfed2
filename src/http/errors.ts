import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../domain/errors.ts';
import { errorText } from '../domain/i18n/errors.ts';
import type { AppEnv } from './context.ts';
import { isConnectionLoss } from '../db/connection-loss.ts';
import { errorPage, isConsolePath } from './pages/error-page.tsx';

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/**
 * The one place where failures become HTTP answers: JSON for the API,
 * an HTML page in the reader's language for console routes.
 */
export function onError(err: Error, c: Context<AppEnv>, demo = false) {
  // A console page shows the detail in the reader's language: a service error's
  // keyed message, else (English-only texts) the English words to English readers only.
  const answer = (code: string, message: string, status: ContentfulStatusCode, detail?: string) =>
    isConsolePath(c.req.path)
      ? errorPage(c, status, detail ?? ((c.get('lang') ?? 'zh') === 'en' ? message : null), demo)
      : c.json(errorBody(code, message), status);
  if (err instanceof AppError) {
    // A page may throw words already in the reader's language (no message key).
    const lang = c.get('lang') ?? 'zh';
    const written = !err.msg && lang === 'zh' && /\p{Script=Han}/u.test(err.message);
    return answer(err.code, err.message, err.status, written ? err.message : errorText(err, lang));
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 401
          ? 'unauthorized'
          : status === 403
            ? 'forbidden'
            : 'http_error';
    return answer(code, err.message || 'request failed', status);
  }
  const log = c.get('log');
  // A value the database refused (text with NUL, an integer out of range,
  // nesting too deep) is the caller's bad input that slipped past a schema:
  // a 400 naming the kind of problem, never the database's own words.
  const refused = refusedValue(err);
  if (refused) {
    log?.warn({ err }, 'database refused a request value');
    return answer('invalid', refused, 400);
  }
  if (isConnectionLoss(err)) {
    // A database restart is an outage, not a bug: say so, and the caller may retry.
    log?.warn({ err }, 'database unavailable');
    return answer('unavailable', 'the database is unavailable; try again shortly', 503);
  }
  log?.error({ err }, 'unhandled error');
  return answer('internal', `internal error (request ${c.get('requestId') ?? '?'})`, 500);
}

/** Unknown API paths ask anonymous callers to authenticate first, so the API's shape is not revealed to them. */
export function notFound(c: Context<AppEnv>, demo = false) {
  if (c.req.path.startsWith('/api/v1/') && !c.get('principal')) {
    return c.json(
      errorBody('unauthorized', 'authentication required: send "Authorization: Bearer <token>" or log in'),
      401,
    );
  }
  if (isConsolePath(c.req.path)) return errorPage(c, 404, null, demo);
  return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
}

// SQLSTATE class 22 (data exception) and 54001 (statement too complex):
// both PostgreSQL and PGlite errors carry the code.
const REFUSED: Record<string, string> = {
  '22003': 'a number in the request is out of range',
  '22021': 'the request holds a character that cannot be stored (NUL, U+0000)',
  '22P05': 'the request holds a character that cannot be stored (NUL, U+0000)',
  '22P02': 'a value in the request has the wrong form',
  '22007': 'a date or time in the request has the wrong form',
  '22008': 'a date or time in the request is out of range',
  '54001': 'the request is nested too deeply',
};

function refusedValue(err: Error): string | null {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  return REFUSED[code] ?? (code.startsWith('22') ? 'a value in the request cannot be stored' : null);
}
