import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { seedFirms, TEST_SECRET } from '../helpers/ingest.ts';
import { createSealer } from '../../src/crypto/sealer.ts';
import { endpointSealer } from '../../src/delivery/worker.ts';
import { feedUrlSealer } from '../../src/ingest/opinion/feeds-repo.ts';
import { rotateSecretKey } from '../../src/security/rotate-key.ts';

// docs/security.md: rotating QIANSHAO_SECRET_KEY re-seals every sealed value.

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const NEW_KEY = 'rotated-key-9876543210fedcba9876543210fedcba';
const json = (headers: Record<string, string>, body: unknown) => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('secret key rotation', () => {
  it('re-seals petitions, quarantine, webhook and feed secrets and stored versions; the service then reads them with the new key', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const admin = await userWithToken(t.db, 'admin');
    const app = testApp(t.db);
    const row = (v: string) =>
      JSON.stringify({
        record_id: 'P-1',
        received: '2026-11-18',
        firm: '快兔晨光路站',
        name: '张三',
        phone: v,
        备用电话: '13900001111',
      });
    await app.request('/api/v1/imports/petitions', {
      method: 'POST',
      headers: { ...inspector.headers, 'content-type': 'application/x-ndjson' },
      body: `${row('13812345678')}\n{"record_id":"P-2","received":"bad"}\n`,
    });
    // A changed re-import keeps the old version (with its sealed fields) in record_versions.
    await app.request('/api/v1/imports/petitions', {
      method: 'POST',
      headers: { ...inspector.headers, 'content-type': 'application/x-ndjson' },
      body: `${row('13800000000')}\n`,
    });
    await app.request(
      '/api/v1/webhooks',
      json(admin.headers, {
        url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-key-0001',
        kind: 'wecom',
      }),
    );
    await app.request('/api/v1/feeds', json(admin.headers, { name: 'f', url: 'https://u:pw-0002@news.example/rss' }));

    const r = await rotateSecretKey(t.db, TEST_SECRET, NEW_KEY, { id: null, name: 'cli:ops' }, new Date());
    expect(r.values).toBeGreaterThanOrEqual(6);
    expect(r.versions).toBe(1);

    const pii = createSealer(NEW_KEY);
    const p = await t.db.selectFrom('petitions').selectAll().executeTakeFirstOrThrow();
    expect([pii.open(p.name_sealed!), pii.open(p.phone_sealed!), JSON.parse(pii.open(p.extra_sealed!))]).toEqual([
      '张三',
      '13800000000',
      { 备用电话: '13900001111' },
    ]);
    expect(() => createSealer(TEST_SECRET).open(p.name_sealed!)).toThrow();
    const q = await t.db.selectFrom('quarantine').select('raw_sealed').executeTakeFirstOrThrow();
    expect(pii.open(q.raw_sealed)).toContain('P-2');
    const v = await t.db
      .selectFrom('record_versions')
      .select('data')
      .where('kind', '=', 'petitions')
      .executeTakeFirstOrThrow();
    expect(pii.open((v.data as any).phone_sealed)).toBe('13812345678');
    const e = await t.db.selectFrom('webhook_endpoints').select('url_sealed').executeTakeFirstOrThrow();
    expect(endpointSealer(NEW_KEY).open(e.url_sealed!)).toContain('key=wecom-key-0001');
    const f = await t.db.selectFrom('feeds').select('url_sealed').executeTakeFirstOrThrow();
    expect(feedUrlSealer(NEW_KEY).open(f.url_sealed!)).toBe('https://u:pw-0002@news.example/rss');

    const after = testApp(t.db, { env: { QIANSHAO_SECRET_KEY: NEW_KEY } });
    const read = (await (
      await after.request(`/api/v1/petitions/${p.id}`, { headers: inspector.headers })
    ).json()) as any;
    expect(read.petitioner).toMatchObject({ name: '张三', phone: '13800000000' });
    expect(
      await t.db.selectFrom('audit_log').select('action').where('action', '=', 'secret_key.rotate').execute(),
    ).toHaveLength(1);
  });

  it('refuses a wrong old key and changes nothing', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    await testApp(t.db).request('/api/v1/imports/petitions', {
      method: 'POST',
      headers: { ...inspector.headers, 'content-type': 'application/x-ndjson' },
      body: '{"record_id":"P-1","received":"2026-11-18","firm":"快兔晨光路站","name":"张三"}\n',
    });
    const before = await t.db.selectFrom('petitions').select('name_sealed').executeTakeFirstOrThrow();
    await expect(
      rotateSecretKey(
        t.db,
        'not-the-old-key-000000000000000000000000',
        NEW_KEY,
        { id: null, name: 'cli:ops' },
        new Date(),
      ),
    ).rejects.toThrow();
    expect(await t.db.selectFrom('petitions').select('name_sealed').executeTakeFirstOrThrow()).toEqual(before);
  });
});
