import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';

// Issue 13 items 14 and 15: feeds have a jurisdiction; in demo mode feeds
// point only at the demo's own documents and the inbox needs a login; the
// OpenAPI document names the import route once.

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

const call = (env: Record<string, string>, path: string, headers: Record<string, string>, body?: unknown) =>
  testApp(t.db, { env }).request(
    path,
    body === undefined
      ? { headers }
      : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );

describe('feed jurisdiction', () => {
  it("a district opinion user sees city-wide feeds but cannot disable them; changes only their own district's", async () => {
    const admin = await userWithToken(t.db, 'admin');
    const here = await userWithToken(t.db, 'opinion_staff', { district: '示范区' });
    const there = await userWithToken(t.db, 'opinion_staff', { district: '邻区' });
    const city = (await (
      await call({}, '/api/v1/feeds', admin.headers, { name: '全市舆情', url: 'https://news.example/city.xml' })
    ).json()) as any;
    expect(city.district).toBeNull();
    const own = (await (
      await call({}, '/api/v1/feeds', here.headers, { name: '示范区舆情', url: 'https://news.example/here.xml' })
    ).json()) as any;
    expect(own.district).toBe('示范区');
    const theirs = (await (
      await call({}, '/api/v1/feeds', there.headers, { name: '邻区舆情', url: 'https://news.example/there.xml' })
    ).json()) as any;

    const seen = ((await (await call({}, '/api/v1/feeds', here.headers)).json()) as any).feeds
      .map((f: any) => f.name)
      .sort();
    expect(seen).toEqual(['全市舆情', '示范区舆情'].sort());
    expect((await call({}, `/api/v1/feeds/${city.id}/disable`, here.headers, {})).status).toBe(404);
    expect((await call({}, `/api/v1/feeds/${theirs.id}/disable`, here.headers, {})).status).toBe(404);
    expect((await call({}, `/api/v1/feeds/${own.id}/disable`, here.headers, {})).status).toBe(200);
    const rows = await t.db.selectFrom('feeds').select(['name', 'enabled']).orderBy('name').execute();
    expect(Object.fromEntries(rows.map((r) => [r.name, r.enabled]))).toEqual({
      全市舆情: true,
      示范区舆情: false,
      邻区舆情: true,
    });
    // The console page offers no button for a feed the user may not change.
    const page = await (await call({}, '/feeds', here.headers)).text();
    expect(page).not.toContain(`/feeds/${city.id}/disable`);
    expect(page).toContain(`/feeds/${own.id}/enable`);
    // City-level users change any feed.
    expect((await call({}, `/api/v1/feeds/${theirs.id}/disable`, admin.headers, {})).status).toBe(200);
  });
});

describe('demo mode', () => {
  const DEMO = { QIANSHAO_DEMO: '1', PORT: '8787', QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8,::1/128' };

  it("lets feeds point only at the demo's own feed paths on this server", async () => {
    const opinion = await userWithToken(t.db, 'opinion_staff', { district: '示范区' });
    const refused = [
      'http://127.0.0.1:22/',
      'http://127.0.0.1:6379/demo/feeds/news.xml',
      'http://localhost:5432/x',
      'http://127.0.0.1:8787/api/v1/feeds',
      'https://news.example/rss',
    ];
    for (const [i, url] of refused.entries()) {
      const r = await call(DEMO, '/api/v1/feeds', opinion.headers, { name: `probe-${i}`, url });
      expect(r.status, url).toBe(400);
    }
    expect(await t.db.selectFrom('feeds').select('id').execute()).toEqual([]);
    const ok = await call(DEMO, '/api/v1/feeds', opinion.headers, {
      name: 'demo-copy',
      url: 'http://127.0.0.1:8787/demo/feeds/news.xml',
    });
    expect(ok.status).toBe(201);
    // Outside demo mode the rule does not apply: a public feed URL is fine.
    expect(
      (await call({}, '/api/v1/feeds', opinion.headers, { name: 'real', url: 'https://news.example/rss' })).status,
    ).toBe(201);
  });

  it('/demo/inbox needs a login', async () => {
    const anonymous = await call(DEMO, '/demo/inbox', {});
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    expect((await call(DEMO, '/demo/inbox', inspector.headers)).status).toBe(200);
  });
});

describe('OpenAPI document', () => {
  it('lists the import route once under /api/v1', async () => {
    const doc = (await (await call({}, '/api/v1/openapi.json', {})).json()) as any;
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/api/v1/imports/{kind}');
    expect(paths.filter((p) => p.startsWith('/api/v1/api/v1'))).toEqual([]);
  });
});
