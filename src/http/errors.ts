import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../domain/errors.ts';
import type { AppEnv } from './context.ts';
import { isConnectionLoss } from '../db/connection-loss.ts';

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** The one place where failures become HTTP answers. */
export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) {
    return c.json(errorBody(err.code, err.message), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'http_error';
    return c.json(errorBody(code, err.message || 'request failed'), status);
  }
  const log = c.get('log');
  if (isConnectionLoss(err)) {
    // A database restart is an outage, not a bug: say so, and the caller may retry.
    log?.warn({ err }, 'database unavailable');
    return c.json(errorBody('unavailable', 'the database is unavailable; try again shortly'), 503);
  }
  log?.error({ err }, 'unhandled error');
  return c.json(errorBody('internal', `internal error (request ${c.get('requestId') ?? '?'})`), 500);
}

/** Unknown API paths ask anonymous callers to authenticate first, so the API's shape is not revealed to them. */
export function notFound(c: Context<AppEnv>) {
  if (c.req.path.startsWith('/api/v1/') && !c.get('principal')) {
    return c.json(errorBody('unauthorized', 'authentication required: send "Authorization: Bearer <token>" or log in'), 401);
  }
  return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);
}
