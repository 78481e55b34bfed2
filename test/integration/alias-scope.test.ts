import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { importText, seedFirms } from '../helpers/ingest.ts';

// A record resolves only to firms inside the importer's jurisdiction (and
// its own district); an alias added by a district user counts only in that
// district (issue 13, item 3).

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const firm = async (name: string) =>
  (await t.db.selectFrom('firms').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const petition = (id: string, firmName: string) =>
  `${JSON.stringify({ record_id: id, received: '2026-11-18', firm: firmName, category: 'wage_arrears', name: '王五', phone: '13912345678', id_number: '11010519491231002X' })}\n`;
const importAs = (headers: Record<string, string>, body: string) =>
  testApp(t.db).request('/api/v1/imports/petitions', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-ndjson' },
    body,
  });
const stored = (recordId: string) =>
  t.db
    .selectFrom('petitions')
    .select(['id', 'firm_id', 'district', 'resolution'])
    .where('record_id', '=', recordId)
    .executeTakeFirstOrThrow();

describe('alias planting', () => {
  it('a 示范区 alias naming a 邻区 station does not pull 邻区 petitions (and their personal data) into 示范区', async () => {
    const home = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const next = await userWithToken(t.db, 'inspector', { district: '邻区' });
    const homeFirm = await firm('晨光路配送站有限公司');
    const planted = await testApp(t.db).request(`/api/v1/firms/${homeFirm}/aliases`, {
      method: 'POST',
      headers: { ...home.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ alias: '北苑神秘配送站' }),
    });
    expect(planted.status).toBe(200);

    expect((await importAs(next.headers, petition('N-1', '北苑神秘配送站'))).status).toBe(200);
    const rec = await stored('N-1');
    expect(rec).toMatchObject({ firm_id: null, district: '邻区', resolution: 'unresolved' });
    expect((await testApp(t.db).request(`/api/v1/petitions/${rec.id}`, { headers: home.headers })).status).toBe(404);
    const own = await testApp(t.db).request(`/api/v1/petitions/${rec.id}`, { headers: next.headers });
    expect(own.status).toBe(200);
    expect(((await own.json()) as any).petitioner.phone).toBe('13912345678');

    // In its own district the alias works.
    expect((await importAs(home.headers, petition('H-1', '北苑神秘配送站'))).status).toBe(200);
    expect((await stored('H-1')).firm_id).toBe(homeFirm);
    // A city-wide import (the CLI) does not use a district's alias either.
    await importText(t.db, 'petitions', petition('C-1', '北苑神秘配送站'), { format: 'ndjson' });
    expect((await stored('C-1')).firm_id).toBeNull();
  });

  it("a district user's records never resolve to another district's firm, by name or by USCC", async () => {
    const home = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const next = await userWithToken(t.db, 'inspector', { district: '邻区' });
    expect((await importAs(home.headers, petition('H-2', '北苑配送站有限公司'))).status).toBe(200);
    expect(await stored('H-2')).toMatchObject({ firm_id: null, district: '示范区' });
    const csv = 'record_id,uscc,date,district\nI-1,91310105700010058E,2026-11-03,\n';
    const r = await testApp(t.db).request('/api/v1/imports/inspections', {
      method: 'POST',
      headers: { ...next.headers, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(((await r.json()) as any).unresolved).toBe(1);
    // The same records resolve for the district they belong to.
    expect((await importAs(next.headers, petition('N-2', '北苑配送站有限公司'))).status).toBe(200);
    expect((await stored('N-2')).firm_id).toBe(await firm('北苑配送站有限公司'));
  });

  it('a city-level importer resolves a record inside the district it names', async () => {
    const city = await userWithToken(t.db, 'inspector', { district: null });
    const csv =
      'record_id,firm,date,district\nI-2,北苑配送站有限公司,2026-11-03,示范区\nI-3,北苑配送站有限公司,2026-11-03,邻区\n';
    const r = await testApp(t.db).request('/api/v1/imports/inspections', {
      method: 'POST',
      headers: { ...city.headers, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(((await r.json()) as any).unresolved).toBe(1);
    const rows = await t.db.selectFrom('inspections').select(['record_id', 'firm_id']).orderBy('record_id').execute();
    expect(rows).toEqual([
      { record_id: 'I-2', firm_id: null },
      { record_id: 'I-3', firm_id: await firm('北苑配送站有限公司') },
    ]);
  });
});
