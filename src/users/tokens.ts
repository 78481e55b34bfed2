import type { Db } from '../db/connect.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { Unauthorized } from '../domain/errors.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import { getUserByName, toPrincipal } from './users.ts';
import { randomToken, sha256 } from './secrets.ts';

/** Creates an API token for a user. The token is returned once; only its hash is kept. */
export async function createToken(db: Db, actor: Actor, userName: string, now: Date, label?: string): Promise<{ id: number; token: string }> {
  const user = await getUserByName(db, userName);
  const token = randomToken('qs');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ user_id: user.id, token_hash: sha256(token), prefix: token.slice(0, 10), label: label ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actor, { action: 'token.create', objectType: 'user', objectId: user.id, details: { tokenId: row.id, prefix: token.slice(0, 10) } }, now);
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
  if (!row || row.disabled) throw new Unauthorized('invalid or revoked API token');
  // Write last_used_at at most once a minute: a busy script must not turn every read into a write.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return toPrincipal(row);
}
