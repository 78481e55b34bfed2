import { describe, expect, it } from 'vitest';
import {
  CRITERION_SOURCE,
  DEFAULT_DISCLOSURE,
  DISCLOSURE_CRITERIA,
  type DisclosureConfig,
  disclosureCriteria,
  type DisclosureInspection,
  factsText,
  handlingText,
  selectDisclosures,
} from '../../../src/domain/disclosure.ts';

const cfg: DisclosureConfig = {
  ...DEFAULT_DISCLOSURE,
  crimeAmountSingle: 20_000,
  crimeAmountCollective: 100_000,
  collectiveWorkers: 10,
  linkDays: 90,
};
const Q3 = ['2026-07-01', '2026-09-30'] as const;
const insp = (o: Partial<DisclosureInspection>): DisclosureInspection => ({
  id: 1,
  recordId: 'I-1',
  date: '2026-08-01',
  violations: [],
  workers: null,
  amount: null,
  order: null,
  due: null,
  rectified: null,
  status: 'closed',
  ...o,
});
const crit = (o: Partial<DisclosureInspection>, c = cfg) => disclosureCriteria(insp(o), Q3[0], Q3[1], c);

describe('29号令 disclosure selection', () => {
  it('wage arrears: crime amount in the inspection quarter, or unpaid past the due date in the due quarter', () => {
    expect(crit({ violations: ['wage_arrears'], order: 'pay', workers: 12, amount: 100_000 })).toEqual([
      'wage_arrears',
    ]);
    expect(
      crit({ violations: ['wage_arrears'], order: 'pay', workers: 12, amount: 99_999, due: '2026-10-01' }),
    ).toBeNull();
    expect(
      crit({
        violations: ['wage_arrears'],
        order: 'pay',
        workers: 3,
        amount: 9_000,
        date: '2026-06-01',
        due: '2026-07-10',
      }),
    ).toEqual(['wage_arrears']);
    // Paid on time, or paid late: only late counts.
    expect(
      crit({ order: 'pay', amount: 9_000, date: '2026-06-01', due: '2026-07-10', rectified: '2026-07-09' }),
    ).toBeNull();
    expect(
      crit({ order: 'pay', amount: 9_000, date: '2026-06-01', due: '2026-07-10', rectified: '2026-07-20' }),
    ).toEqual(['wage_arrears']);
    // A rectify order is not an order to pay.
    expect(crit({ violations: ['wage_arrears'], order: 'rectify', workers: 12, amount: 500_000 })).toBeNull();
  });

  it('child labor always; dispatch and injury above their configurable thresholds', () => {
    expect(crit({ violations: ['child_labor'], workers: 1 })).toEqual(['child_labor']);
    expect(crit({ violations: ['illegal_dispatch'], workers: 9 })).toBeNull();
    expect(crit({ violations: ['illegal_dispatch'], workers: 10 })).toEqual(['illegal_dispatch']);
    expect(crit({ violations: ['illegal_dispatch'], workers: 5 }, { ...cfg, dispatchMinWorkers: 5 })).toEqual([
      'illegal_dispatch',
    ]);
    expect(crit({ violations: ['occupational_injury'], workers: 1, status: 'open' })).toBeNull();
    expect(crit({ violations: ['occupational_injury'], workers: 3 })).toEqual(['occupational_injury']);
    expect(crit({ violations: ['occupational_injury'], workers: 1, status: 'transferred' })).toEqual([
      'occupational_injury',
    ]);
    expect(crit({ violations: ['child_labor'] }, { ...cfg, criteria: ['wage_arrears'] })).toBeNull();
    // Outside the quarter: nothing.
    expect(crit({ violations: ['child_labor'], date: '2026-10-01' })).toBeNull();
  });

  it('selects, orders and describes facts and handling', () => {
    const rows = [
      insp({
        id: 2,
        recordId: 'I-2',
        date: '2026-09-01',
        violations: ['child_labor'],
        workers: 2,
        order: 'rectify',
        due: '2026-09-20',
        status: 'overdue',
      }),
      insp({
        id: 1,
        recordId: 'I-1',
        date: '2026-08-01',
        violations: ['illegal_dispatch', 'wage_arrears'],
        workers: 60,
        amount: 500_000,
        order: 'pay',
        due: '2026-09-01',
        status: 'overdue',
      }),
      insp({ id: 3, recordId: 'I-3', violations: ['no_contract'], workers: 3 }),
    ];
    const hits = selectDisclosures(rows, Q3[0], Q3[1], cfg);
    expect(hits.map((h) => [h.inspection.recordId, h.criteria])).toEqual([
      ['I-1', ['wage_arrears', 'illegal_dispatch']],
      ['I-2', ['child_labor']],
    ]);
    expect(factsText(hits[0]!)).toBe(
      '2026-08-01检查发现：违法派遣、拖欠工资，涉及劳动者60人，涉及金额500000元（拖欠劳动报酬数额较大或经责令支付逾期未支付；违法劳务派遣；案件编号I-1）',
    );
    expect(handlingText(hits[1]!.inspection)).toBe('责令改正（限期2026-09-20）；状态：逾期未改；未整改');
    expect(handlingText(insp({ order: 'pay', due: '2026-09-01', rectified: '2026-08-20', status: 'rectified' }))).toBe(
      '责令支付（限期2026-09-01）；状态：已整改；2026-08-20已整改',
    );
  });

  it('only violations with a processing decision: a case 办理中 (open) or of unknown status is left out, whatever it shows', () => {
    const big = { violations: ['child_labor', 'wage_arrears'], order: 'pay', workers: 12, amount: 500_000 };
    expect(crit({ ...big, status: 'open' })).toBeNull();
    expect(crit({ ...big, status: null })).toBeNull();
    for (const status of ['rectified', 'overdue', 'closed', 'transferred'])
      expect(crit({ ...big, status })).toEqual(['wage_arrears', 'child_labor']);
    // Configurable: a bureau that treats only closed cases as decided.
    expect(crit({ ...big, status: 'overdue' }, { ...cfg, decidedStatuses: ['closed'] })).toBeNull();
  });

  it('art. 5(2)-(4): social insurance, working time and women/juvenile protection when serious (workers, unrectified past due, or transferred)', () => {
    expect(crit({ violations: ['social_insurance'], workers: 10 })).toEqual(['social_insurance']);
    expect(
      crit({ violations: ['social_insurance'], workers: 9, due: '2026-09-30', rectified: '2026-09-20' }),
    ).toBeNull();
    expect(crit({ violations: ['social_insurance'], workers: 2, status: 'transferred' })).toEqual(['social_insurance']);
    expect(crit({ violations: ['overtime'], workers: 10 })).toEqual(['working_time']);
    expect(crit({ violations: ['rest'], workers: 2, due: '2026-08-20', status: 'overdue' })).toEqual(['working_time']);
    expect(
      crit({ violations: ['rest'], workers: 2, due: '2026-08-20', rectified: '2026-08-19', status: 'rectified' }),
    ).toBeNull();
    expect(crit({ violations: ['women_minors'], workers: 3 })).toEqual(['women_minors']);
    expect(crit({ violations: ['women_minors'], workers: 2 })).toBeNull();
    expect(crit({ violations: ['women_minors'], workers: 2 }, { ...cfg, womenMinorsMinWorkers: 1 })).toEqual([
      'women_minors',
    ]);
    expect(
      crit({ violations: ['social_insurance', 'overtime'], workers: 20 }, { ...cfg, criteria: ['working_time'] }),
    ).toEqual(['working_time']);
  });

  it('art. 5(6): serious social impact — a collective petition or major opinion item about the firm from linkDays before the inspection to the quarter end', () => {
    const petition = (date: string, people: number) => ({ kind: 'petition' as const, ref: 'P-1', date, people });
    expect(crit({ violations: ['no_contract'], incidents: [petition('2026-08-20', 35)] })).toEqual(['social_impact']);
    expect(crit({ violations: ['no_contract'], incidents: [petition('2026-08-20', 5)] })).toBeNull();
    expect(crit({ violations: ['no_contract'], incidents: [petition('2026-10-02', 35)] })).toBeNull();
    expect(
      crit({
        violations: ['no_contract'],
        incidents: [{ kind: 'mention', ref: '员工聚集讨薪', date: '2026-05-01', people: null }],
      }),
    ).toBeNull();
    expect(
      crit({
        violations: ['no_contract'],
        incidents: [{ kind: 'mention', ref: '员工聚集讨薪', date: '2026-05-10', people: null }],
      }),
    ).toEqual(['social_impact']);
    // No violation found: no impact "because of" one.
    expect(crit({ violations: [], incidents: [petition('2026-08-20', 35)] })).toBeNull();
    const hits = selectDisclosures(
      [insp({ violations: ['no_contract'], workers: 40, incidents: [petition('2026-08-20', 35)] })],
      Q3[0],
      Q3[1],
      cfg,
    );
    expect(factsText(hits[0]!)).toContain('此后集体信访P-1（2026-08-20，35人）');
    expect(factsText(hits[0]!)).toContain('因劳动保障违法行为造成严重不良社会影响');
  });

  it('every criterion names its item of 29号令 art. 5', () => {
    expect(Object.keys(CRITERION_SOURCE).sort()).toEqual([...DISCLOSURE_CRITERIA].sort());
    expect(CRITERION_SOURCE.social_insurance.item).toBe('（二）');
    expect(CRITERION_SOURCE.working_time.item).toBe('（三）');
    expect(CRITERION_SOURCE.women_minors.item).toBe('（四）');
    expect(CRITERION_SOURCE.social_impact.item).toBe('（六）');
  });
});
