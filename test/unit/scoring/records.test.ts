import { describe, expect, it } from 'vitest';
import { parseModelConfig, scoreFirm } from '../../../src/domain/scoring/index.ts';
import { formatYuan } from '../../../src/domain/scoring/explain.ts';
import { AT, daysAgo, evidence, inspection, petition } from './helpers.ts';

const rawOf = (...inspections: ReturnType<typeof inspection>[]) => scoreFirm(evidence({ inspections }), AT).raw;

describe('inspections', () => {
  it('an overdue order outranks the same order still open, which outranks it rectified', () => {
    const base = { id: 1, date: daysAgo(40), order: 'pay' as const, due: daysAgo(10) };
    const overdue = rawOf(inspection({ ...base, status: 'open' }));
    const open = rawOf(inspection({ ...base, due: daysAgo(-5) }));
    const rectified = rawOf(inspection({ ...base, rectified: daysAgo(12), status: 'rectified' }));
    expect(overdue).toBeGreaterThan(open);
    expect(open).toBeGreaterThan(rectified);
    expect(overdue / open).toBeCloseTo(2.5, 6);
  });

  it('is overdue once the due day has fully passed, not on the due day itself', () => {
    const onDue = rawOf(inspection({ id: 1, due: daysAgo(0) }));
    const dayAfter = rawOf(inspection({ id: 1, due: daysAgo(1) }));
    expect(dayAfter / onDue).toBeCloseTo(2.5, 6);
  });

  it('a rectification dated after `at` is not yet known, so the order is still overdue', () => {
    const later = rawOf(inspection({ id: 1, due: daysAgo(5), rectified: daysAgo(-3), status: 'rectified' }));
    const never = rawOf(inspection({ id: 1, due: daysAgo(5), rectified: null, status: 'open' }));
    expect(later).toBe(never);
  });

  it("status 'overdue' counts as overdue without a due date, but not before a later due date", () => {
    const noDue = rawOf(inspection({ id: 1, due: null, status: 'overdue' }));
    const open = rawOf(inspection({ id: 1, due: null, status: 'open' }));
    expect(noDue / open).toBeCloseTo(2.5, 6);
    expect(rawOf(inspection({ id: 1, due: daysAgo(-3), status: 'overdue' }))).toBe(open);
  });

  it('wage arrears, sub-minimum pay and child labor weigh most', () => {
    const w = (v: Parameters<typeof inspection>[0]) => rawOf(inspection({ id: 1, ...v }));
    const heavy = ['wage_arrears', 'min_wage', 'child_labor'] as const;
    const light = [
      'no_contract',
      'overtime',
      'rest',
      'social_insurance',
      'other',
      'illegal_dispatch',
      'discrimination',
    ] as const;
    const minHeavy = Math.min(...heavy.map((v) => w({ violations: [v] })));
    const maxLight = Math.max(...light.map((v) => w({ violations: [v] })));
    expect(minHeavy).toBeGreaterThan(maxLight);
  });

  it('an inspection that found nothing scores nothing, and a repeated code counts once', () => {
    expect(rawOf(inspection({ violations: [] }))).toBe(0);
    expect(rawOf(inspection({ id: 1, violations: ['overtime', 'overtime'] }))).toBe(
      rawOf(inspection({ id: 1, violations: ['overtime'] })),
    );
  });

  it('a repeat offender weighs more: prior violations within a year raise later ones', () => {
    const last = inspection({ id: 9, date: daysAgo(5) });
    const alone = rawOf(last);
    const withPrior = scoreFirm(
      evidence({ inspections: [last, inspection({ id: 1, date: daysAgo(100), violations: ['overtime'] })] }),
      AT,
    );
    const priorOnly = rawOf(inspection({ id: 1, date: daysAgo(100), violations: ['overtime'] }));
    // The later record is multiplied by 1 + 0.25 · 1.
    expect(withPrior.raw - priorOnly).toBeCloseTo(alone * 1.25, 6);
    expect(withPrior.contributions[0]?.why.text).toContain('一年内第2次违法');
    const farPrior = scoreFirm(
      evidence({ inspections: [last, inspection({ id: 1, date: daysAgo(400), violations: ['overtime'] })] }),
      AT,
    );
    expect(farPrior.raw - rawOf(inspection({ id: 1, date: daysAgo(400), violations: ['overtime'] }))).toBeCloseTo(
      alone,
      6,
    );
  });

  it('writes amounts as inspectors do: ¥36,000', () => {
    expect([0, 999, 1000, 36_000, 1_234_567.5, 100.05, 1e9].map(formatYuan)).toEqual([
      '¥0',
      '¥999',
      '¥1,000',
      '¥36,000',
      '¥1,234,567.5',
      '¥100.05',
      '¥1,000,000,000',
    ]);
  });

  it('explains an overdue wage order in the words of the record', () => {
    const s = scoreFirm(
      evidence({
        inspections: [inspection({ id: 7, recordId: 'JC-2026-7', workers: 12, amount: 36_000, due: daysAgo(3) })],
      }),
      AT,
    );
    expect(s.contributions[0]).toMatchObject({
      source: 'inspection',
      id: 7,
      recordId: 'JC-2026-7',
      date: daysAgo(10),
      why: { key: 'overdue_pay_order', text: '逾期未支付工资：拖欠工资（责令支付，12人，¥36,000）' },
    });
  });
});

describe('petitions', () => {
  const rawP = (...petitions: ReturnType<typeof petition>[]) => scoreFirm(evidence({ petitions }), AT).raw;

  // The decision (docs/scoring.md, "Collective or single?"): one collective
  // petition of ten outranks ten single petitions on the same day.
  it('one collective petition of 10 outranks 10 single petitions on the same day', () => {
    const collective = rawP(petition({ petitioners: 10 }));
    const singles = rawP(...Array.from({ length: 10 }, () => petition({ petitioners: 1 })));
    expect(collective).toBeGreaterThan(singles);
    // ...but not twenty: the collective bonus is a step, not a trump card.
    expect(rawP(...Array.from({ length: 20 }, () => petition()))).toBeGreaterThan(collective);
  });

  it('9 petitioners are not collective; the line follows collectiveThreshold', () => {
    expect(rawP(petition({ id: 1, petitioners: 10 })) / rawP(petition({ id: 1, petitioners: 9 }))).toBeGreaterThan(5);
    const c = parseModelConfig({ petition: { collectiveThreshold: 30 } });
    const s = (n: number) => scoreFirm(evidence({ petitions: [petition({ id: 1, petitioners: n })] }), AT, c).raw;
    expect(s(29) / s(10)).toBeLessThan(2);
    expect(s(30) / s(29)).toBeGreaterThan(5);
  });

  it('a repeat petition weighs 1.5 times a first one', () => {
    expect(rawP(petition({ id: 1, repeat: true })) / rawP(petition({ id: 1 }))).toBeCloseTo(1.5, 9);
  });

  it('a second claim adds half its weight; no category counts as other', () => {
    const one = rawP(petition({ id: 1, categories: ['wage_arrears'] }));
    const two = rawP(petition({ id: 1, categories: ['wage_arrears', 'social_insurance'] }));
    expect(two / one).toBeCloseTo((4 + 0.5 * 2.5) / 4, 9);
    expect(rawP(petition({ id: 1, categories: [] }))).toBe(rawP(petition({ id: 1, categories: ['other'] })));
  });
});
