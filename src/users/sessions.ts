import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { loginWaitMs, type LoginLimits } from '../domain/login-throttle.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { TooManyRequests, Unauthorized } from '../domain/errors.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { randomToken, sha256 } from './secrets.ts';
import { toPrincipal } from './users.ts';
import { msg } from '../domain/i18n/messages.ts';

export type { LoginLimits } from '../domain/login-throttle.ts';

export interface NewSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  principal: Principal;
}

/**
 * Password login. Failures are kept in the database (so every replica sees
 * them) and counted per (user name, address) and per address; an attempt
 * still inside its backoff (domain/login-throttle.ts) is refused before the
 * password is even checked.
 */
export async function login(
  db: Db,
  input: { name: string; password: string; ip: string | null; userAgent: string | null; requestId?: string | null },
  now: Date,
  limits: LoginLimits,
  ttlMs: number,
): Promise<NewSession> {
  const since = new Date(now.getTime() - limits.windowMs);
  const sameIp = sql<boolean>`ip is not distinct from ${input.ip}`;
  const recent = await db
    .selectFrom('login_failures')
    .select([
      sql<string>`count(*) filter (where username = ${input.name} and ${sameIp})`.as('pair'),
      sql<Date | null>`max(at) filter (where username = ${input.name} and ${sameIp})`.as('last_pair_at'),
      sql<string>`count(*) filter (where ${sameIp})`.as('address'),
    ])
    .where('at', '>', since)
    .where((eb) => eb.or([eb('username', '=', input.name), sameIp]))
    .executeTakeFirstOrThrow();
  const actor: Actor = { id: null, name: input.name, ip: input.ip, requestId: input.requestId ?? null };
  const lastPairAt = recent.last_pair_at === null ? null : new Date(recent.last_pair_at);
  const waitMs = loginWaitMs({ pair: Number(recent.pair), lastPairAt, address: Number(recent.address) }, limits, now);
  if (waitMs > 0) {
    await audit(
      db,
      actor,
      {
        action: 'session.login_throttled',
        objectType: 'user',
        objectId: null,
        details: { name: input.name, waitSeconds: Math.ceil(waitMs / 1000) },
      },
      now,
    );
    throw new TooManyRequests(
      `too many failed logins; try again in ${Math.ceil(waitMs / 1000)} s`,
      undefined,
      msg('auth.throttled', { seconds: Math.ceil(waitMs / 1000) }),
    );
  }
  const user = await db.selectFrom('users').selectAll().where('name', '=', input.name).executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) {
    await db.insertInto('login_failures').values({ username: input.name, ip: input.ip, at: now }).execute();
    await audit(
      db,
      actor,
      { action: 'session.login_failed', objectType: 'user', objectId: user?.id ?? null, details: { name: input.name } },
      now,
    );
    throw new Unauthorized('wrong user name or password', undefined, msg('auth.login_failed'));
  }
  const sessionId = randomToken('qss');
  const csrfToken = randomToken('csrf');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id_hash: sha256(sessionId),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        ip: input.ip,
        user_agent: input.userAgent,
      })
      .execute();
    await trx.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
    // Only this address's failures for the name are forgiven: an attacker's
    // count elsewhere does not restart because the owner logged in.
    await trx.deleteFrom('login_failures').where('username', '=', user.name).where(sameIp).execute();
    await audit(
      trx,
      { ...actor, id: user.id },
      { action: 'session.login', objectType: 'user', objectId: user.id },
      now,
    );
  });
  return { sessionId, csrfToken, expiresAt, principal: toPrincipal(user) };
}

export async function sessionPrincipal(
  db: Db,
  sessionId: string,
  now: Date,
): Promise<{ principal: Principal; csrfToken: string }> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.csrf_token', 'u.id', 'u.name', 'u.role', 'u.district', 'u.streets', 'u.disabled'])
    .where('s.id_hash', '=', sha256(sessionId))
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row || row.disabled)
    throw new Unauthorized('session expired; please log in again', undefined, msg('auth.session_expired'));
  return { principal: { ...toPrincipal(row), auth: 'session' }, csrfToken: row.csrf_token };
}

export async function logout(db: Db, sessionId: string, actor: Actor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('sessions')
      .where('id_hash', '=', sha256(sessionId))
      .returning('user_id')
      .executeTakeFirst();
    if (gone) await audit(trx, actor, { action: 'session.logout', objectType: 'user', objectId: gone.user_id }, now);
  });
}
