import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { Forbidden, Unauthorized } from '../domain/errors.ts';
import { roleHas, type Permission } from '../domain/roles.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import type { Actor } from '../audit/audit.ts';
import { principalFromToken } from '../users/tokens.ts';
import { sessionPrincipal } from '../users/sessions.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { coded, msg } from '../domain/i18n/messages.ts';

export const SESSION_COOKIE = 'qs_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the caller from `Authorization: Bearer` or the session cookie.
 * Anonymous requests pass with no principal; routes decide. Cookie callers
 * must send the session's CSRF token with every unsafe request (form field
 * `_csrf` or header `x-csrf-token`); bearer callers carry no ambient
 * credential, so they need none.
 */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const now = () => deps.clock?.() ?? new Date();
  return async (c, next) => {
    c.set('principal', undefined);
    c.set('csrfToken', undefined);
    const header = c.req.header('authorization');
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m)
        throw new Unauthorized('Authorization header must be "Bearer <token>"', undefined, msg('auth.bearer_format'));
      c.set('principal', await principalFromToken(deps.db, m[1]!, now()));
      return next();
    }
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) {
      const found = await sessionPrincipal(deps.db, sid, now()).catch(() => null);
      if (found) {
        c.set('principal', found.principal);
        c.set('csrfToken', found.csrfToken);
        if (UNSAFE.has(c.req.method)) await checkCsrf(c, found.csrfToken);
      }
    }
    return next();
  };
}

async function checkCsrf(c: Context<AppEnv>, expected: string): Promise<void> {
  let sent = c.req.header('x-csrf-token');
  const type = c.req.header('content-type') ?? '';
  if (!sent && (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))) {
    const form = await c.req.parseBody();
    sent = typeof form['_csrf'] === 'string' ? form['_csrf'] : undefined;
  }
  if (!sent || !sameSecret(sent, expected))
    throw new Forbidden('missing or wrong CSRF token; reload the page and try again', undefined, msg('auth.csrf'));
}

export function principalOf(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p)
    throw new Unauthorized(
      'authentication required: send "Authorization: Bearer <token>" or log in',
      undefined,
      msg('auth.required'),
    );
  return p;
}

/** Route guard: the caller must hold the permission. */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = principalOf(c);
    if (!roleHas(p.role, permission))
      throw new Forbidden(
        `role ${p.role} lacks permission ${permission}`,
        undefined,
        msg('auth.permission', { role: coded('userRole', p.role), permission: coded('permission', permission) }),
      );
    return next();
  };
}

/** The client address; X-Forwarded-For is believed only behind a trusted proxy. */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/** The authenticated caller as an audit actor: who, from where, which request. */
export function actorOf(c: Context<AppEnv>, deps: AppDeps): Actor {
  const p = principalOf(c);
  return { id: p.userId, name: p.name, ip: clientIp(c, deps.config.trustProxy), requestId: c.get('requestId') };
}
