import type { TestDb } from '../helpers/db.ts';
import { insertFirm } from '../helpers/app.ts';
import type { Permission, Role } from '../../src/domain/roles.ts';
import { createUser } from '../../src/users/users.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// The objects and types the route matrix (route-matrix.test.ts) works with:
// a firm, alert, feed, endpoint or user inside or outside the caller's district.

export const HOME = '示范区';
export const AWAY = '邻区';
// Appears only in 邻区 objects: a 示范区 user must never see it.
export const SECRET = '邻区秘密';

export type Where = 'in' | 'out';
export interface Ctx {
  t: TestDb;
  firm: Record<Where, number>;
  self: Record<Role, string>;
  seq: () => number;
}

export interface Entry {
  /** What the caller needs; 'any' = any authenticated user; 'public' = no login. */
  perm: Permission | 'any' | 'public';
  /** Path parameters naming an object in the given district; a scoped route answers 404 outside the caller's. */
  scoped?: (c: Ctx, where: Where) => Promise<Record<string, string | number>>;
  /** Fixed path parameters (unscoped routes). */
  params?: (c: Ctx, role: Role) => Promise<Record<string, string | number>> | Record<string, string | number>;
  query?: string;
  body?: (c: Ctx) => unknown | Promise<unknown>;
  type?: string;
  /** Statuses that count as "allowed and done" (a state machine may say 409 to a repeat). */
  ok: number[];
  /** Roles refused although the permission catalogue grants `perm` (a stricter rule of the route). */
  deny?: Role[];
}

export const d = (w: Where) => (w === 'in' ? HOME : AWAY);
export const json = 'application/json';

export async function alertIn(c: Ctx, w: Where) {
  const now = new Date();
  const r = await c.t.db
    .insertInto('alerts')
    .values({
      firm_id: c.firm[w],
      rule: `matrix_${c.seq()}`,
      category: 'labor',
      level: 'red',
      status: 'open',
      title: w === 'out' ? `${SECRET}告警` : '本区告警',
      fingerprint: `f${c.seq()}`,
      score: 80,
      evidence: '[]',
      raised_at: now,
      updated_at: now,
      ack_due_at: null,
      handle_due_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id };
}
/** A fresh firm (one active credit case per firm). */
export async function firmIn(c: Ctx, w: Where) {
  return (await insertFirm(c.t.db, { name: `${w === 'out' ? SECRET : '本区'}企业${c.seq()}有限公司`, district: d(w) }))
    .id;
}
export async function feedIn(c: Ctx, district: string | null) {
  const r = await c.t.db
    .insertInto('feeds')
    .values({
      name: `${district === AWAY ? SECRET : ''}源${c.seq()}`,
      url: 'https://news.example.cn/feed.xml',
      district,
      next_poll_at: new Date('2099-01-01T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
export async function throwawayUser(c: Ctx) {
  const name = `throwaway_${c.seq()}`;
  await createUser(
    c.t.db,
    SYSTEM_ACTOR,
    { name, role: 'inspector', district: HOME, streets: [], password: 'correct-horse-battery' },
    new Date(),
  );
  return name;
}
export async function endpointIn(c: Ctx, w: Where) {
  const r = await c.t.db
    .insertInto('webhook_endpoints')
    .values({
      url: `https://hooks.example.cn/${c.seq()}`,
      kind: 'standard',
      secret_sealed: null,
      created_by: 't',
      district: d(w),
      enabled: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
