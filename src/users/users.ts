import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { User } from '../db/schema.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { Conflict, Invalid, NotFound } from '../domain/errors.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import type { Principal } from '../domain/jurisdiction.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.ts';
import { msg } from '../domain/i18n/messages.ts';
import { issueMessage } from '../domain/i18n/errors.ts';

export const newUserSchema = z.object({
  name: z.string().regex(/^[a-z0-9_.-]{2,64}$/, 'use 2-64 lower-case letters, digits, _ . -'),
  displayName: z.string().min(1).max(64).optional(),
  role: z.enum(ROLES),
  district: z.string().min(1).max(64).nullable().default(null),
  streets: z.array(z.string().min(1).max(64)).default([]),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
});
export type NewUser = z.input<typeof newUserSchema>;

export function toPrincipal(u: Pick<User, 'id' | 'name' | 'role' | 'district' | 'streets'>): Principal {
  return { userId: u.id, name: u.name, role: u.role as Role, district: u.district, streets: u.streets };
}

export async function createUser(db: Db, actor: Actor, input: NewUser, now: Date): Promise<User> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Invalid(`user ${input.name}: ${i.path.join('.') || 'input'}: ${i.message}`, undefined, issueMessage([i]));
  }
  const u = parsed.data;
  if (u.streets.length > 0 && u.district === null)
    throw new Invalid(
      `user ${u.name}: streets need a district`,
      undefined,
      msg('user.streets_need_district', { name: u.name }),
    );
  const password_hash = await hashPassword(u.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').where('name', '=', u.name).executeTakeFirst();
    if (existing) throw new Conflict(`user ${u.name} already exists`, undefined, msg('user.exists', { name: u.name }));
    const user = await trx
      .insertInto('users')
      .values({
        name: u.name,
        display_name: u.displayName ?? u.name,
        role: u.role,
        district: u.district,
        streets: u.streets,
        password_hash,
        created_at: now,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      actor,
      {
        action: 'user.create',
        objectType: 'user',
        objectId: user.id,
        details: { name: u.name, role: u.role, district: u.district, streets: u.streets },
      },
      now,
    );
    return user;
  });
}

export async function getUserByName(db: Db, name: string): Promise<User> {
  const user = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  if (!user) throw new NotFound(`user ${name} not found`, undefined, msg('user.not_found', { name }));
  return user;
}

export async function listUsers(db: Db): Promise<Array<Omit<User, 'password_hash' | 'mobile'>>> {
  return db
    .selectFrom('users')
    .select([
      'id',
      'name',
      'display_name',
      'role',
      'district',
      'streets',
      'disabled',
      'created_at',
      'last_login_at',
      'created_by',
      'lang',
    ])
    .orderBy('name')
    .execute();
}

/**
 * Disables or enables an account, audited. A disabled user's sessions are
 * ended and their tokens refused from the next request on (every request
 * checks `disabled`); enabling restores the tokens, not the sessions.
 * Nobody disables their own account, so an admin cannot lock everyone out.
 */
export async function setUserDisabled(
  db: Db,
  actor: Actor,
  name: string,
  disabled: boolean,
  now: Date,
): Promise<{ id: number; name: string; disabled: boolean }> {
  const user = await getUserByName(db, name);
  if (disabled && actor.id === user.id)
    throw new Conflict('you cannot disable your own account', undefined, msg('user.cannot_disable_self'));
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled }).where('id', '=', user.id).execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await audit(
      trx,
      actor,
      { action: disabled ? 'user.disable' : 'user.enable', objectType: 'user', objectId: user.id, details: { name } },
      now,
    );
  });
  return { id: user.id, name: user.name, disabled };
}

/** Stores a user's reading language; true when it changed. */
export async function setUserLang(db: Db, userId: number, lang: 'zh' | 'en'): Promise<boolean> {
  const changed = await db
    .updateTable('users')
    .set({ lang })
    .where('id', '=', userId)
    .where('lang', '<>', lang)
    .returning('id')
    .executeTakeFirst();
  return changed !== undefined;
}

/** A user's id and reading language, by name. */
export function userLangByName(db: Db, name: string): Promise<{ id: number; lang: string } | undefined> {
  return db.selectFrom('users').select(['id', 'lang']).where('name', '=', name).executeTakeFirst();
}
