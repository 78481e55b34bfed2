import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/db.ts';
import { insertFirm, testApp, userWithToken } from '../helpers/app.ts';
import { ROLES, roleHas, type Role } from '../../src/domain/roles.ts';
import { fillPath, openApiRoutes, type ApiRoute } from './routes.ts';
import { createToken } from '../../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { HOME, AWAY, SECRET, type Where, type Ctx, type Entry, json, alertIn, feedIn } from './route-fixtures.ts';
import { PEOPLE_ROUTES } from './route-table-people.ts';
import { WORK_ROUTES } from './route-table-work.ts';

// Every route of the live OpenAPI document × every role × an object inside
// and outside the caller's district (示范区 / 邻区), against the table below.
// A route the table does not know fails the suite: whoever adds a route
// decides here who may call it and whether it is scoped by jurisdiction.

const TABLE: Record<string, Entry> = { ...PEOPLE_ROUTES, ...WORK_ROUTES };

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
