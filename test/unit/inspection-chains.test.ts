import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseChains, inspectionChains, type ChainRecord } from '../../src/domain/inspection-chains.ts';
import { defaultCreditConfig, evaluateCandidate } from '../../src/domain/credit/index.ts';
import { DEFAULT_DISCLOSURE, selectDisclosures, type DisclosureInspection } from '../../src/domain/disclosure.ts';
import { scoreFirm } from '../../src/domain/scoring/index.ts';
import { evaluateTriggers } from '../../src/domain/scoring/triggers.ts';
import { defaultModelConfig } from '../../src/domain/scoring/config.ts';

// Issue 14 item 10: follow-up inspections of one pay order are one chain, counted once.
const rec = (o: Partial<ChainRecord> & { id: number }): ChainRecord & { id: number } => ({
  recordId: `JC-${o.id}`,
  date: '2026-10-09',
  violations: ['wage_arrears', 'social_insurance'],
  workers: 23,
  amount: 186_400,
  order: 'pay',
  due: '2026-10-24',
  rectified: null,
  status: 'overdue',
  related: null,
  ...o,
});
// The demo's station: the order (JC-20261009-001) and its follow-up after the deadline (JC-20261027-001).
const order = rec({ id: 1, recordId: 'JC-20261009-001' });
const followUp = rec({ id: 2, recordId: 'JC-20261027-001', date: '2026-10-27', violations: ['wage_arrears'] });

