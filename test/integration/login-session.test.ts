import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { sha256 } from '../../src/users/secrets.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.reset();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const cookieOf = (r: Response) => r.headers.get('set-cookie')?.split(';')[0] ?? '';

describe('console login', () => {
  it('logs in with a password, sets an HttpOnly SameSite cookie and shows who is logged in', async () => {
    const { user } = await userWithToken(t.db, 'inspector', { district: '示范区', streets: ['晨光路街道'] });
    const app = testApp(t.db);
    const r = await app.request('/login', form({ name: user.name, password: 'correct-horse-battery', next: '/?q=x' }));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/?q=x');
    const setCookie = r.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/qs_session=qss_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const home = await app.request('/', { headers: { cookie: cookieOf(r) } });
    const html = await home.text();
    expect(html).toContain(user.name);
    expect(html).toContain('劳动保障监察员');
    expect(html).toContain('晨光路街道');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'session.login')
      .execute();
    expect(audit).toEqual([{ action: 'session.login', actor_id: user.id }]);
  });

  it('stores only the hash of session ids and tokens', async () => {
    const { user, token } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const r = await testApp(t.db).request('/login', form({ name: user.name, password: 'correct-horse-battery' }));
    const sid = cookieOf(r).split('=')[1]!;
    const sessions = await t.db.selectFrom('sessions').select('id_hash').execute();
    expect(sessions).toEqual([{ id_hash: sha256(sid) }]);
    const tokens = await t.db.selectFrom('api_tokens').select(['token_hash', 'prefix']).execute();
    expect(tokens[0]!.token_hash).toBe(sha256(token));
    expect(JSON.stringify(tokens)).not.toContain(token);
  });

  it('refuses a wrong password with the same message as an unknown user, and audits it', async () => {
    const { user } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db);
    const wrong = await app.request('/login', form({ name: user.name, password: 'nope-nope-nope' }));
    const unknown = await app.request('/login', form({ name: 'ghost', password: 'nope-nope-nope' }));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.text()).toContain('用户名或密码错误');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const failed = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'session.login_failed')
      .execute();
    expect(failed).toHaveLength(2);
  });

  it('rate-limits failed logins: after the limit even the right password is refused', async () => {
    const { user } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db, { env: { QIANSHAO_LOGIN_MAX_FAILURES: '3' } });
    for (let i = 0; i < 3; i++)
      expect((await app.request('/login', form({ name: user.name, password: `bad-${i}-password` }))).status).toBe(401);
    const blocked = await app.request('/login', form({ name: user.name, password: 'correct-horse-battery' }));
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('登录失败次数过多');
  });

  it('forms posted with the session cookie need the CSRF token', async () => {
    const { user } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db);
    const cookie = cookieOf(await app.request('/login', form({ name: user.name, password: 'correct-horse-battery' })));
    const forged = await app.request('/logout', { ...form({}), headers: { ...form({}).headers, cookie } });
    expect(forged.status).toBe(403);
    const page = await (await app.request('/', { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const ok = await app.request('/logout', { ...form({ _csrf: csrf }), headers: { ...form({}).headers, cookie } });
    expect(ok.status).toBe(303);
    expect((await app.request('/', { headers: { cookie } })).status).toBe(303);
  });

  it('never redirects off-site after login', async () => {
    const { user } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const r = await testApp(t.db).request(
      '/login',
      form({ name: user.name, password: 'correct-horse-battery', next: '//evil.example/' }),
    );
    expect(r.headers.get('location')).toBe('/');
  });

  it('switches the console to English and back', async () => {
    const app = testApp(t.db);
    const en = await app.request('/login?lang=en');
    expect(await en.text()).toContain('Log in');
    expect(en.headers.get('set-cookie')).toContain('qs_lang=en');
    expect(await (await app.request('/login')).text()).toContain('登录');
  });
});
