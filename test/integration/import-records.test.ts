import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { FIRMS_CSV, TEST_SECRET, seedFirms, gbk, importText } from '../helpers/ingest.ts';
import { createSealer } from '../../src/crypto/sealer.ts';
import { RECORD_COLUMNS } from '../../src/ingest/record-columns.ts';

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const INSPECTIONS_HEAD = '检查编号,单位名称,检查日期,检查类型,违法事项,涉及人数,涉及金额,处理措施,整改期限,状态\n';
const inspection = (id: string, firm: string, amount = '1.2万') =>
  `${id},${firm},2026/11/3,举报投诉,拖欠工资、未缴社会保险,12,${amount},责令支付,2026-11-10,逾期未改\n`;

describe('firm registry import', () => {
  it('stores firms with aliases and platform → partner links resolved by name, alias or USCC', async () => {
    const firms = await t.db
      .selectFrom('firms')
      .select(['id', 'name', 'role', 'uscc', 'district'])
      .orderBy('id')
      .execute();
    expect(firms.map((f) => f.name)).toEqual([
      '快兔跑腿（上海）网络科技有限公司',
      '晨光路配送站有限公司',
      '松涛劳务派遣有限公司',
      '北苑配送站有限公司',
    ]);
    const links = await t.db
      .selectFrom('firm_links')
      .select(['platform_id', 'partner_id', 'kind'])
      .orderBy('partner_id')
      .execute();
    expect(links).toEqual([
      { platform_id: firms[0]!.id, partner_id: firms[1]!.id, kind: 'agency' },
      { platform_id: firms[0]!.id, partner_id: firms[2]!.id, kind: 'dispatch' },
      { platform_id: firms[0]!.id, partner_id: firms[3]!.id, kind: 'agency' },
    ]);
    const aliases = await t.db.selectFrom('firm_aliases').select('alias').orderBy('alias').execute();
    expect(aliases.map((a) => a.alias)).toEqual(['快兔', '快兔晨光路站', '快兔跑腿']);
  });

  it('links a partner once its platform arrives in a later import', async () => {
    const first = await importText(
      t.db,
      'firms',
      '单位名称,类型,关联平台\n蓝鲸站有限公司,代理商,蓝鲸货运科技有限公司\n',
      { source: 'b.csv' },
    );
    expect(first.unresolved).toBe(1);
    await importText(t.db, 'firms', '单位名称,类型\n蓝鲸货运科技有限公司,平台\n', { source: 'c.csv' });
    const link = await t.db
      .selectFrom('firm_links')
      .innerJoin('firms as p', 'p.id', 'firm_links.platform_id')
      .select('p.name')
      .where('kind', '=', 'agency')
      .where(
        'partner_id',
        '=',
        (await t.db.selectFrom('firms').select('id').where('name', '=', '蓝鲸站有限公司').executeTakeFirstOrThrow()).id,
      )
      .execute();
    expect(link).toEqual([{ name: '蓝鲸货运科技有限公司' }]);
  });

  it('re-importing the registry is idempotent; a changed row updates the firm and keeps the old version', async () => {
    const again = await importText(t.db, 'firms', FIRMS_CSV);
    expect(again).toMatchObject({ accepted: 0, updated: 0, duplicates: 4 });
    const changed = await importText(t.db, 'firms', FIRMS_CSV.replace('示范区,松涛镇', '示范区,晨光路街道'));
    expect(changed).toMatchObject({ accepted: 0, updated: 1, duplicates: 3 });
    const versions = await t.db.selectFrom('record_versions').select(['kind', 'data']).execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]!.data).toMatchObject({ name: '松涛劳务派遣有限公司', street: '松涛镇' });
  });
});

