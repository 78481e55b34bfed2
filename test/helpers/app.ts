import pino from 'pino';
import { loadConfig, type Config } from '../../src/config/env.ts';
import { createApp } from '../../src/http/app.ts';
import type { Db } from '../../src/db/connect.ts';
import type { Role } from '../../src/domain/roles.ts';
import { createUser } from '../../src/users/users.ts';
import { createToken } from '../../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { schedule } from '../../jobs/schedule.ts';

export const silentLog = pino({ level: 'silent' });

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    QIANSHAO_SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789',
    QIANSHAO_DATA_DIR: '/nonexistent',
    ...env,
  });
}

export function testApp(
  db: Db,
  opts: { env?: Record<string, string>; clock?: () => Date; accepting?: () => boolean } = {},
) {
  const config = testConfig(opts.env);
  return createApp({
    db,
    config,
    log: silentLog,
    secretKey: config.secretKey!,
    clock: opts.clock,
    accepting: opts.accepting,
    jobs: schedule,
  });
}

let n = 0;

/** A user with an API token; returns the headers to call the API as them. */
export async function userWithToken(db: Db, role: Role, place: { district?: string | null; streets?: string[] } = {}) {
  const name = `${role}_${++n}_${Math.random().toString(36).slice(2, 6)}`;
  const user = await createUser(
    db,
    SYSTEM_ACTOR,
    { name, role, district: place.district ?? null, streets: place.streets ?? [], password: 'correct-horse-battery' },
    new Date(),
  );
  const { token } = await createToken(db, SYSTEM_ACTOR, name, new Date());
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}

export async function insertFirm(
  db: Db,
  f: { name: string; district: string | null; street?: string | null; uscc?: string | null; role?: string },
) {
  return db
    .insertInto('firms')
    .values({
      name: f.name,
      name_norm: f.name,
      district: f.district,
      street: f.street ?? null,
      uscc: f.uscc ?? null,
      sector: 'food_delivery',
      role: f.role ?? 'agent',
      address: null,
      legal_representative: null,
      extra: '{}',
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
