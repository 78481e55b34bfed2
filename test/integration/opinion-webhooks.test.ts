import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';

// Issue 15 item 11: opinion-response staff manage their district's robots
// and webhooks (role permission + jurisdiction, audited).

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

describe('webhooks for opinion-response staff', () => {
  it("registers one for their district (audited), sees only their district's, and the console page opens", async () => {
    const opinion = await userWithToken(t.db, 'opinion_staff', { district: '示范区' });
    const other = await userWithToken(t.db, 'opinion_staff', { district: '邻区' });
    const app = testApp(t.db);
    const post = (headers: Record<string, string>, url: string) =>
      app.request('/api/v1/webhooks', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ url, kind: 'wecom' }),
      });
    const created = await post(opinion.headers, 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc');
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: number };
    expect(
      (await t.db.selectFrom('webhook_endpoints').select('district').where('id', '=', id).executeTakeFirstOrThrow())
        .district,
    ).toBe('示范区');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('object_type', '=', 'webhook')
      .execute();
    expect(audit).toContainEqual({ action: 'webhook.create', actor_name: opinion.user.name });

    const mine = (await (await app.request('/api/v1/webhooks', { headers: opinion.headers })).json()) as any;
    const theirs = (await (await app.request('/api/v1/webhooks', { headers: other.headers })).json()) as any;
    expect(JSON.stringify(mine)).toContain(`"id":${id}`);
    expect(JSON.stringify(theirs)).not.toContain(`"id":${id}`);

    const page = await app.request('/webhooks', { headers: opinion.headers });
    expect(page.status).toBe(200);
    // An inspector still may not.
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    expect((await app.request('/webhooks', { headers: inspector.headers })).status).toBe(403);
  });
});
