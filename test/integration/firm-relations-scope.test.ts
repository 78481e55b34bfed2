import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { seedFirms } from '../helpers/ingest.ts';

// Issue 15 item 8: a street-level inspector sees that a station's platform
// exists but lies outside their streets, instead of 关联关系 "无".

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

describe('relations outside the jurisdiction', () => {
  it('the firm page and the API say a relation exists outside, without naming it', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区', streets: ['松涛镇'] });
    const firm = await t.db
      .selectFrom('firms')
      .select('id')
      .where('name', '=', '松涛劳务派遣有限公司')
      .executeTakeFirstOrThrow();
    const app = testApp(t.db);
    const api = (await (await app.request(`/api/v1/firms/${firm.id}`, { headers: inspector.headers })).json()) as any;
    expect(api.platforms).toEqual([]);
    expect(api.outside).toEqual({ platforms: 1, partners: 0 });

    const html = await (await app.request(`/firms/${firm.id}`, { headers: inspector.headers })).text();
    const section = html.slice(html.indexOf('关联关系'), html.indexOf('</p>', html.indexOf('data-outside')) + 4);
    expect(section).toContain('另有 1 家关联平台企业在您的辖区之外');
    expect(section).not.toContain('<p>无</p>');
    expect(html).not.toContain('快兔跑腿（上海）网络科技有限公司');

    // The platform's own inspector sees the link itself, and nothing "outside".
    const city = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const all = (await (await app.request(`/api/v1/firms/${firm.id}`, { headers: city.headers })).json()) as any;
    expect(all.platforms).toHaveLength(1);
    expect(all.outside).toEqual({ platforms: 0, partners: 0 });
  });
});
