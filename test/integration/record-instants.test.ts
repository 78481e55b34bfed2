import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { importText, seedFirms } from '../helpers/ingest.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { defaultModelConfig } from '../../src/domain/scoring/config.ts';

// Issue 14 item 2: the time of day a file gives is kept, and as of an
// instant a record counts when it was recorded at or before it.
const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const actor = { id: null, name: 'test' };
const score = async (at: string) => {
  const run = await runScoring(t.db, defaultModelConfig, { at: new Date(at), firms: 'all', reason: 'test', actor });
  const f = run.firms.find((x) => x.firm.name === '晨光路配送站有限公司');
  return f?.score ?? null;
};
const kinds = (s: Awaited<ReturnType<typeof score>>) => (s?.triggers ?? []).map((x) => x.kind);

describe('time of day in records', () => {
  it('keeps the instant a petition file gives, and a date alone as the start of its Shanghai day', async () => {
    await importText(
      t.db,
      'petitions',
      '信访编号,被反映单位,登记日期,人数,诉求类别\n' +
        'P-1,快兔晨光路站,2026-11-03 10:30,12,欠薪\nP-2,快兔晨光路站,2026-11-03T02:30:00Z,1,欠薪\nP-3,快兔晨光路站,2026年11月4日,1,社保\n',
    );
    const rows = await t.db
      .selectFrom('petitions')
      .select(['record_id', 'received', 'received_at'])
      .orderBy('record_id')
      .execute();
    expect(rows.map((r) => [r.record_id, String(r.received), new Date(r.received_at!).toISOString()])).toEqual([
      ['P-1', '2026-11-03', '2026-11-03T02:30:00.000Z'],
      ['P-2', '2026-11-03', '2026-11-03T02:30:00.000Z'],
      ['P-3', '2026-11-04', '2026-11-03T16:00:00.000Z'],
    ]);
  });

  it('a collective petition registered at 10:30 does not count as of 09:00 the same day, and does from 10:30 on', async () => {
    await importText(
      t.db,
      'petitions',
      '信访编号,被反映单位,登记日期,人数,诉求类别\nP-9,快兔晨光路站,2026-11-03 10:30,12,欠薪\n',
    );
    const at9 = await score('2026-11-03T09:00:00+08:00');
    expect(at9?.score ?? 0).toBe(0);
    expect(kinds(at9)).not.toContain('collective_wage_petition');
    expect(kinds(await score('2026-11-03T10:29:59+08:00'))).not.toContain('collective_wage_petition');
    const at1030 = await score('2026-11-03T10:30:00+08:00');
    expect(kinds(at1030)).toContain('collective_wage_petition');
    expect(at1030!.score).toBeGreaterThan(0);
  });

  it('a date alone counts from the start of its Shanghai day', async () => {
    await importText(
      t.db,
      'petitions',
      '信访编号,被反映单位,登记日期,人数,诉求类别\nP-8,快兔晨光路站,2026-11-03,12,欠薪\n',
    );
    expect(kinds(await score('2026-11-02T23:59:59+08:00'))).not.toContain('collective_wage_petition');
    expect(kinds(await score('2026-11-03T00:00:00+08:00'))).toContain('collective_wage_petition');
  });

  it('an inspection recorded at 15:00 is not seen as of 14:00, and is from 15:00 on', async () => {
    await importText(
      t.db,
      'inspections',
      '检查编号,单位名称,检查日期,违法事项,涉及人数,涉及金额,处理措施,整改期限,状态\n' +
        'I-1,快兔晨光路站,2026-11-03 15:00,拖欠工资,12,1.2万,责令支付,2026-11-01,逾期未改\n',
    );
    expect((await score('2026-11-03T14:00:00+08:00'))?.score ?? 0).toBe(0);
    const at15 = await score('2026-11-03T15:00:00+08:00');
    expect(kinds(at15)).toContain('overdue_wage_order');
    const row = await t.db
      .selectFrom('inspections')
      .select('date_at')
      .where('record_id', '=', 'I-1')
      .executeTakeFirstOrThrow();
    expect(new Date(row.date_at!).toISOString()).toBe('2026-11-03T07:00:00.000Z');
  });
});