describe('inspection chains', () => {
  it('joins a follow-up of the same order: same due date, or same workers and amount', () => {
    expect(inspectionChains([followUp, order]).map((c) => c.map((r) => r.recordId))).toEqual([
      ['JC-20261009-001', 'JC-20261027-001'],
    ]);
    expect(inspectionChains([order, { ...followUp, due: null }])).toHaveLength(1);
    // Clerks round: 186,400 vs 18.6万.
    expect(inspectionChains([order, { ...followUp, due: null, amount: 186_000, workers: 22 }])).toHaveLength(1);
    // Same figures, another deadline: another order.
    expect(inspectionChains([order, { ...followUp, due: '2026-11-30' }])).toHaveLength(2);
    const [merged] = collapseChains([order, followUp]);
    expect(merged).toMatchObject({
      id: 1,
      recordId: 'JC-20261009-001',
      date: '2026-10-09',
      workers: 23,
      amount: 186_400,
      status: 'overdue',
      chain: ['JC-20261009-001', 'JC-20261027-001'],
    });
    expect(merged!.violations).toEqual(['wage_arrears', 'social_insurance']);
  });

  it('keeps different matters apart', () => {
    // Another order of the same firm: other workers, other amount, other due date.
    expect(
      inspectionChains([order, rec({ id: 3, date: '2026-10-20', workers: 5, amount: 12_000, due: '2026-11-05' })]),
    ).toHaveLength(2);
    // No order on the earlier inspection: nothing to follow up.
    expect(
      inspectionChains([
        { ...order, order: 'none', due: null },
        { ...followUp, due: null },
      ]),
    ).toHaveLength(2);
    // Other violations.
    expect(inspectionChains([order, { ...followUp, violations: ['overtime'] }])).toHaveLength(2);
    // Too long after.
    expect(inspectionChains([order, { ...followUp, date: '2027-06-01', due: null }])).toHaveLength(2);
    // A follow-up not made yet as of the day asked about.
    expect(inspectionChains([order, followUp], '2026-10-20')).toHaveLength(2);
  });

  it('an explicit 关联案号 links whatever the figures, and two records naming one order number are one chain', () => {
    const other = rec({
      id: 4,
      date: '2026-11-02',
      workers: 3,
      amount: 9_000,
      due: null,
      related: 'JC-20261009-001',
      violations: ['rest'],
    });
    expect(inspectionChains([order, other])).toHaveLength(1);
    const a = rec({ id: 5, related: '长人社监令〔2026〕12号' });
    const b = rec({
      id: 6,
      date: '2026-11-20',
      workers: 2,
      amount: 1_000,
      due: null,
      related: '长人社监令〔2026〕12号',
    });
    expect(inspectionChains([a, b])).toHaveLength(1);
    // A reference to a case that is not there links nothing by figures either.
    expect(inspectionChains([order, { ...followUp, related: 'JC-OTHER' }])).toHaveLength(2);
  });

  it('every record is in exactly one chain, chains never mix up dates, and collapsing is idempotent (property)', () => {
    const arb = fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 28 }),
        month: fc.integer({ min: 8, max: 11 }),
        workers: fc.constantFrom(3, 23, 24),
        amount: fc.constantFrom(9_000, 186_400, 187_000),
        order: fc.constantFrom('pay', 'rectify', 'none'),
        due: fc.constantFrom(null, '2026-10-24', '2026-11-30'),
        v: fc.constantFrom('wage_arrears', 'overtime'),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const recs = rows.map((r, i) =>
          rec({
            id: i + 1,
            date: `2026-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
            workers: r.workers,
            amount: r.amount,
            order: r.order,
            due: r.due,
            violations: [r.v],
          }),
        );
        const chains = inspectionChains(recs);
        expect(
          chains
            .flat()
            .map((r) => r.id)
            .sort((a, b) => a - b),
        ).toEqual(recs.map((r) => r.id));
        for (const c of chains) for (let i = 1; i < c.length; i++) expect(c[i]!.date >= c[i - 1]!.date).toBe(true);
        const once = collapseChains(recs);
        expect(once.length).toBe(chains.length);
        const twice = collapseChains(once.map(({ chain: _, ...r }) => r));
        expect(twice.length).toBeLessThanOrEqual(once.length);
      }),
    );
  });
});

describe('a chain counts once everywhere', () => {
  it('credit candidate: 23人、186400元 for one order and its follow-up, not 46人、372800元', () => {
    const c = evaluateCandidate(
      { inspections: [order, followUp], petitions: [], mentions: [] },
      '2026-12-04',
      defaultCreditConfig,
    )!;
    expect(c.reason).toContain('涉及23人、186400元');
    expect(c.reason).not.toContain('46人');
    expect(c.evidence.orders).toHaveLength(1);
    expect(c.evidence.orders[0]).toMatchObject({ recordId: 'JC-20261009-001', followUps: ['JC-20261027-001'] });
    expect(c.evidence).toMatchObject({ totalWorkers: 23, totalAmount: 186_400 });
    expect(c.key).toBe('1');
    // Two different orders still add up.
    const second = rec({
      id: 9,
      recordId: 'JC-20261101-002',
      date: '2026-11-01',
      workers: 12,
      amount: 100_000,
      due: '2026-11-15',
    });
    expect(
      evaluateCandidate(
        { inspections: [order, followUp, second], petitions: [], mentions: [] },
        '2026-12-04',
        defaultCreditConfig,
      )!.reason,
    ).toContain('涉及35人、286400元');
  });

  it('quarterly disclosure: one case per order', () => {
    const cfg = {
      ...DEFAULT_DISCLOSURE,
      crimeAmountSingle: 20_000,
      crimeAmountCollective: 100_000,
      collectiveWorkers: 10,
      linkDays: 90,
    };
    const rows: DisclosureInspection[] = [order, followUp].map((r) => ({ ...r, firmId: 7 }));
    const hits = selectDisclosures(rows, '2026-10-01', '2026-12-31', cfg);
    expect(hits.map((h) => h.inspection.recordId)).toEqual(['JC-20261009-001']);
    // Without the firm (older callers), records stand alone as before.
    expect(selectDisclosures([order, followUp], '2026-10-01', '2026-12-31', cfg)).toHaveLength(2);
  });

  it('score and triggers: the follow-up adds no second violation and no "第2次违法"', () => {
    const at = new Date('2026-12-04T09:00:00+08:00');
    const ins = (o: ChainRecord) => ({
      ...o,
      order: 'pay' as const,
      status: 'overdue' as const,
      violations: o.violations as ('wage_arrears' | 'social_insurance')[],
    });
    const both = scoreFirm({ inspections: [ins(order), ins(followUp)], petitions: [], mentions: [] }, at);
    const alone = scoreFirm({ inspections: [ins(order)], petitions: [], mentions: [] }, at);
    expect(both.components.inspections).toBeCloseTo(alone.components.inspections, 6);
    expect(both.contributions.filter((c) => c.source === 'inspection')).toHaveLength(1);
    expect(JSON.stringify(both.contributions)).not.toContain('第2次');
    const t = evaluateTriggers(
      { inspections: [ins(order), ins(followUp)], petitions: [], mentions: [] },
      at,
      defaultModelConfig,
    );
    expect(t.find((x) => x.kind === 'overdue_wage_order')?.count).toBe(1);
    // Two separate orders are two violations.
    const other = ins(rec({ id: 9, date: '2026-11-01', workers: 5, amount: 9_000, due: '2026-11-15' }));
    expect(
      scoreFirm({ inspections: [ins(order), other], petitions: [], mentions: [] }, at).contributions.filter(
        (c) => c.source === 'inspection',
      ),
    ).toHaveLength(2);
  });
});

describe('chains as of an instant', () => {
  it('a follow-up recorded later the same day does not join the chain before it is recorded', () => {
    const o = { ...order, at: Date.parse('2026-10-09T09:00:00+08:00') };
    const f = { ...followUp, date: '2026-10-09', at: Date.parse('2026-10-09T16:00:00+08:00') };
    expect(inspectionChains([o, f], { date: '2026-10-09', ms: Date.parse('2026-10-09T15:30:00+08:00') })).toHaveLength(
      2,
    );
    expect(inspectionChains([o, f], { date: '2026-10-09', ms: Date.parse('2026-10-09T16:00:00+08:00') })).toHaveLength(
      1,
    );
    // A date alone (no instant) is known from the start of its day.
    expect(
      inspectionChains([order, { ...followUp, date: '2026-10-09' }], {
        date: '2026-10-09',
        ms: Date.parse('2026-10-09T00:00:00+08:00'),
      }),
    ).toHaveLength(1);
  });

  it('the model skips a petition recorded after the instant scored, even on the same day', () => {
    const p = {
      id: 1,
      recordId: 'P-1',
      received: '2026-11-03',
      categories: ['wage_arrears' as const],
      petitioners: 12,
      repeat: false,
      at: Date.parse('2026-11-03T10:30:00+08:00'),
    };
    expect(
      scoreFirm({ inspections: [], petitions: [p], mentions: [] }, new Date('2026-11-03T09:00:00+08:00')).score,
    ).toBe(0);
    expect(
      scoreFirm({ inspections: [], petitions: [p], mentions: [] }, new Date('2026-11-03T10:30:00+08:00')).triggers.map(
        (x) => x.kind,
      ),
    ).toContain('collective_wage_petition');
    const { at: _, ...dateOnly } = p;
    expect(
      scoreFirm({ inspections: [], petitions: [dateOnly], mentions: [] }, new Date('2026-11-03T00:00:00+08:00')).score,
    ).toBeGreaterThan(0);
  });
});
