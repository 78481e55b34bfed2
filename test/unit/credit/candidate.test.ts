import { describe, expect, it } from 'vitest';
import { defaultCreditConfig, evaluateCandidate, type CandidateInspection } from '../../../src/domain/credit/index.ts';

const order = (o: Partial<CandidateInspection>): CandidateInspection => ({
  id: 1,
  recordId: 'I-1',
  date: '2026-08-01',
  order: 'pay',
  due: '2026-09-01',
  rectified: null,
  status: 'overdue',
  workers: 12,
  amount: 150_000,
  ...o,
});
const none = { petitions: [], mentions: [] };
const TODAY = '2026-11-20';

describe('candidate rule (45号令 art. 5)', () => {
  it('overdue pay order reaching the collective crime amount', () => {
    const c = evaluateCandidate({ inspections: [order({})], ...none }, TODAY, defaultCreditConfig)!;
    expect(c.conditions).toEqual(['crime_amount']);
    expect(c.evidence.orders[0]).toMatchObject({ recordId: 'I-1', reachesCrimeAmount: true });
    expect(c.key).toBe('1');
  });
  it.each([
    ['not overdue yet', { due: '2026-11-20' }],
    ['paid (rectified)', { rectified: '2026-10-01' }],
    ['closed without date', { status: 'closed' }],
    ['a rectify order, not pay', { order: 'rectify' }],
    ['below the amount, no incident', { amount: 99_999 }],
    ['2–9 workers: split unknown', { workers: 5, amount: 1_000_000 }],
  ])('no candidate: %s', (_w, o) => {
    expect(evaluateCandidate({ inspections: [order(o)], ...none }, TODAY, defaultCreditConfig)).toBeNull();
  });
  it('one worker: the single figure; configurable', () => {
    expect(
      evaluateCandidate({ inspections: [order({ workers: 1, amount: 20_000 })], ...none }, TODAY, defaultCreditConfig)
        ?.conditions,
    ).toEqual(['crime_amount']);
    expect(
      evaluateCandidate({ inspections: [order({ workers: 1, amount: 8_000 })], ...none }, TODAY, defaultCreditConfig),
    ).toBeNull();
    expect(
      evaluateCandidate({ inspections: [order({ workers: 1, amount: 8_000 })], ...none }, TODAY, {
        ...defaultCreditConfig,
        crimeAmountSingle: 5_000,
      }),
    ).not.toBeNull();
  });
  it('below the amount but linked to a collective wage petition or an extreme-event mention', () => {
    const small = order({ amount: 10_000 });
    const petitions = [
      { id: 7, recordId: 'P-7', received: '2026-10-01', categories: ['wage_arrears'], petitioners: 15 },
    ];
    expect(
      evaluateCandidate({ inspections: [small], petitions, mentions: [] }, TODAY, defaultCreditConfig)?.conditions,
    ).toEqual(['collective_petition']);
    // Too few petitioners, another category, or long before the order: not linked.
    expect(
      evaluateCandidate(
        { inspections: [small], petitions: [{ ...petitions[0]!, petitioners: 9 }], mentions: [] },
        TODAY,
        defaultCreditConfig,
      ),
    ).toBeNull();
    expect(
      evaluateCandidate(
        { inspections: [small], petitions: [{ ...petitions[0]!, categories: ['deduction'] }], mentions: [] },
        TODAY,
        defaultCreditConfig,
      ),
    ).toBeNull();
    expect(
      evaluateCandidate(
        { inspections: [small], petitions: [{ ...petitions[0]!, received: '2026-01-01' }], mentions: [] },
        TODAY,
        defaultCreditConfig,
      ),
    ).toBeNull();
    const mentions = [
      { id: 3, itemId: 9, at: '2026-11-19T10:00:00Z', major: true, categories: ['extreme'], title: '骑手跳楼' },
    ];
    expect(
      evaluateCandidate({ inspections: [small], petitions: [], mentions }, TODAY, defaultCreditConfig)?.conditions,
    ).toEqual(['extreme_event']);
    expect(
      evaluateCandidate(
        { inspections: [small], petitions: [], mentions: [{ ...mentions[0]!, major: false }] },
        TODAY,
        defaultCreditConfig,
      ),
    ).toBeNull();
  });
});
