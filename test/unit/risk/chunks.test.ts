import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planChunks } from '../../../src/scoring/chunks.ts';

const firms = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
const ids = (chunks: Array<Array<{ id: number }>>) => chunks.map((c) => c.map((f) => f.id));

describe('planChunks: chunks of a scoring run bounded by firms and by records', () => {
  it('cuts by firms when records are few', () => {
    expect(ids(planChunks(firms(5), () => 1, { firms: 2, records: 100 }))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('cuts by records when a few firms carry many', () => {
    const records = new Map([
      [1, 40],
      [2, 40],
      [3, 40],
      [4, 10],
      [5, 10],
    ]);
    expect(ids(planChunks(firms(5), (id) => records.get(id) ?? 0, { firms: 100, records: 90 }))).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('gives a firm over the record limit a chunk of its own, never splitting it', () => {
    const records = new Map([[2, 500]]);
    expect(ids(planChunks(firms(4), (id) => records.get(id) ?? 1, { firms: 100, records: 10 }))).toEqual([
      [1],
      [2],
      [3, 4],
    ]);
  });

  it('plans nothing for no firms', () => {
    expect(planChunks([], () => 1)).toEqual([]);
  });

  it('keeps every firm once, in order, and each chunk within its limits unless a single firm exceeds them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(300), { maxLength: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 1000 }),
        (counts, maxFirms, maxRecords) => {
          const list = firms(counts.length);
          const chunks = planChunks(list, (id) => counts[id - 1]!, { firms: maxFirms, records: maxRecords });
          expect(chunks.flat()).toEqual(list);
          for (const c of chunks) {
            expect(c.length).toBeGreaterThan(0);
            expect(c.length).toBeLessThanOrEqual(maxFirms);
            const sum = c.reduce((s, f) => s + counts[f.id - 1]!, 0);
            if (c.length > 1) expect(sum).toBeLessThanOrEqual(maxRecords);
          }
          // Greedy: no two neighbouring chunks could have been one.
          for (let k = 1; k < chunks.length; k++) {
            const a = chunks[k - 1]!;
            const sumA = a.reduce((s, f) => s + counts[f.id - 1]!, 0);
            const first = chunks[k]![0]!;
            expect(a.length >= maxFirms || sumA + counts[first.id - 1]! > maxRecords).toBe(true);
          }
        },
      ),
    );
  });
});
