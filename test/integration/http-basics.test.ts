import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';

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

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as any });

describe('health and readiness', () => {
  it('/healthz answers 200 and /readyz 200 on a migrated database', async () => {
    const app = testApp(t.db);
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = await json(await app.request('/readyz'));
    expect(ready).toEqual({
      status: 200,
      body: { status: 'ready', database: true, pendingMigrations: [], accepting: true, degraded: [] },
    });
  });

  it('/readyz answers 503 while the server is shutting down', async () => {
    const r = await json(await testApp(t.db, { accepting: () => false }).request('/readyz'));
    expect(r.status).toBe(503);
    expect(r.body.accepting).toBe(false);
  });

  it('sets a request id on every answer, echoing a given one', async () => {
    const app = testApp(t.db);
    expect((await app.request('/healthz')).headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    expect(
      (await app.request('/healthz', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id'),
    ).toBe('abc-123');
  });
});

describe('error shape', () => {
  it('unknown route → 404 {"error":{code,message}}; anonymous callers get 401 first', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const r = await json(await testApp(t.db).request('/api/v1/nothing-here', { headers }));
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('/api/v1/nothing-here') });
    const anon = await json(await testApp(t.db).request('/api/v1/nothing-here'));
    expect(anon).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect((await testApp(t.db).request('/no-such-page')).status).toBe(404);
  });

  it('no credentials → 401; malformed or unknown token → 401', async () => {
    const app = testApp(t.db);
    expect((await json(await app.request('/api/v1/firms'))).body.error.code).toBe('unauthorized');
    for (const h of ['Basic abc', 'Bearer qs_not-a-real-token']) {
      const r = await json(await app.request('/api/v1/firms', { headers: { authorization: h } }));
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthorized');
    }
  });

  it('a role without the permission → 403', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const r = await json(await testApp(t.db).request('/api/v1/users', { headers }));
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('users:manage') });
  });

  it('invalid input → 400 naming the field', async () => {
    const { headers } = await userWithToken(t.db, 'admin');
    const r = await json(await testApp(t.db).request('/api/v1/firms?limit=100000', { headers }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid', message: expect.stringContaining('limit') });
    const bad = await json(
      await testApp(t.db).request('/api/v1/users', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x y', role: 'inspector', password: 'short' }),
      }),
    );
    expect(bad.status).toBe(400);
  });

  it('a body over the limit → 413', async () => {
    const { headers } = await userWithToken(t.db, 'admin');
    const big = JSON.stringify({ name: 'a'.repeat(2 * 1024 * 1024) });
    const r = await json(
      await testApp(t.db).request('/api/v1/users', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(big.length) },
        body: big,
      }),
    );
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const r = await json(await testApp(t.db).request('/api/v1/openapi.json'));
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/firms', '/api/v1/firms/{id}', '/api/v1/me', '/readyz']),
    );
    expect(r.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the interactive reference page at /api/docs', async () => {
    const r = await testApp(t.db).request('/api/docs');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('/api/v1/openapi.json');
  });
});
