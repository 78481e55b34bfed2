import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testApp, userWithToken } from '../helpers/app.ts';
import { ROLES, roleHas, type Permission, type Role } from '../../src/domain/roles.ts';
import { fillPath, openApiRoutes, type ApiRoute } from './routes.ts';
import { createUser } from '../../src/users/users.ts';
import { createToken } from '../../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// Every route of the live OpenAPI document × every role × an object inside
// and outside the caller's district (示范区 / 邻区), against the table below.
// A route the table does not know fails the suite: whoever adds a route
// decides here who may call it and whether it is scoped by jurisdiction.

const HOME = '示范区';
const AWAY = '邻区';
// Appears only in 邻区 objects: a 示范区 user must never see it.
const SECRET = '邻区秘密';

type Where = 'in' | 'out';
interface Ctx {
  t: TestDb;
  firm: Record<Where, number>;
  self: Record<Role, string>;
  seq: () => number;
}

interface Entry {
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

const d = (w: Where) => (w === 'in' ? HOME : AWAY);
const json = 'application/json';

async function alertIn(c: Ctx, w: Where) {
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
async function firmIn(c: Ctx, w: Where) {
  return (await insertFirm(c.t.db, { name: `${w === 'out' ? SECRET : '本区'}企业${c.seq()}有限公司`, district: d(w) }))
    .id;
}
async function feedIn(c: Ctx, district: string | null) {
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
async function throwawayUser(c: Ctx) {
  const name = `throwaway_${c.seq()}`;
  await createUser(
    c.t.db,
    SYSTEM_ACTOR,
    { name, role: 'inspector', district: HOME, streets: [], password: 'correct-horse-battery' },
    new Date(),
  );
  return name;
}
async function endpointIn(c: Ctx, w: Where) {
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

const TABLE: Record<string, Entry> = {
  'GET /healthz': { perm: 'public', ok: [200] },
  'GET /readyz': { perm: 'public', ok: [200] },
  'GET /api/v1/me': { perm: 'any', ok: [200] },
  'GET /api/v1/users': { perm: 'users:manage', ok: [200] },
  'POST /api/v1/users': {
    perm: 'users:manage',
    ok: [200, 201],
    body: (c) => ({ name: `u${c.seq()}`, role: 'inspector', district: HOME, password: 'correct-horse-battery' }),
  },
  // Tokens are created by their owner only (issue 13, item 5): the caller asks for one of their own.
  'POST /api/v1/users/{name}/tokens': {
    perm: 'any',
    ok: [200, 201],
    params: (c, role) => ({ name: c.self[role] }),
    body: () => ({ label: 'matrix' }),
  },
  'GET /api/v1/users/{name}/tokens': { perm: 'any', ok: [200], params: (c, role) => ({ name: c.self[role] }) },
  'POST /api/v1/tokens/{id}/revoke': {
    perm: 'any',
    ok: [200],
    body: () => ({}),
    params: async (c, role) => ({
      id: (await createToken(c.t.db, SYSTEM_ACTOR, c.self[role], new Date(), 'to revoke')).id,
    }),
  },
  'POST /api/v1/users/{name}/disable': {
    perm: 'users:manage',
    ok: [200],
    body: () => ({}),
    params: async (c) => ({ name: await throwawayUser(c) }),
  },
  'POST /api/v1/users/{name}/enable': {
    perm: 'users:manage',
    ok: [200],
    body: () => ({}),
    params: async (c) => ({ name: await throwawayUser(c) }),
  },
  'GET /api/v1/firms': { perm: 'firms:read', ok: [200] },
  'GET /api/v1/firms/{id}': { perm: 'firms:read', ok: [200], scoped: async (c, w) => ({ id: c.firm[w] }) },
  'POST /api/v1/firms/{id}/aliases': {
    perm: 'firms:write',
    ok: [200],
    scoped: async (c, w) => ({ id: c.firm[w] }),
    body: (c) => ({ alias: `别名${c.seq()}` }),
  },
  'GET /api/v1/firms/{id}/risk': { perm: 'firms:read', ok: [200, 404], scoped: async (c, w) => ({ id: c.firm[w] }) },
  'GET /api/v1/firms/{id}/risk/history': { perm: 'firms:read', ok: [200], scoped: async (c, w) => ({ id: c.firm[w] }) },
  'GET /api/v1/risk': { perm: 'firms:read', ok: [200] },
  'GET /api/v1/alerts': { perm: 'alerts:read', ok: [200] },
  'GET /api/v1/alerts/{id}': { perm: 'alerts:read', ok: [200], scoped: alertIn },
  'POST /api/v1/alerts/{id}/ack': { perm: 'alerts:write', ok: [200], scoped: alertIn, body: () => ({}) },
  'POST /api/v1/alerts/{id}/start': { perm: 'alerts:write', ok: [200], scoped: alertIn, body: () => ({}) },
  'POST /api/v1/alerts/{id}/resolve': {
    perm: 'alerts:write',
    ok: [200],
    scoped: alertIn,
    body: () => ({ note: '已处理' }),
  },
  'POST /api/v1/alerts/{id}/info-published': {
    perm: 'alerts:write',
    ok: [200, 409],
    scoped: alertIn,
    body: () => ({ note: '已发布通报' }),
  },
  'POST /api/v1/alerts/{id}/dismiss': {
    perm: 'alerts:write',
    ok: [200],
    scoped: alertIn,
    body: () => ({ reason: 'false_positive' }),
  },
  'POST /api/v1/alerts/{id}/assign': {
    perm: 'alerts:write',
    ok: [200, 400],
    scoped: alertIn,
    body: (c) => ({ user: c.self.inspector }),
  },
  'POST /api/v1/alerts/{id}/notes': {
    perm: 'alerts:write',
    ok: [200],
    scoped: alertIn,
    body: () => ({ note: '备注' }),
  },
  'POST /api/v1/webhooks': {
    perm: 'webhooks:manage',
    ok: [200, 201],
    body: (c) => ({ url: `https://hooks.example.cn/new${c.seq()}`, kind: 'standard' }),
  },
  'GET /api/v1/webhooks': { perm: 'webhooks:manage', ok: [200] },
  'POST /api/v1/webhooks/{id}/enable': {
    perm: 'webhooks:manage',
    ok: [200],
    scoped: async (c, w) => ({ id: await endpointIn(c, w) }),
    body: () => ({}),
  },
  'POST /api/v1/webhooks/{id}/disable': {
    perm: 'webhooks:manage',
    ok: [200],
    scoped: async (c, w) => ({ id: await endpointIn(c, w) }),
    body: () => ({}),
  },
  'GET /api/v1/deliveries': { perm: 'webhooks:manage', ok: [200] },
  'POST /api/v1/deliveries/{id}/replay': {
    perm: 'webhooks:manage',
    ok: [200, 409],
    body: () => ({}),
    scoped: async (c, w) => {
      const endpoint = await endpointIn(c, w);
      const r = await c.t.db
        .insertInto('deliveries')
        .values({
          endpoint_id: endpoint,
          message_id: `msg_${c.seq()}`,
          event_type: 'alert.raised',
          event: JSON.stringify({ type: 'alert.raised' }),
          alert_id: null,
          status: 'dead',
          next_attempt_at: new Date(),
          created_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
  'POST /api/v1/roster/import': { perm: 'roster:manage', ok: [200], type: 'text/csv', body: () => 'user,start,end\n' },
  'GET /api/v1/roster/shifts': { perm: 'roster:read', ok: [200] },
  'DELETE /api/v1/roster/shifts/{id}': {
    perm: 'roster:manage',
    ok: [200],
    scoped: async (c, w) => {
      const user = await c.t.db
        .selectFrom('users')
        .select('id')
        .where('name', '=', c.self.duty_officer)
        .executeTakeFirstOrThrow();
      const r = await c.t.db
        .insertInto('roster_shifts')
        .values({
          user_id: user.id,
          starts_at: new Date(),
          ends_at: new Date(Date.now() + 3_600_000),
          district: d(w),
          note: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
  'POST /api/v1/roster/rotations': { perm: 'roster:manage', ok: [200, 400], body: (c) => ({ name: `轮值${c.seq()}` }) },
  'GET /api/v1/roster/on-duty': {
    perm: 'roster:read',
    ok: [200],
    scoped: async (_c, _w) => ({}),
    query: 'firm=__FIRM__',
  },
  'GET /api/v1/escalation-policies': { perm: 'roster:read', ok: [200] },
  // Item 4: policies are edited by the admin-level role only (a district's admin: its district's), never by a duty officer.
  'PUT /api/v1/escalation-policies/{name}': {
    perm: 'escalation:manage',
    ok: [200],
    params: () => ({ name: 'default' }),
    body: () => ({
      levels: [],
      policy: { steps: [{ target: { kind: 'on_duty', tier: 1 }, waitMinutes: 30 }], repeat: 1, ackTimeoutMinutes: 30 },
    }),
  },
  'GET /api/v1/silences': { perm: 'alerts:read', ok: [200] },
  'POST /api/v1/silences': {
    perm: 'silences:manage',
    ok: [200, 201],
    body: () => ({ level: 'blue', endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: '演练' }),
  },
  'POST /api/v1/silences/{id}/cancel': {
    perm: 'silences:manage',
    ok: [200],
    body: () => ({}),
    scoped: async (c, w) => {
      const r = await c.t.db
        .insertInto('silences')
        .values({
          firm_id: null,
          rule: null,
          level: 'blue',
          starts_at: new Date(),
          ends_at: new Date(Date.now() + 3_600_000),
          reason: `${w === 'out' ? SECRET : ''}静默`,
          district: d(w),
          created_by: 't',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
  'GET /api/v1/audit': { perm: 'audit:read', ok: [200] },
  'GET /api/v1/jobs': { perm: 'jobs:run', ok: [200] },
  'POST /api/v1/jobs/{name}/run': {
    perm: 'jobs:run',
    ok: [200],
    params: () => ({ name: 'session-cleanup' }),
    body: () => ({}),
  },
  'POST /api/v1/imports/{kind}': {
    perm: 'imports:write',
    ok: [200],
    params: () => ({ kind: 'inspections' }),
    type: 'text/csv',
    body: (c) => `record_id,firm,date\nM-${c.seq()},本区配送站有限公司,2026-11-03\n`,
  },
  'GET /api/v1/records/unresolved': { perm: 'records:read', ok: [200] },
  'POST /api/v1/records/unresolved/link': {
    perm: 'firms:write',
    ok: [200],
    body: async (c) => {
      const n = c.seq();
      await c.t.db
        .insertInto('inspections')
        .values({
          source: 'matrix',
          record_id: `i${n}`,
          firm_id: null,
          firm_name: `无名站${n}`,
          firm_name_norm: `无名站${n}`,
          firm_uscc: null,
          resolution: 'unresolved',
          district: HOME,
          street: null,
          extra: '{}',
          row_hash: `h${n}`,
          created_at: new Date(),
          updated_at: new Date(),
          date: '2026-11-01',
          kind: null,
          violations: [],
          workers: null,
          amount: null,
          order: null,
          due: null,
          rectified: null,
          status: null,
          inspector: null,
          notes: null,
        })
        .execute();
      return { name: `无名站${n}`, firm: String(c.firm.in) };
    },
  },
  'GET /api/v1/petitions/{id}': {
    perm: 'records:read',
    ok: [200],
    scoped: async (c, w) => {
      const n = c.seq();
      const r = await c.t.db
        .insertInto('petitions')
        .values({
          source: 'matrix',
          record_id: `p${n}`,
          firm_id: c.firm[w],
          firm_name: 'x',
          firm_name_norm: 'x',
          firm_uscc: null,
          resolution: 'resolved',
          district: d(w),
          street: null,
          extra: '{}',
          row_hash: `h${n}`,
          created_at: new Date(),
          updated_at: new Date(),
          received: '2026-11-01',
          channel: null,
          categories: [],
          petitioners: 1,
          summary_masked: w === 'out' ? `${SECRET}诉求` : null,
          summary_sealed: null,
          name_masked: null,
          name_sealed: null,
          phone_masked: null,
          phone_sealed: null,
          id_number_masked: null,
          id_number_sealed: null,
          id_number_valid: null,
          status: null,
          closed: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
  'GET /api/v1/feeds': { perm: 'records:read', ok: [200] },
  // Issue 17 item 5: feed-level alerts, listed within the reader's district.
  'GET /api/v1/feed-alerts': { perm: 'alerts:read', ok: [200] },
  'POST /api/v1/feeds': {
    perm: 'feeds:manage',
    ok: [200, 201],
    body: (c) => ({ name: `源${c.seq()}`, url: `https://news.example.cn/${c.seq()}.xml` }),
  },
  // Item 15: a feed belongs to its district; a district user switches only their district's.
  'POST /api/v1/feeds/{id}/{action}': {
    perm: 'feeds:manage',
    ok: [200],
    body: () => ({}),
    scoped: async (c, w) => ({ id: await feedIn(c, d(w)), action: 'disable' }),
  },
  'GET /api/v1/quarantine': { perm: 'imports:write', ok: [200] },
  'GET /api/v1/imports': { perm: 'imports:write', ok: [200] },
  'GET /api/v1/credit/candidates': { perm: 'credit:read', ok: [200] },
  'GET /api/v1/credit/cases': { perm: 'credit:read', ok: [200] },
  'GET /api/v1/credit/cases/{id}': {
    perm: 'credit:read',
    ok: [200],
    scoped: async (c, w) => ({
      id: (
        await c.t.db
          .insertInto('credit_cases')
          .values({
            firm_id: await firmIn(c, w),
            state: 'proposed',
            evidence_key: `k${c.seq()}`,
            reason: '逾期未支付工资',
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    }),
  },
  'POST /api/v1/credit/cases/{id}/{action}': {
    perm: 'credit:propose',
    ok: [200],
    body: () => ({ reason: '证据不足，撤回' }),
    scoped: async (c, w) => ({
      id: (
        await c.t.db
          .insertInto('credit_cases')
          .values({
            firm_id: await firmIn(c, w),
            state: 'proposed',
            evidence_key: `k${c.seq()}`,
            reason: '逾期未支付工资',
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
      action: 'withdraw',
    }),
  },
  'GET /api/v1/credit-list': { perm: 'credit:read', ok: [200] },
};

let ctx: Ctx;
let headers: Record<Role, Record<string, string>>;
let routes: ApiRoute[];
let app: ReturnType<typeof testApp>;
beforeAll(async () => {
  const t = await openTestDb();
  const here = await insertFirm(t.db, {
    name: '本区配送站有限公司',
    district: HOME,
    street: '晨光路街道',
    uscc: '91310105700010058E',
  });
  const there = await insertFirm(t.db, { name: `${SECRET}配送站有限公司`, district: AWAY, street: '北苑街道' });
  let n = 0;
  const self = {} as Record<Role, string>;
  headers = {} as Record<Role, Record<string, string>>;
  for (const role of ROLES) {
    const u = await userWithToken(t.db, role, { district: HOME });
    self[role] = u.user.name;
    headers[role] = u.headers;
  }
  ctx = { t, firm: { in: here.id, out: there.id }, self, seq: () => ++n };
  app = testApp(t.db);
  routes = await openApiRoutes(app);
  // 邻区 holds one of everything before any list is read, so that a list
  // route leaking across districts shows SECRET in its answer.
  for (const e of Object.values(TABLE)) if (e.scoped) await e.scoped(ctx, 'out');
  await t.db
    .insertInto('inspections')
    .values({
      source: 'matrix',
      record_id: 'secret-1',
      firm_id: null,
      firm_name: `${SECRET}无名站`,
      firm_name_norm: `${SECRET}无名站`,
      firm_uscc: null,
      resolution: 'unresolved',
      district: AWAY,
      street: null,
      extra: '{}',
      row_hash: 'secret',
      created_at: new Date(),
      updated_at: new Date(),
      date: '2026-11-01',
      kind: null,
      violations: [],
      workers: null,
      amount: null,
      order: null,
      due: null,
      rectified: null,
      status: null,
      inspector: null,
      notes: null,
    })
    .execute();
  const away = await userWithToken(t.db, 'admin', { district: null });
  const outAlert = await alertIn(ctx, 'out');
  const note = await app.request(`/api/v1/alerts/${outAlert.id}/notes`, {
    method: 'POST',
    headers: { ...away.headers, 'content-type': json },
    body: JSON.stringify({ note: `${SECRET}内部备注` }),
  });
  expect(note.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await ctx?.t.close();
});

/** The statuses the table allows for this role, place and route. */
function expected(e: Entry, role: Role | null, where: Where): number[] {
  if (e.perm === 'public') return e.ok;
  if (role === null) return [401];
  // Outside the district, "not yours" (404) may come before "not allowed" (403).
  if (e.perm !== 'any' && !roleHas(role, e.perm)) return e.scoped && where === 'out' ? [403, 404] : [403];
  if (e.deny?.includes(role)) return [403, 404];
  // Admins see every district; a 示范区 user is told the object does not exist.
  if (e.scoped && where === 'out' && role !== 'admin') return [404];
  return e.ok;
}

async function call(route: ApiRoute, e: Entry, role: Role | null, where: Where) {
  const params = {
    ...(e.scoped ? await e.scoped(ctx, where) : {}),
    ...(e.params ? await e.params(ctx, role ?? 'admin') : {}),
  };
  const path = fillPath(route.path, (name) => encodeURIComponent(String(params[name])));
  const query = e.query?.replace('__FIRM__', String(ctx.firm[where]));
  const body = await e.body?.(ctx);
  const h: Record<string, string> = { ...(role ? headers[role] : {}) };
  if (body !== undefined) h['content-type'] = e.type ?? json;
  return app.request(query ? `${path}?${query}` : path, {
    method: route.method,
    headers: h,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('rules finer than the permission catalogue', () => {
  it("an admin cannot mint a token for another user; others' tokens are neither listed nor revoked without users:manage (item 5)", async () => {
    const r = await app.request(`/api/v1/users/${encodeURIComponent(ctx.self.approver)}/tokens`, {
      method: 'POST',
      headers: { ...headers.admin, 'content-type': json },
      body: '{}',
    });
    expect(r.status).toBe(403);
    expect(((await r.json()) as any).error.code).toBe('forbidden');
    const other = await createToken(ctx.t.db, SYSTEM_ACTOR, ctx.self.approver, new Date(), 'not yours');
    const revoke = await app.request(`/api/v1/tokens/${other.id}/revoke`, {
      method: 'POST',
      headers: { ...headers.inspector, 'content-type': json },
      body: '{}',
    });
    expect([403, 404]).toContain(revoke.status);
    const list = await app.request(`/api/v1/users/${encodeURIComponent(ctx.self.approver)}/tokens`, {
      headers: headers.inspector,
    });
    expect([403, 404]).toContain(list.status);
  });

  it('a district user cannot switch a city-wide feed (item 15)', async () => {
    const city = await feedIn(ctx, null);
    const r = await app.request(`/api/v1/feeds/${city}/disable`, {
      method: 'POST',
      headers: { ...headers.opinion_staff, 'content-type': json },
      body: '{}',
    });
    expect([403, 404]).toContain(r.status);
    expect(
      (await ctx.t.db.selectFrom('feeds').select('enabled').where('id', '=', city).executeTakeFirstOrThrow()).enabled,
    ).toBe(true);
  });
});

describe('every route × every role × in/out of jurisdiction', () => {
  it('the table knows every route of the OpenAPI document, and nothing else', () => {
    const keys = routes.map((r) => r.key);
    expect(
      keys.filter((k) => !(k in TABLE)),
      'routes without a table entry: add one',
    ).toEqual([]);
    expect(
      Object.keys(TABLE).filter((k) => !keys.includes(k)),
      'table entries for routes that no longer exist',
    ).toEqual([]);
    expect(keys.length).toBeGreaterThan(50);
  });

  it('anonymous callers get 401 on every route but the probes', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const e = TABLE[route.key];
      if (!e) continue;
      const r = await call(route, e, null, 'in');
      const want = expected(e, null, 'in');
      if (!want.includes(r.status)) wrong.push(`${route.key}: ${r.status}, want ${want.join('|')}`);
      if (r.status === 401) expect(((await r.json()) as any).error.code).toBe('unauthorized');
    }
    expect(wrong).toEqual([]);
  });

  it('each role gets the expected status, inside and outside its district, and never sees the other district', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const e = TABLE[route.key];
      if (!e) continue;
      for (const role of ROLES) {
        for (const where of e.scoped ? (['in', 'out'] as const) : (['in'] as const)) {
          const r = await call(route, e, role, where);
          const want = expected(e, role, where);
          const text = await r.text();
          if (!want.includes(r.status))
            wrong.push(`${route.key} as ${role} (${where}): ${r.status} ${text.slice(0, 160)}, want ${want.join('|')}`);
          if (r.status >= 500) wrong.push(`${route.key} as ${role} (${where}): server error`);
          if (r.status >= 400) {
            const err = JSON.parse(text).error;
            if (typeof err?.code !== 'string' || typeof err?.message !== 'string')
              wrong.push(`${route.key} as ${role}: error without {"error":{"code","message"}}`);
          }
          // Reads by a district user carry nothing of the other district.
          if (route.method === 'GET' && role !== 'admin' && r.status === 200 && text.includes(SECRET))
            wrong.push(`${route.key} as ${role} (${where}): shows ${AWAY} data`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
