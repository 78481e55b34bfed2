import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChildDb, withChildDb, type TestDb } from '../helpers/db.ts';
import { runCli } from '../helpers/spawn.ts';
import { FIRMS_CSV } from '../helpers/ingest.ts';
import { testApp, userWithToken } from '../helpers/app.ts';

// Issue 15 item 12: an import names the columns it did not read (summary,
// stderr, console), reads the headers inspectors actually write (违法行为,
// 处理决定 …), and fails (exit 1) when it stored nothing but rejections.

let t: TestDb | undefined;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'qianshao-columns-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
beforeAll(async () => {
  ({ db: t, env } = await openChildDb());
  const firms = await runCli(['import', 'firms', file('firms.csv', FIRMS_CSV), '--json'], env);
  expect(firms.code).toBe(0);
});
afterAll(async () => {
  await t?.close();
});

describe('import columns', () => {
  it('a GBK file with 违法行为/处理决定 stores violation and order, and names the column it did not read', async () => {
    const csv =
      '检查编号,被检查单位,检查日期,违法行为,涉案金额,处理决定,整改期限,办理状态,检查结论\n' +
      'GBK-1,晨光路配送站有限公司,2026-11-03,拖欠工资,"125,000元",责令支付,2026-11-10,逾期未改,已下达指令书\n';
    const r = await runCli(['import', 'inspections', file('gbk.csv', iconv.encode(csv, 'gbk')), '--json'], env);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ kind: 'inspections', accepted: 1, rejected: [], unknown_columns: ['检查结论'] });
    expect(r.stderr).toMatch(/warning: 1 unknown column\(s\) kept as extra, not read: 检查结论/);
    const row = await withChildDb(t, env, (db) =>
      db
        .selectFrom('inspections')
        .select(['violations', 'order', 'amount', 'due', 'status', 'extra'])
        .where('record_id', '=', 'GBK-1')
        .executeTakeFirstOrThrow(),
    );
    expect(row).toMatchObject({ violations: ['wage_arrears'], order: 'pay', status: 'overdue' });
    expect(Number(row.amount)).toBe(125000);
    expect(row.extra).toEqual({ 检查结论: '已下达指令书' });
  });

  it('a file whose every row is rejected exits 1, still printing the summary', async () => {
    const r = await runCli(
      [
        'import',
        'inspections',
        file(
          'bad.csv',
          'record_id,firm,date\nB-1,晨光路配送站有限公司,2026-02-30\nB-2,晨光路配送站有限公司,not a date\n',
        ),
        '--json',
      ],
      env,
    );
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.accepted).toBe(0);
    expect(summary.rejected).toHaveLength(2);
    expect(r.stderr).toContain('every row (2) was rejected');
  });

  it('JSON keys that match no header are named too; a file with good rows exits 0', async () => {
    const json = JSON.stringify([
      {
        record_id: 'J-1',
        firm: '晨光路配送站有限公司',
        date: '2026-11-04',
        violation_type: 'wage_arrears',
        处理决定: '责令改正',
      },
    ]);
    const r = await runCli(['import', 'inspections', file('j.json', json), '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: 1, unknown_columns: ['violation_type'] });
  });
});

describe('import columns over the API and in the console', () => {
  it('the API summary lists unknown columns and the quarantine page warns about them', async () => {
    await withChildDb(t, env, async (db) => {
      const inspector = await userWithToken(db, 'inspector', { district: '示范区' });
      const app = testApp(db);
      const res = await app.request('/api/v1/imports/inspections?source=api-columns.csv', {
        method: 'POST',
        headers: { ...inspector.headers, 'content-type': 'text/csv' },
        body: 'record_id,firm,date,违法行为,备用电话\nA-1,晨光路配送站有限公司,2026-11-05,欠薪,021-1234\n',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: 1, unknown_columns: ['备用电话'] });
      const page = await app.request('/quarantine', { headers: inspector.headers });
      const html = await page.text();
      expect(html).toContain('导入文件中有未识别的列');
      expect(html).toMatch(/api-columns\.csv[^<]*未识别的列：备用电话/);
    });
  });
});
