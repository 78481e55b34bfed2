import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { seedFirms, importText } from '../helpers/ingest.ts';

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const post = (
  app: ReturnType<typeof testApp>,
  path: string,
  headers: Record<string, string>,
  body: string | ReadableStream,
  type: string,
) => app.request(path, { method: 'POST', headers: { ...headers, 'content-type': type }, body });

const PETITIONS = [
  {
    record_id: 'P-1',
    received: '2026年11月18日',
    firm: '快兔晨光路站',
    category: 'wage_arrears',
    petitioners: 15,
    repeat: '是',
    summary: '骑手集体反映站长拖欠工资，联系人电话13812345678',
    name: '张三',
    phone: '13812345678',
    id_number: '11010519491231002X',
  },
  {
    record_id: 'P-2',
    received: '2026-11-19',
    firm: '某某不存在公司',
    category: '封号',
    name: '李四',
    id_number: '110105194912310020',
  },
];
const ndjson = `${PETITIONS.map((p) => JSON.stringify(p)).join('\n')}\n`;

describe('POST /api/v1/imports/{kind}', () => {
  it("imports NDJSON petitions, sealing personal data and stamping the importer's district", async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const r = await post(
      testApp(t.db),
      '/api/v1/imports/petitions?source=petitions-2026-11.ndjson',
      headers,
      ndjson,
      'application/x-ndjson',
    );
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      kind: 'petitions',
      accepted: 2,
      updated: 0,
      duplicates: 0,
      unresolved: 1,
      rejected: [],
      unknown_columns: [],
    });
    const rows = await t.db.selectFrom('petitions').selectAll().orderBy('record_id').execute();
    expect(rows.map((p) => [p.source, p.district, p.petitioners, p.repeat, p.categories])).toEqual([
      ['petitions-2026-11.ndjson', '示范区', 15, true, ['wage_arrears']],
      ['petitions-2026-11.ndjson', '示范区', 1, false, ['account_ban']],
    ]);
    const stored = JSON.stringify(rows);
    for (const secret of ['张三', '13812345678', '11010519491231002X', '李四']) expect(stored).not.toContain(secret);
    expect(rows[0]).toMatchObject({
      name_masked: '张*',
      phone_masked: '138****5678',
      id_number_masked: '110***********002X',
      id_number_valid: true,
      summary_masked: '骑手集体反映站长拖欠工资，联系人电话138****5678',
    });
    expect(rows[1]).toMatchObject({ id_number_valid: false, id_number_masked: '110***********0020' });
  });

  it('shows personal data masked to roles without pii:read, in clear (audited) to those with it', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    await post(testApp(t.db), '/api/v1/imports/petitions', inspector.headers, ndjson, 'application/x-ndjson');
    const id = (
      await t.db.selectFrom('petitions').select('id').where('record_id', '=', 'P-1').executeTakeFirstOrThrow()
    ).id;
    const approver = await userWithToken(t.db, 'approver', { district: '示范区' });
    const masked = (await (
      await testApp(t.db).request(`/api/v1/petitions/${id}`, { headers: approver.headers })
    ).json()) as any;
    expect(masked).toMatchObject({
      unmasked: false,
      petitioner: { name: '张*', phone: '138****5678', idNumber: '110***********002X' },
    });
    expect(masked.summary).not.toContain('13812345678');
    const clear = (await (
      await testApp(t.db).request(`/api/v1/petitions/${id}`, { headers: inspector.headers })
    ).json()) as any;
    expect(clear).toMatchObject({
      unmasked: true,
      petitioner: { name: '张三', phone: '13812345678', idNumber: '11010519491231002X' },
      firm: { name: '晨光路配送站有限公司' },
    });
    const reads = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'object_id'])
      .where('action', '=', 'pii.read')
      .execute();
    expect(reads).toEqual([{ action: 'pii.read', actor_id: inspector.user.id, object_id: String(id) }]);
    const neighbour = await userWithToken(t.db, 'inspector', { district: '邻区' });
    expect((await testApp(t.db).request(`/api/v1/petitions/${id}`, { headers: neighbour.headers })).status).toBe(404);
  });

  it('imports CSV streamed over HTTP and answers the summary with rejected lines', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const csv =
      'record_id,firm,date,violations\nI-1,快兔晨光路站,2026-11-03,wage_arrears\nI-2,快兔晨光路站,2026-13-01,\n';
    const stream = new ReadableStream({
      start(c) {
        for (const ch of csv.match(/[\s\S]{1,7}/g)!) c.enqueue(new TextEncoder().encode(ch));
        c.close();
      },
    });
    const r = await testApp(t.db).request('/api/v1/imports/inspections', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const body = (await r.json()) as any;
    expect(body).toMatchObject({
      accepted: 1,
      rejected: [{ line: 3, reasons: [{ field: 'date', column: '检查日期' }] }],
    });
  });

  it('refuses bodies over the configured limit, unknown kinds and content types, and roles without imports:write', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const small = testApp(t.db, { env: { QIANSHAO_BODY_LIMIT_MB: '0.001' } });
    const big = `record_id,firm,date\n${'I-1,快兔,2026-11-03\n'.repeat(200)}`;
    expect((await post(small, '/api/v1/imports/inspections', headers, big, 'text/csv')).status).toBe(413);
    expect((await post(testApp(t.db), '/api/v1/imports/incidents', headers, 'x', 'text/csv')).status).toBe(400);
    expect((await post(testApp(t.db), '/api/v1/imports/firms', headers, 'x', 'text/plain')).status).toBe(400);
    const manager = await userWithToken(t.db, 'manager', { district: '示范区' });
    expect((await post(testApp(t.db), '/api/v1/imports/firms', manager.headers, 'name\nx', 'text/csv')).status).toBe(
      403,
    );
  });
});

