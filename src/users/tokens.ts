import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { Forbidden, NotFound, Unauthorized } from '../domain/errors.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import { getUserByName, toPrincipal } from './users.ts';
import { randomToken, sha256 } from './secrets.ts';
import { msg } from '../domain/i18n/messages.ts';

/**
 * Creates an API token for a user. The token is returned once; only its
 * hash is kept. Through the API and console only the user themself may call
 * this (see createOwnToken): an admin who could mint a token for someone
 * else could act as them, e.g. approve their own credit proposal. The CLI
 * (the operator of the machine) may.
 */
export async function createToken(
  db: Db,
  actor: Actor,
  userName: string,
  now: Date,
  label?: string,
): Promise<{ id: number; token: string }> {
  const user = await getUserByName(db, userName);
  const token = randomToken('qs');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: user.id,
        token_hash: sha256(token),
        prefix: token.slice(0, 10),
        label: label ?? null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      actor,
      {
        action: 'token.create',
        objectType: 'user',
        objectId: user.id,
        details: { tokenId: row.id, prefix: token.slice(0, 10) },
      },
      now,
    );
    return { id: row.id, token };
  });
}

export async function principalFromToken(db: Db, token: string, now: Date): Promise<Principal> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id', 'u.name', 'u.role', 'u.district', 'u.streets', 'u.disabled'])
    .where('t.token_hash', '=', sha256(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
  if (!row || row.disabled)
    throw new Unauthorized('invalid or revoked API token', undefined, msg('auth.token_invalid'));
  // Write last_used_at at most once a minute: a busy script must not turn every read into a write.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return { ...toPrincipal(row), auth: 'token' };
}

/** A token minted by its owner, the only way the API and console create one. */
export async function createOwnToken(
  db: Db,
  actor: Actor,
  owner: Principal,
  userName: string,
  now: Date,
  label?: string,
) {
  if (userName !== owner.name)
    throw new Forbidden(
      'tokens are created only by their owner: log in as that user to create one (an admin may revoke tokens)',
      undefined,
      msg('auth.token_owner_only'),
    );
  return createToken(db, actor, owner.name, now, label);
}

export interface TokenView {
  id: number;
  prefix: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A user's tokens (never the secrets). */
export async function listTokens(db: Db, userName: string): Promise<TokenView[]> {
  const user = await getUserByName(db, userName);
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'prefix', 'label', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', user.id)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    label: r.label,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

/**
 * Revokes a token (by id, or by the prefix shown at creation) from now on:
 * the next request carrying it gets 401. `owner` limits it to that user's
 * tokens (a user revoking their own); an admin or the CLI passes none. Audited.
 */
export async function revokeToken(
  db: Db,
  actor: Actor,
  ref: string,
  now: Date,
  owner?: number,
): Promise<{ id: number; user: string }> {
  let q = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.revoked_at', 'u.name', 'u.id as user_id']);
  q = /^\d+$/.test(ref) ? q.where('t.id', '=', Number(ref)) : q.where('t.prefix', '=', ref);
  if (owner !== undefined) q = q.where('t.user_id', '=', owner);
  const rows = await q.execute();
  if (rows.length === 0) throw new NotFound(`token ${ref} not found`, undefined, msg('token.not_found', { ref }));
  if (rows.length > 1)
    throw new NotFound(
      `token prefix ${ref} is not unique: give the token id`,
      undefined,
      msg('token.ambiguous', { ref }),
    );
  const row = rows[0]!;
  if (row.revoked_at === null) {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', row.id).execute();
      await audit(
        trx,
        actor,
        { action: 'token.revoke', objectType: 'user', objectId: row.user_id, details: { tokenId: row.id } },
        now,
      );
    });
  }
  return { id: row.id, user: row.name };
}

/** Every token not revoked, with its owner (the console's user administration). */
export async function listActiveTokens(db: Db): Promise<Array<TokenView & { user: string }>> {
  const rows = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.prefix', 't.label', 't.created_at', 't.last_used_at', 'u.name'])
    .where('t.revoked_at', 'is', null)
    .orderBy('u.name')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    label: r.label,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: null,
    user: r.name,
  }));
}
