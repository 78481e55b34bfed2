import type { MiddlewareHandler } from 'hono';
import { Invalid } from '../domain/errors.ts';
import { NUL_MESSAGE, hasNul } from '../domain/values/text-input.ts';
import type { AppEnv } from './context.ts';
import { msg } from '../domain/i18n/messages.ts';

/**
 * Refuses a NUL character anywhere in the path or query before any route
 * sees it: PostgreSQL cannot store or compare text holding U+0000, so every
 * text filter would otherwise end in a database error (issue 13, item 11).
 * Percent-encoding that does not decode is refused here too.
 */
export const rejectBadUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url;
  const q = url.indexOf('?');
  const raw = q < 0 ? url : url.slice(0, q) + url.slice(q).replace(/\+/g, ' ');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new Invalid('the request URL holds a malformed percent-encoding', undefined, msg('input.bad_url'));
  }
  if (hasNul(decoded)) throw new Invalid(`the request URL ${NUL_MESSAGE}`);
  return next();
};
