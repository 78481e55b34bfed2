import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scalarBundle } from '../../src/http/assets.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testApp, userWithToken } from '../helpers/app.ts';

// Issue 13 item 13: scripts come only from files the app serves (no inline
// script, no CDN), the API reference works offline from the installed
// package, and authenticated answers (personal data above all) are not cached.

let t: TestDb;
let alertId = 0,
  petitionId = 0;
const AT = new Date('2026-11-20T02:00:00Z');
beforeAll(async () => {
  t = await openTestDb();
  const firm = await insertFirm(t.db, { name: '示范配送站', district: '示范区', street: '晨光路街道' });
  const [a] = await t.db
    .insertInto('alerts')
    .values({
      firm_id: firm.id,
      rule: 'risk_level',
      category: 'labor',
      level: 'red',
      title: 't',
      fingerprint: 'f',
      score: 80,
      raised_at: AT,
      updated_at: AT,
      ack_due_at: new Date(AT.getTime() + 3_600_000),
    })
    .returning('id')
    .execute();
  alertId = a!.id;
  const [p] = await t.db
    .insertInto('petitions')
    .values({
      source: 't',
      record_id: 'p1',
      firm_id: firm.id,
      firm_name: 'x',
      firm_name_norm: 'x',
      firm_uscc: null,
      resolution: 'resolved',
      district: '示范区',
      street: null,
      extra: '{}',
      row_hash: 'h1',
      created_at: AT,
      updated_at: AT,
      received: '2026-11-19',
      channel: null,
      categories: [],
      petitioners: 1,
      summary_masked: null,
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
    .execute();
  petitionId = p!.id;
});
afterAll(async () => {
  await t?.close();
});

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>/i;
const scriptSrcs = (html: string) => [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/gi)].map((m) => m[1]!);

describe('content security policy', () => {
  it('allows scripts from this origin only, on every page', async () => {
    const { headers } = await userWithToken(t.db, 'admin');
    for (const path of ['/login', '/', `/alerts/${alertId}`, '/firms', '/feeds', '/api/docs']) {
      const r = await testApp(t.db).request(path, { headers: path === '/login' ? {} : headers });
      expect(r.status, path).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc.trim(), path).toBe("'self'");
      expect(csp, path).not.toContain('cdn.jsdelivr.net');
      const html = await r.text();
      expect(html, path).not.toMatch(INLINE_SCRIPT);
      for (const src of scriptSrcs(html)) expect(src, path).toMatch(/^\/assets\//);
    }
  });

  it('the alert queue loads its countdown script from a file the app serves', async () => {
    const { headers } = await userWithToken(t.db, 'admin');
    const html = await (await testApp(t.db).request('/', { headers })).text();
    expect(scriptSrcs(html)).toContain('/assets/countdown.js');
    const js = await testApp(t.db).request('/assets/countdown.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toContain('data-due');
  });

  it('/api/docs serves the pinned, vendored API reference bundle, with its integrity', async () => {
    const html = await (await testApp(t.db).request('/api/docs')).text();
    const [bundle, init] = scriptSrcs(html);
    const { version } = scalarBundle()!;
    expect(bundle).toBe(`/assets/scalar/${version}/standalone.js`);
    expect(html).toMatch(/integrity="sha384-[A-Za-z0-9+/=]+"/);
    const js = await testApp(t.db).request(bundle!);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toContain('createApiReference');
    expect(await (await testApp(t.db).request(init!)).text()).toContain('createApiReference');
    expect(html).toContain('data-url="/api/v1/openapi.json"');
    expect((await testApp(t.db).request('/assets/scalar/0.0.1/standalone.js')).status).toBe(404);
  });
});

describe('caching', () => {
  it('answers carrying unmasked personal data, and authenticated answers generally, are no-store', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const pii = await testApp(t.db).request(`/api/v1/petitions/${petitionId}`, { headers: inspector.headers });
    expect(pii.status).toBe(200);
    expect(((await pii.json()) as any).unmasked).toBe(true);
    expect(pii.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/api/v1/firms', `/api/v1/alerts/${alertId}`, '/', '/firms']) {
      const r = await testApp(t.db).request(path, { headers: inspector.headers });
      expect(r.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});
