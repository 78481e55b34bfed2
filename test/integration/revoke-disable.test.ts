import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';

// Revoking a token and disabling a user take effect on the next request,
// through the API and the console, audited (issue 13, item 9).

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

const call = async (headers: Record<string, string>, method: string, path: string) => {
  const r = await testApp(t.db).request(`/api/v1${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : '{}',
  });
  return { status: r.status, body: (await r.json()) as any };
};
const form = (fields: Record<string, string>, cookie = '') => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(fields).toString(),
});
async function session(name: string) {
  const r = await testApp(t.db).request('/login', form({ name, password: 'correct-horse-battery' }));
  expect(r.status).toBe(303);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await testApp(t.db).request('/admin/users', { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' };
}

describe('token revocation', () => {
  it('an admin revokes any token, a user their own; the token stops at once', async () => {
    const admin = await userWithToken(t.db, 'admin', { district: '示范区' });
    const officer = await userWithToken(t.db, 'duty_officer', { district: '邻区' });
    const other = await userWithToken(t.db, 'inspector', { district: '邻区' });
    expect((await call(officer.headers, 'GET', '/me')).status).toBe(200);
    const tokens = (await call(admin.headers, 'GET', `/users/${officer.user.name}/tokens`)).body.tokens;
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(officer.token);
    // Someone else's token: not theirs to list or revoke.
    expect((await call(other.headers, 'GET', `/users/${officer.user.name}/tokens`)).status).toBe(403);
    expect((await call(other.headers, 'POST', `/tokens/${tokens[0].id}/revoke`)).status).toBe(404);
    expect((await call(officer.headers, 'GET', '/me')).status).toBe(200);
    expect((await call(admin.headers, 'POST', `/tokens/${tokens[0].id}/revoke`)).body).toMatchObject({
      user: officer.user.name,
      revoked: true,
    });
    expect((await call(officer.headers, 'GET', '/me')).status).toBe(401);
    // A user revokes their own.
    const own = (await call(other.headers, 'GET', `/users/${other.user.name}/tokens`)).body.tokens[0].id;
    expect((await call(other.headers, 'POST', `/tokens/${own}/revoke`)).status).toBe(200);
    expect((await call(other.headers, 'GET', '/me')).status).toBe(401);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'token.revoke')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'token.revoke', actor_id: admin.user.id },
      { action: 'token.revoke', actor_id: other.user.id },
    ]);
  });
});

describe('disabling a user', () => {
  it("stops the user's sessions and tokens at once; only an admin may, never on themself; enabling restores the tokens", async () => {
    const admin = await userWithToken(t.db, 'admin');
    const officer = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    const manager = await userWithToken(t.db, 'manager', { district: '示范区' });
    const s = await session(officer.user.name);
    expect((await testApp(t.db).request('/api/v1/me', { headers: { cookie: s.cookie } })).status).toBe(200);

    expect((await call(manager.headers, 'POST', `/users/${officer.user.name}/disable`)).status).toBe(403);
    expect((await call(admin.headers, 'POST', `/users/${admin.user.name}/disable`)).status).toBe(409);
    expect((await call(admin.headers, 'POST', `/users/${officer.user.name}/disable`)).body).toMatchObject({
      disabled: true,
    });
    expect((await call(officer.headers, 'GET', '/me')).status).toBe(401);
    expect((await testApp(t.db).request('/api/v1/me', { headers: { cookie: s.cookie } })).status).toBe(401);
    expect(
      (await testApp(t.db).request('/login', form({ name: officer.user.name, password: 'correct-horse-battery' })))
        .status,
    ).toBe(401);

    expect((await call(admin.headers, 'POST', `/users/${officer.user.name}/enable`)).body).toMatchObject({
      disabled: false,
    });
    expect((await call(officer.headers, 'GET', '/me')).status).toBe(200);
    // The ended session does not come back.
    expect((await testApp(t.db).request('/api/v1/me', { headers: { cookie: s.cookie } })).status).toBe(401);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'object_id'])
      .where('action', 'in', ['user.disable', 'user.enable'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'user.disable', actor_id: admin.user.id, object_id: String(officer.user.id) },
      { action: 'user.enable', actor_id: admin.user.id, object_id: String(officer.user.id) },
    ]);
  });

  it('the console users page disables a user and revokes a token with a button (CSRF-checked)', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const officer = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    const s = await session(admin.user.name);
    const page = await (await testApp(t.db).request('/admin/users', { headers: { cookie: s.cookie } })).text();
    expect(page).toContain(`action="/admin/users/${officer.user.name}/disable"`);
    const tokenId = (
      await t.db.selectFrom('api_tokens').select('id').where('user_id', '=', officer.user.id).executeTakeFirstOrThrow()
    ).id;
    expect(page).toContain(`action="/admin/users/tokens/${tokenId}/revoke"`);
    expect((await testApp(t.db).request(`/admin/users/tokens/${tokenId}/revoke`, form({}, s.cookie))).status).toBe(403);
    expect(
      (await testApp(t.db).request(`/admin/users/tokens/${tokenId}/revoke`, form({ _csrf: s.csrf }, s.cookie))).status,
    ).toBe(200);
    expect((await call(officer.headers, 'GET', '/me')).status).toBe(401);
    const off = await testApp(t.db).request(
      `/admin/users/${officer.user.name}/disable`,
      form({ _csrf: s.csrf }, s.cookie),
    );
    expect(await off.text()).toContain('已停用');
    expect(
      (await t.db.selectFrom('users').select('disabled').where('id', '=', officer.user.id).executeTakeFirstOrThrow())
        .disabled,
    ).toBe(true);
  });
});