describe('unresolved records', () => {
  it("lists names that resolved to no firm and links them to a firm on a person's word (audited)", async () => {
    const { headers, user } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db);
    await post(app, '/api/v1/imports/petitions', headers, ndjson, 'application/x-ndjson');
    await post(
      app,
      '/api/v1/imports/inspections',
      headers,
      'record_id,firm,date\nI-7,某某不存在公司,2026-11-03\n',
      'text/csv',
    );
    const list = (await (await app.request('/api/v1/records/unresolved', { headers })).json()) as any;
    expect(list.groups.map((g: any) => [g.kind, g.name, g.records])).toEqual([
      ['inspections', '某某不存在公司', 1],
      ['petitions', '某某不存在公司', 1],
    ]);
    const station = await t.db
      .selectFrom('firms')
      .select(['id', 'uscc'])
      .where('name', '=', '晨光路配送站有限公司')
      .executeTakeFirstOrThrow();
    const linked = await app.request('/api/v1/records/unresolved/link', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '某某不存在公司', firm: String(station.id) }),
    });
    expect(await linked.json()).toEqual({ firmId: station.id, linked: 2 });
    expect(((await (await app.request('/api/v1/records/unresolved', { headers })).json()) as any).groups).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'records.link')
      .execute();
    expect(audit).toEqual([{ actor_id: user.id, details: { name: '某某不存在公司', linked: 2 } }]);
    // The linked records now count for the station: it was rescored at once.
    const runs = await t.db
      .selectFrom('score_runs')
      .select(['scope', 'actor_name'])
      .where('reason', '=', 'link')
      .execute();
    expect(runs).toEqual([{ scope: 'touched', actor_name: user.name }]);
    // The name is now an alias of the station for records of this district (an alias a district user made counts there only).
    const again = await post(
      app,
      '/api/v1/imports/inspections?source=later.csv',
      headers,
      'record_id,firm,date\nI-8,某某不存在公司,2026-11-04\n',
      'text/csv',
    );
    expect(((await again.json()) as any).unresolved).toBe(0);
    expect(
      (
        await importText(t.db, 'inspections', 'record_id,firm,date\nI-9,某某不存在公司,2026-11-04\n', {
          source: 'city.csv',
        })
      ).unresolved,
    ).toBe(1);
  });

  it('records that give only an unknown USCC are listed under it and link by it, making no alias', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db);
    const uscc = '91110000600037341L'; // valid check character, not in the registry
    await post(
      app,
      '/api/v1/imports/inspections',
      headers,
      `record_id,uscc,date\nI-U1,${uscc},2026-11-03\nI-U2,${uscc},2026-11-05\n`,
      'text/csv',
    );
    const list = (await (await app.request('/api/v1/records/unresolved', { headers })).json()) as any;
    expect(list.groups.map((g: any) => [g.kind, g.name, g.records])).toEqual([['inspections', uscc, 2]]);
    const station = await t.db
      .selectFrom('firms')
      .select('id')
      .where('name', '=', '晨光路配送站有限公司')
      .executeTakeFirstOrThrow();
    const linked = await app.request('/api/v1/records/unresolved/link', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: uscc, firm: String(station.id) }),
    });
    expect(await linked.json()).toEqual({ firmId: station.id, linked: 2 });
    expect(((await (await app.request('/api/v1/records/unresolved', { headers })).json()) as any).groups).toEqual([]);
    expect(
      await t.db
        .selectFrom('firm_aliases')
        .select('alias')
        .where('firm_id', '=', station.id)
        .where('alias', '=', uscc)
        .execute(),
    ).toEqual([]);
  });

  it('a user of another district neither sees nor links them', async () => {
    const mine = await userWithToken(t.db, 'inspector', { district: '示范区' });
    await post(testApp(t.db), '/api/v1/imports/petitions', mine.headers, ndjson, 'application/x-ndjson');
    const other = await userWithToken(t.db, 'inspector', { district: '邻区' });
    expect(
      ((await (await testApp(t.db).request('/api/v1/records/unresolved', { headers: other.headers })).json()) as any)
        .groups,
    ).toEqual([]);
    const firm = await t.db
      .selectFrom('firms')
      .select('id')
      .where('name', '=', '北苑配送站有限公司')
      .executeTakeFirstOrThrow();
    const r = await testApp(t.db).request('/api/v1/records/unresolved/link', {
      method: 'POST',
      headers: { ...other.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '某某不存在公司', firm: String(firm.id) }),
    });
    expect(r.status).toBe(404);
  });
});
