import { describe, expect, it } from 'vitest';
import { DEFAULT_DISCLOSURE, type DisclosureConfig, disclosureCriteria, type DisclosureInspection, factsText, handlingText, selectDisclosures } from '../../../src/domain/disclosure.ts';

const cfg: DisclosureConfig = { ...DEFAULT_DISCLOSURE, crimeAmountSingle: 20_000, crimeAmountCollective: 100_000, collectiveWorkers: 10 };
const Q3 = ['2026-07-01', '2026-09-30'] as const;
const insp = (o: Partial<DisclosureInspection>): DisclosureInspection => ({
  id: 1, recordId: 'I-1', date: '2026-08-01', violations: [], workers: null, amount: null, order: null, due: null, rectified: null, status: null, ...o,
});
const crit = (o: Partial<DisclosureInspection>, c = cfg) => disclosureCriteria(insp(o), Q3[0], Q3[1], c);

describe('29号令 disclosure selection', () => {
  it('wage arrears: crime amount in the inspection quarter, or unpaid past the due date in the due quarter', () => {
    expect(crit({ violations: ['wage_arrears'], order: 'pay', workers: 12, amount: 100_000 })).toEqual(['wage_arrears']);
    expect(crit({ violations: ['wage_arrears'], order: 'pay', workers: 12, amount: 99_999, due: '2026-10-01' })).toBeNull();
    expect(crit({ violations: ['wage_arrears'], order: 'pay', workers: 3, amount: 9_000, date: '2026-06-01', due: '2026-07-10' })).toEqual(['wage_arrears']);
    // Paid on time, or paid late: only late counts.
    expect(crit({ order: 'pay', amount: 9_000, date: '2026-06-01', due: '2026-07-10', rectified: '2026-07-09' })).toBeNull();
    expect(crit({ order: 'pay', amount: 9_000, date: '2026-06-01', due: '2026-07-10', rectified: '2026-07-20' })).toEqual(['wage_arrears']);
    // A rectify order is not an order to pay.
    expect(crit({ violations: ['wage_arrears'], order: 'rectify', workers: 12, amount: 500_000 })).toBeNull();
  });

  it('child labor always; dispatch and injury above their configurable thresholds', () => {
    expect(crit({ violations: ['child_labor'], workers: 1 })).toEqual(['child_labor']);
    expect(crit({ violations: ['illegal_dispatch'], workers: 9 })).toBeNull();
    expect(crit({ violations: ['illegal_dispatch'], workers: 10 })).toEqual(['illegal_dispatch']);
    expect(crit({ violations: ['illegal_dispatch'], workers: 5 }, { ...cfg, dispatchMinWorkers: 5 })).toEqual(['illegal_dispatch']);
    expect(crit({ violations: ['occupational_injury'], workers: 1, status: 'open' })).toBeNull();
    expect(crit({ violations: ['occupational_injury'], workers: 3 })).toEqual(['occupational_injury']);
    expect(crit({ violations: ['occupational_injury'], workers: 1, status: 'transferred' })).toEqual(['occupational_injury']);
    expect(crit({ violations: ['child_labor'] }, { ...cfg, criteria: ['wage_arrears'] })).toBeNull();
    // Outside the quarter: nothing.
    expect(crit({ violations: ['child_labor'], date: '2026-10-01' })).toBeNull();
  });

  it('selects, orders and describes facts and handling', () => {
    const rows = [
      insp({ id: 2, recordId: 'I-2', date: '2026-09-01', violations: ['child_labor'], workers: 2, order: 'rectify', due: '2026-09-20', status: 'overdue' }),
      insp({ id: 1, recordId: 'I-1', date: '2026-08-01', violations: ['illegal_dispatch', 'wage_arrears'], workers: 60, amount: 500_000, order: 'pay', due: '2026-09-01', status: 'overdue' }),
      insp({ id: 3, recordId: 'I-3', violations: ['no_contract'], workers: 3 }),
    ];
    const hits = selectDisclosures(rows, Q3[0], Q3[1], cfg);
    expect(hits.map((h) => [h.inspection.recordId, h.criteria])).toEqual([['I-1', ['wage_arrears', 'illegal_dispatch']], ['I-2', ['child_labor']]]);
    expect(factsText(hits[0]!)).toBe('2026-08-01检查发现：违法派遣、拖欠工资，涉及劳动者60人，涉及金额500000元（拖欠劳动报酬数额较大或经责令支付逾期未支付；违法劳务派遣；案件编号I-1）');
    expect(handlingText(hits[1]!.inspection)).toBe('责令改正（限期2026-09-20）；状态：逾期未改；未整改');
    expect(handlingText(insp({ order: 'pay', due: '2026-09-01', rectified: '2026-08-20', status: 'rectified' }))).toBe('责令支付（限期2026-09-01）；状态：已整改；2026-08-20已整改');
  });
});
