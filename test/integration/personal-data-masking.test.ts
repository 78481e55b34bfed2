import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { seedFirms } from '../helpers/ingest.ts';

// Issue 13 item 7 (rejection reasons, petitions' unknown columns, e-mail
// addresses in summaries) and item 15 (undecodable bytes are reported by line).

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const post = (path: string, headers: Record<string, string>, body: string | Uint8Array, type: string) =>
  testApp(t.db).request(path, { method: 'POST', headers: { ...headers, 'content-type': type }, body });

describe('personal data in rejection reasons', () => {
  it("masks phones, ID numbers, e-mail addresses and the row's own name in reasons, stored and returned", async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const rows = [
      // A shifted row: the phone sits in the date column, the ID number in the count.
      { record_id: 'P-1', received: '13812345678', firm: '快兔晨光路站', name: '王小明', phone: '13812345678' },
      { record_id: 'P-2', received: '2026-11-19', firm: '快兔晨光路站', petitioners: '11010519491231002X' },
      { record_id: 'P-3', received: 'zhang.wei@example.com', firm: '快兔晨光路站' },
      { record_id: 'P-4', received: '王小明', firm: '快兔晨光路站', name: '王小明' },
    ];
    const r = await post(
      '/api/v1/imports/petitions',
      headers,
      `${rows.map((x) => JSON.stringify(x)).join('\n')}\n`,
      'application/x-ndjson',
    );
    expect(r.status).toBe(200);
    const returned = JSON.stringify(await r.json());
    const stored = JSON.stringify(await t.db.selectFrom('quarantine').select(['reasons', 'raw_preview']).execute());
    const api = JSON.stringify(await (await testApp(t.db).request('/api/v1/quarantine', { headers })).json());
    for (const text of [returned, stored, api]) {
      for (const secret of ['13812345678', '11010519491231002X', 'zhang.wei@example.com', '王小明'])
        expect(text).not.toContain(secret);
    }
    expect(returned).toContain('138****5678');
    expect(returned).toContain('z***@example.com');
    expect(JSON.parse(returned).rejected.map((x: any) => x.line)).toEqual([1, 2, 3, 4]);
  });
});

describe("petitions' unknown columns and summaries", () => {
  it('seals unknown columns, shows them masked, and in clear (audited) only to pii:read', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const csv =
      '信访编号,登记日期,被反映单位,诉求摘要,信访人,备用身份证,联系人手机,紧急联系人\n' +
      'P-9,2026-11-18,快兔晨光路站,欠薪，请回复 li.si@qq.com 或 13987654321,李四,110105194912310020,13987654321,赵六\n';
    const r = await post('/api/v1/imports/petitions', inspector.headers, csv, 'text/csv');
    expect(r.status).toBe(200);
    const row = await t.db.selectFrom('petitions').selectAll().where('record_id', '=', 'P-9').executeTakeFirstOrThrow();
    const atRest = JSON.stringify({ extra: row.extra, summary: row.summary_masked });
    for (const secret of ['110105194912310020', '13987654321', '赵六', 'li.si@qq.com'])
      expect(atRest).not.toContain(secret);
    expect(row.extra_sealed).toMatch(/^v1\./);
    expect(row.summary_masked).toContain('l***@qq.com');

    const approver = await userWithToken(t.db, 'approver', { district: '示范区' });
    const masked = (await (
      await testApp(t.db).request(`/api/v1/petitions/${row.id}`, { headers: approver.headers })
    ).json()) as any;
    expect(masked.extra).toEqual({ 备用身份证: '110***********0020', 联系人手机: '139****4321', 紧急联系人: '赵*' });
    const clear = (await (
      await testApp(t.db).request(`/api/v1/petitions/${row.id}`, { headers: inspector.headers })
    ).json()) as any;
    expect(clear.extra).toEqual({ 备用身份证: '110105194912310020', 联系人手机: '13987654321', 紧急联系人: '赵六' });
  });
});

describe('undecodable bytes', () => {
  it('a UTF-8 file with one bad byte: that line is rejected by number, the others keep their Chinese', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const enc = (s: string) => Buffer.from(s, 'utf8');
    const body = Buffer.concat([
      enc('record_id,firm,date,notes\nI-1,快兔晨光路站,2026-11-03,正常检查\nI-2,快兔晨光路站,2026-11-04,坏'),
      Buffer.from([0xff, 0xfe]),
      enc('字节\nI-3,快兔晨光路站,2026-11-05,复查完毕\n'),
    ]);
    const r = await post('/api/v1/imports/inspections', headers, new Uint8Array(body), 'text/csv');
    const summary = (await r.json()) as any;
    expect(summary.accepted).toBe(2);
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0].line).toBe(3);
    expect(summary.rejected[0].reasons[0].message).toMatch(/line 3.*not valid UTF-8/);
    const notes = await t.db
      .selectFrom('inspections')
      .select(['record_id', 'notes', 'firm_id'])
      .orderBy('record_id')
      .execute();
    expect(notes.map((n) => n.notes)).toEqual(['正常检查', '复查完毕']);
    expect(notes.every((n) => n.firm_id !== null)).toBe(true);
  });
});
