import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { importText } from '../helpers/ingest.ts';
import { disclosure, DRAFT_FIELD } from '../../src/credit/export.ts';
import { parseCreditConfig } from '../../src/domain/credit/index.ts';

// 人社部令第29号 quarterly disclosure from the stored records (issue 18 item
// 10): only violations with a processing decision, the four further
// categories of art. 5 ((二) social insurance, (三) working time, (四) women
// and juvenile workers, (六) serious social impact), each configurable, and a
// quarter not yet over only as a draft.

const F = {
  si: '甲社保外包有限公司',
  siOpen: '乙劳务有限公司',
  wt: '丙快递有限公司',
  wm: '丁电子厂',
  soc: '戊物业有限公司',
  wm2: '己玩具厂',
};
const FIRMS = `单位名称,统一社会信用代码,别名,类型,关联平台,区,街镇
${Object.values(F)
  .map((n) => `${n},,,其他,,示范区,晨光路街道`)
  .join('\n')}
`;
const INSPECTIONS = `record_id,firm,date,kind,violations,workers,amount,order,due,rectified,status
I-SI-1,${F.si},2026-07-10,complaint,未缴社会保险,12,,rectify,2026-08-30,2026-08-25,rectified
I-SI-2,${F.siOpen},2026-07-12,complaint,未缴社会保险,40,,rectify,2026-08-30,,open
I-WT-1,${F.wt},2026-07-20,campaign,超时加班,3,,rectify,2026-08-15,,overdue
I-WM-1,${F.wm},2026-08-03,complaint,女职工保护,4,,rectify,2026-08-20,2026-08-18,closed
I-WM-2,${F.wm2},2026-08-05,routine,未成年工特殊保护,1,,rectify,2026-08-20,2026-08-18,closed
I-SOC-1,${F.soc},2026-08-10,complaint,未签劳动合同,5,,rectify,2026-08-31,2026-08-28,rectified
`;
const PETITIONS = [
  JSON.stringify({
    record_id: 'P-SOC-1',
    firm: F.soc,
    received: '2026-09-02',
    category: 'other',
    petitioners: 30,
    summary: '集体反映',
    name: '张三',
    phone: '13812345678',
  }),
  JSON.stringify({
    record_id: 'P-WT-1',
    firm: F.wt,
    received: '2026-09-03',
    category: 'hours',
    petitioners: 4,
    summary: '反映加班',
    name: '李四',
    phone: '13912345678',
  }),
].join('\n');
const AT = new Date('2026-10-02T02:00:00Z');

const db = useTestDb(async (t) => {
  await importText(t.db, 'firms', FIRMS, { now: AT });
  await importText(t.db, 'inspections', INSPECTIONS, { now: AT });
  await importText(t.db, 'petitions', PETITIONS, { format: 'ndjson', now: AT, source: 'petitions.ndjson' });
});
let t: TestDb;
beforeEach(() => {
  t = db();
});

const all = { kind: 'all' as const };
const idsOf = (rows: Array<{ 主要违法事实: string | null }>) =>
  rows.map((r) => r.主要违法事实!.match(/案件编号([\w-]+)/)![1]);

describe('29号令 quarterly disclosure (issue 18 item 10)', () => {
  it('discloses only decided violations, in the four further categories, and says why', async () => {
    const q3 = await disclosure(t.db, all, '2026Q3', { asOf: AT });
    // I-SI-2 (40 workers, social insurance) is still 办理中: no processing decision, not disclosed.
    // I-WM-2 (one juvenile worker, rectified on time) is not serious at the default threshold (3 workers).
    expect(idsOf(q3)).toEqual(['I-SI-1', 'I-WT-1', 'I-WM-1', 'I-SOC-1']);
    const by = new Map(q3.map((r) => [r.主要违法事实!.match(/案件编号([\w-]+)/)![1], r]));
    expect(by.get('I-SI-1')!.主要违法事实).toContain('不依法参加社会保险或者不依法缴纳社会保险费，情节严重');
    expect(by.get('I-WT-1')!.主要违法事实).toContain('违反工作时间和休息休假规定，情节严重');
    expect(by.get('I-WT-1')!.处理情况).toBe('责令改正（限期2026-08-15）；状态：逾期未改；未整改');
    expect(by.get('I-WM-1')!.主要违法事实).toContain('违反女职工和未成年工特殊劳动保护规定，情节严重');
    // (六): the 30-person petition after the inspection is named, so the officer can check the link before publishing;
    // the 4-person petition about F.wt is not collective and adds nothing.
    expect(by.get('I-SOC-1')!.主要违法事实).toContain('此后集体信访P-SOC-1（2026-09-02，30人）');
    expect(by.get('I-SOC-1')!.主要违法事实).toContain('因劳动保障违法行为造成严重不良社会影响');
    expect(by.get('I-WT-1')!.主要违法事实).not.toContain('信访');
    expect(q3.every((r) => !(DRAFT_FIELD in r))).toBe(true);
  });

  it('each criterion and threshold is configurable through the credit config', async () => {
    const credit = parseCreditConfig({
      disclosure: {
        criteria: ['social_insurance', 'women_minors'],
        womenMinorsMinWorkers: 1,
        decidedStatuses: ['rectified', 'closed', 'overdue', 'transferred'],
      },
    });
    expect(idsOf(await disclosure(t.db, all, '2026Q3', { asOf: AT, credit }))).toEqual(['I-SI-1', 'I-WM-1', 'I-WM-2']);
    // A bureau that counts an open case as decided would have to say so; it cannot (the config refuses 'open').
    expect(() => parseCreditConfig({ disclosure: { decidedStatuses: ['open'] } })).toThrow(/decidedStatuses/);
    expect(
      idsOf(
        await disclosure(t.db, all, '2026Q3', {
          asOf: AT,
          disclosure: { socialInsuranceMinWorkers: 13, criteria: ['social_insurance'] },
        }),
      ),
    ).toEqual([]);
  });

  it('a quarter not yet over is refused, unless generated as a draft that every row marks', async () => {
    const during = new Date('2026-09-30T04:00:00Z');
    await expect(disclosure(t.db, all, '2026Q3', { asOf: during })).rejects.toThrow(
      /2026Q3 ends 2026-09-30 and is not over on 2026-09-30/,
    );
    const draft = await disclosure(t.db, all, '2026Q3', { asOf: during, draft: true });
    expect(draft.length).toBeGreaterThan(0);
    expect(draft.every((r) => r[DRAFT_FIELD] === '草稿：季度尚未结束，不得公布')).toBe(true);
    // The first day after the quarter (Shanghai), it is final; --draft then changes nothing.
    const final = await disclosure(t.db, all, '2026Q3', { asOf: new Date('2026-09-30T16:00:00Z'), draft: true });
    expect(final.every((r) => !(DRAFT_FIELD in r))).toBe(true);
  });
});
