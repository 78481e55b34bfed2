import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testApp, userWithToken } from '../helpers/app.ts';

let t: TestDb;
let here: { id: number }, there: { id: number }, otherStreet: { id: number };
beforeAll(async () => {
  t = await openTestDb();
  here = await insertFirm(t.db, {
    name: '示范配送站',
    district: '示范区',
    street: '晨光路街道',
    uscc: '91310105700010058E',
  });
  otherStreet = await insertFirm(t.db, { name: '示范另一站', district: '示范区', street: '松涛镇' });
  there = await insertFirm(t.db, { name: '邻区配送站', district: '邻区', street: '北苑街道' });
});
afterAll(async () => {
  await t?.close();
});

const get = async (path: string, headers: Record<string, string>) => {
  const r = await testApp(t.db).request(path, { headers });
  return { status: r.status, body: (await r.json()) as any };
};

describe('jurisdiction on firm reads', () => {
  it('a district user reads a firm of their district, by id and by USCC', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    expect((await get(`/api/v1/firms/${here.id}`, headers)).body.name).toBe('示范配送站');
    expect((await get('/api/v1/firms/91310105700010058e', headers)).body.id).toBe(here.id);
  });

  it('a user of another district cannot read the firm: 404, as if it did not exist', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '邻区' });
    const r = await get(`/api/v1/firms/${here.id}`, headers);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    const list = await get('/api/v1/firms', headers);
    expect(list.body.firms.map((f: any) => f.id)).toEqual([there.id]);
  });

  it('a street-limited user sees only their streets', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区', streets: ['松涛镇'] });
    expect((await get(`/api/v1/firms/${here.id}`, headers)).status).toBe(404);
    expect((await get(`/api/v1/firms/${otherStreet.id}`, headers)).status).toBe(200);
    expect((await get('/api/v1/firms', headers)).body.firms.map((f: any) => f.id)).toEqual([otherStreet.id]);
  });

  it('admins and city-level users see every district', async () => {
    for (const [role, place] of [
      ['admin', { district: '示范区' }],
      ['manager', { district: null }],
    ] as const) {
      const { headers } = await userWithToken(t.db, role, place);
      const ids = (await get('/api/v1/firms', headers)).body.firms.map((f: any) => f.id);
      expect(ids).toEqual([here.id, otherStreet.id, there.id]);
    }
  });

  it('relations only show partners inside the jurisdiction', async () => {
    await t.db
      .insertInto('firm_links')
      .values([
        { platform_id: here.id, partner_id: there.id, kind: 'agency' },
        { platform_id: here.id, partner_id: otherStreet.id, kind: 'agency' },
      ])
      .execute();
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const r = await get(`/api/v1/firms/${here.id}`, headers);
    expect(r.body.partners.map((p: any) => p.id)).toEqual([otherStreet.id]);
  });

  it('keyset pagination walks every firm once', async () => {
    const { headers } = await userWithToken(t.db, 'admin');
    const first = await get('/api/v1/firms?limit=2', headers);
    expect(first.body.firms).toHaveLength(2);
    const second = await get(`/api/v1/firms?limit=2&after=${first.body.next}`, headers);
    expect([...first.body.firms, ...second.body.firms].map((f: any) => f.id)).toEqual([
      here.id,
      otherStreet.id,
      there.id,
    ]);
    expect(second.body.next).toBeNull();
  });
});