describe('inspection import', () => {
  it('reads GBK CSV with Chinese headers, resolves firms by alias and name, counts duplicates in the file', async () => {
    const csv =
      INSPECTIONS_HEAD +
      inspection('I-1', '快兔晨光路站') +
      inspection('I-2', '晨光路配送站有限公司') +
      inspection('I-1', '快兔晨光路站');
    const s = await importText(t.db, 'inspections', gbk(csv));
    expect(s).toMatchObject({
      kind: 'inspections',
      accepted: 2,
      updated: 0,
      duplicates: 1,
      unresolved: 0,
      rejected: [],
    });
    const rows = await t.db
      .selectFrom('inspections')
      .select(['record_id', 'firm_id', 'amount', 'violations', 'order', 'status', 'date'])
      .orderBy('record_id')
      .execute();
    const station = await t.db
      .selectFrom('firms')
      .select('id')
      .where('name', '=', '晨光路配送站有限公司')
      .executeTakeFirstOrThrow();
    expect(rows).toEqual([
      {
        record_id: 'I-1',
        firm_id: station.id,
        amount: 12000,
        violations: ['wage_arrears', 'social_insurance'],
        order: 'pay',
        status: 'overdue',
        date: '2026-11-03',
      },
      {
        record_id: 'I-2',
        firm_id: station.id,
        amount: 12000,
        violations: ['wage_arrears', 'social_insurance'],
        order: 'pay',
        status: 'overdue',
        date: '2026-11-03',
      },
    ]);
  });

  it('re-import: identical rows are duplicates; a changed row updates and keeps the previous version', async () => {
    await importText(
      t.db,
      'inspections',
      INSPECTIONS_HEAD + inspection('I-1', '快兔晨光路站') + inspection('I-2', '快兔晨光路站'),
    );
    const s = await importText(
      t.db,
      'inspections',
      INSPECTIONS_HEAD + inspection('I-1', '快兔晨光路站', '3万') + inspection('I-2', '快兔晨光路站'),
    );
    expect(s).toMatchObject({ accepted: 0, updated: 1, duplicates: 1 });
    const row = await t.db
      .selectFrom('inspections')
      .select(['id', 'amount', 'version'])
      .where('record_id', '=', 'I-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ amount: 30000, version: 2 });
    const v = await t.db.selectFrom('record_versions').selectAll().where('record_pk', '=', row.id).execute();
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ kind: 'inspections', version: 1, data: expect.objectContaining({ amount: 12000 }) });
  });

  it('quarantines bad rows with raw content, line and every reason; keeps the good ones', async () => {
    const csv =
      INSPECTIONS_HEAD +
      inspection('I-1', '快兔晨光路站') +
      'I-2,快兔晨光路站,2026-02-30,日常巡查,,,abc元,,,\n' +
      '"I-3","快兔晨光路站","2026-11-04","日常巡查","","","","","",""\n' +
      ',,2026-11-05,,,,,,,\n';
    const s = await importText(t.db, 'inspections', csv);
    expect(s.accepted).toBe(2);
    expect(s.rejected.map((r) => r.line)).toEqual([3, 5]);
    expect(s.rejected[0]!.reasons.map((r) => r.field).sort()).toEqual(['amount', 'date']);
    expect(s.rejected[0]!.reasons.find((r) => r.field === 'date')).toMatchObject({
      column: '检查日期',
      message: expect.stringContaining('2026-02-30'),
    });
    expect(s.rejected[1]!.reasons.map((r) => r.field)).toEqual(expect.arrayContaining(['record_id', 'firm']));
    const q = await t.db.selectFrom('quarantine').selectAll().orderBy('line').execute();
    expect(q.map((r) => r.line)).toEqual([3, 5]);
    expect(q[0]!.raw_preview).toBe('I-2,快兔晨光路站,2026-02-30,日常巡查,,,abc元,,,');
    expect(q[0]!.raw_sealed).not.toContain('快兔');
    expect(q[0]!.reasons).toHaveLength(2);
  });

  it('keeps a row naming an unknown firm as unresolved, never drops it', async () => {
    const s = await importText(t.db, 'inspections', INSPECTIONS_HEAD + inspection('I-9', '无名配送站'));
    expect(s).toMatchObject({ accepted: 1, unresolved: 1 });
    expect(await t.db.selectFrom('inspections').select(['firm_id', 'resolution', 'firm_name']).execute()).toEqual([
      { firm_id: null, resolution: 'unresolved', firm_name: '无名配送站' },
    ]);
  });

  it('a record id repeated in the next batch waits for the earlier batch to commit, so it counts as an update', async () => {
    // Batches of two rows: batch 2 repeats I-2 of batch 1, which may still be committing.
    const csv =
      INSPECTIONS_HEAD +
      inspection('I-1', '快兔晨光路站') +
      inspection('I-2', '快兔晨光路站') +
      inspection('I-2', '快兔晨光路站', '3万') +
      inspection('I-3', '快兔晨光路站') +
      inspection('I-3', '快兔晨光路站');
    const s = await importText(t.db, 'inspections', csv, { batchSize: 2 });
    expect(s).toMatchObject({ accepted: 3, updated: 1, duplicates: 1, rejected: [] });
    const rows = await t.db
      .selectFrom('inspections')
      .select(['record_id', 'amount', 'version'])
      .orderBy('record_id')
      .execute();
    expect(rows).toEqual([
      { record_id: 'I-1', amount: 12000, version: 1 },
      { record_id: 'I-2', amount: 30000, version: 2 },
      { record_id: 'I-3', amount: 12000, version: 1 },
    ]);
  });

  it('stores text exactly, whatever quotes, braces, backslashes or line breaks it holds', async () => {
    const notes = ['say "NULL"', '{a,b}', 'C:\\temp\\', 'two\nlines', 'NULL', ' padded '];
    const head = '检查编号,单位名称,检查日期,检查人员,备注\n';
    const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv =
      head + notes.map((n, i) => `N-${i},快兔晨光路站,2026-11-03,${csvCell(`王${i}`)},${csvCell(n)}\n`).join('');
    const s = await importText(t.db, 'inspections', csv);
    expect(s).toMatchObject({ accepted: notes.length, rejected: [] });
    const rows = await t.db.selectFrom('inspections').select(['record_id', 'notes']).orderBy('record_id').execute();
    // Cells are trimmed on reading (CONTRACT §2); everything else is kept.
    expect(rows.map((r) => r.notes)).toEqual(notes.map((n) => n.trim()));
  });

  it('a changed petition is updated with its booleans, lists and sealed values intact', async () => {
    const head = 'record_id,received,firm,category,petitioners,repeat,name,phone\n';
    await importText(t.db, 'petitions', `${head}P-1,2026-11-03,快兔晨光路站,欠薪|社保,3,是,张三,13812345678\n`);
    const s = await importText(t.db, 'petitions', `${head}P-1,2026-11-03,快兔晨光路站,封号,4,否,张三,13812345679\n`);
    expect(s).toMatchObject({ accepted: 0, updated: 1 });
    const row = await t.db
      .selectFrom('petitions')
      .select(['categories', 'petitioners', 'repeat', 'phone_masked', 'phone_sealed', 'version'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      categories: ['account_ban'],
      petitioners: 4,
      repeat: false,
      phone_masked: '138****5679',
      version: 2,
    });
    expect(createSealer(TEST_SECRET).open(row.phone_sealed!)).toBe('13812345679');
  });

  it('bulk insert column types match the tables', async () => {
    for (const [table, columns] of Object.entries(RECORD_COLUMNS)) {
      const r = await sql<{
        name: string;
        type: string;
      }>`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
        where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(t.db);
      const actual = new Map(r.rows.map((c) => [c.name, c.type]));
      for (const c of columns) expect([table, c.name, actual.get(c.name)]).toEqual([table, c.name, c.type]);
    }
  });

  it('a database failure mid-import leaves no half-written batch, and the re-run completes', async () => {
    const lines = Array.from({ length: 250 }, (_, k) =>
      inspection(`R-${String(k).padStart(3, '0')}`, '快兔晨光路站'),
    ).join('');
    await sql`create function fail_on_r170() returns trigger language plpgsql as $$ begin raise exception 'disk full (simulated)'; end $$`.execute(
      t.db,
    );
    await sql`create trigger fail_on_r170 before insert on inspections for each row when (new.record_id = 'R-170') execute function fail_on_r170()`.execute(
      t.db,
    );
    await expect(importText(t.db, 'inspections', INSPECTIONS_HEAD + lines, { batchSize: 100 })).rejects.toThrow(
      /disk full/,
    );
    const stored = await t.db
      .selectFrom('inspections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(100);
    const failed = await t.db
      .selectFrom('imports')
      .select(['status', 'error'])
      .where('status', '=', 'failed')
      .execute();
    expect(failed).toEqual([{ status: 'failed', error: expect.stringContaining('disk full') }]);
    await sql`drop trigger fail_on_r170 on inspections`.execute(t.db);
    const rerun = await importText(t.db, 'inspections', INSPECTIONS_HEAD + lines, { batchSize: 100 });
    expect(rerun).toMatchObject({ accepted: 150, duplicates: 100 });
  });
});
