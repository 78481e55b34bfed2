import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHAIN_WINDOW_DAYS,
  inspectionChains,
  type AsOf,
  type ChainRecord,
} from '../../src/domain/inspection-chains.ts';
import { dayNumber } from '../../src/domain/scoring/calendar.ts';

// The indexed grouping (references by key, orders by kind and due date in a
// sliding window) must give exactly the chains of the plain definition: each
// record compared with every earlier chain, newest first. This is that plain
// definition, as it stood before the index (issue 14; rescoring a firm with
// 20,000 inspections took seconds with it).
function reference<T extends ChainRecord>(records: readonly T[], asOf?: AsOf | string): T[][] {
  const known = (r: ChainRecord) => {
    if (asOf === undefined) return true;
    const a = typeof asOf === 'string' ? { date: asOf } : asOf;
    return r.date <= a.date && (a.ms === undefined || r.at === undefined || r.at === null || r.at <= a.ms);
  };
  const near = (a: number | null, b: number | null) =>
    a !== null && b !== null && Math.abs(a - b) <= Math.max(a, b) * 0.1;
  const sameMatter = (e: ChainRecord, l: ChainRecord) => {
    if (e.order !== 'pay' && e.order !== 'rectify') return false;
    const gap = dayNumber(l.date) - dayNumber(e.date);
    if (!(gap >= 0 && gap <= CHAIN_WINDOW_DAYS)) return false;
    if (!l.violations.some((v) => e.violations.includes(v))) return false;
    if (e.due !== null && l.due !== null) return e.due === l.due;
    return near(e.workers, l.workers) && near(e.amount, l.amount);
  };
  if (records.length < 2) return records.map((r) => [r]);
  const sorted = [...records].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id),
  );
  const chains: T[][] = [];
  for (const l of sorted) {
    let chain: T[] | undefined;
    if (known(l)) {
      const ref = l.related?.trim() || null;
      for (let i = chains.length - 1; i >= 0 && !chain; i--) {
        const c = chains[i]!;
        if (!known(c[0]!)) continue;
        if (ref !== null && c.some((e) => e.recordId === ref || (e.related?.trim() || null) === ref)) chain = c;
      }
      for (let i = chains.length - 1; ref === null && i >= 0 && !chain; i--) {
        const c = chains[i]!;
        if (!known(c[0]!)) continue;
        if (c.some((e) => sameMatter(e, l))) chain = c;
      }
    }
    if (chain) chain.push(l);
    else chains.push([l]);
  }
  return chains;
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const records = fc
  .array(
    fc.record({
      d: fc.integer({ min: 0, max: 500 }),
      violations: fc.subarray(['wage_arrears', 'social_insurance', 'overtime'], { minLength: 1 }),
      workers: fc.option(fc.constantFrom(3, 23, 24, 40), { nil: null }),
      amount: fc.option(fc.constantFrom(9_000, 186_400, 187_000, 400_000), { nil: null }),
      order: fc.option(fc.constantFrom('pay', 'rectify', 'warn'), { nil: null }),
      due: fc.option(fc.integer({ min: 0, max: 520 }), { nil: null }),
      related: fc.option(fc.constantFrom('JC-1', 'JC-3', 'ORDER-7', ' JC-2 ', ''), { nil: null }),
    }),
    { maxLength: 60 },
  )
  .map((xs) =>
    xs.map((x, i): ChainRecord & { id: number } => ({
      id: i + 1,
      recordId: `JC-${i + 1}`,
      date: day(x.d),
      violations: x.violations,
      workers: x.workers,
      amount: x.amount,
      order: x.order,
      due: x.due === null ? null : day(x.due),
      rectified: null,
      status: null,
      related: x.related,
    })),
  );

const ids = (chains: Array<Array<{ id: number | string }>>) => chains.map((c) => c.map((r) => r.id));

describe("inspection chains: the index gives the plain definition's chains", () => {
  it('on random records, with and without an as-of date', () => {
    fc.assert(
      fc.property(records, fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), (rs, asOf) => {
        const at = asOf === null ? undefined : day(asOf);
        expect(ids(inspectionChains(rs, at))).toEqual(ids(reference(rs, at)));
      }),
      { numRuns: 2000 },
    );
  });

  it('whatever the ids: repeated, negative, fractional, text — sorted as (date, id) then input order', () => {
    const odd = fc.tuple(
      records,
      fc.array(fc.constantFrom<number | string>(1, 2, 2, 7, -3, 2.5, '4', '12', 'x', 0), {
        minLength: 60,
        maxLength: 60,
      }),
    );
    fc.assert(
      fc.property(odd, fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }), ([rs, idOf], asOf) => {
        const withIds = rs.map((r, i) => ({ ...r, id: idOf[i]! }));
        const at = asOf === null ? undefined : day(asOf);
        const recordIds = (chains: ReadonlyArray<ReadonlyArray<ChainRecord>>) =>
          chains.map((c) => c.map((r) => r.recordId));
        expect(recordIds(inspectionChains(withIds, at))).toEqual(recordIds(reference(withIds, at)));
      }),
      { numRuns: 1000 },
    );
  });

  it('on a busy firm (3,000 inspections over two years), the same chains', () => {
    const rs: Array<ChainRecord & { id: number }> = [];
    for (let i = 0; i < 3000; i++) {
      const d = Math.floor(i / 4);
      rs.push({
        id: i + 1,
        recordId: `JC-${i + 1}`,
        date: day(d),
        violations: [i % 3 === 0 ? 'overtime' : 'wage_arrears'],
        workers: 10 + (i % 7),
        amount: 10_000 * (1 + (i % 5)),
        order: i % 2 === 0 ? 'pay' : null,
        due: i % 5 === 0 ? null : day(d + 15 + (i % 3)),
        rectified: null,
        status: null,
        related: i % 97 === 0 ? `JC-${i - 10}` : null,
      });
    }
    expect(ids(inspectionChains(rs))).toEqual(ids(reference(rs)));
  });
});
