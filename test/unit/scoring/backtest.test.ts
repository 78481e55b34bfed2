import { describe, expect, it } from 'vitest';
import { evaluateBacktest, median } from '../../../src/domain/scoring/backtest.ts';
import type { Level } from '../../../src/domain/scoring/index.ts';

// Day numbers 100..199, one replayed day each.
const days = Array.from({ length: 100 }, (_, i) => 100 + i);
/** A series that holds `level` on the given day ranges [from, to] (inclusive), else null. */
function series(...spans: Array<[number, number, Level]>): Array<Level | null> {
  return days.map((d) => spans.find(([a, b]) => d >= a && d <= b)?.[2] ?? null);
}
const report = (
  levels: Map<number, Array<Level | null>>,
  incidents: Array<{ firmId: number; day: number }>,
  horizonDays = 30,
) => Object.fromEntries(evaluateBacktest({ days, levels, incidents, horizonDays }).map((r) => [r.level, r]));

describe('backtest arithmetic', () => {
  it('counts an incident as preceded by each level reached in the horizon before it, with the earliest lead', async () => {
    const r = report(new Map([[1, series([150, 159, 'yellow'], [160, 169, 'orange'])]]), [{ firmId: 1, day: 170 }]);
    expect(r.yellow).toMatchObject({ incidents: 1, preceded: 1, medianLeadDays: 20 });
    expect(r.orange).toMatchObject({ preceded: 1, medianLeadDays: 10 });
    expect(r.blue).toMatchObject({ preceded: 1, medianLeadDays: 20 });
    expect(r.red).toMatchObject({ preceded: 0, medianLeadDays: null });
  });

  it('a warning on the day of the incident, or before the horizon, is no warning', () => {
    const sameDay = report(new Map([[1, series([170, 175, 'red'])]]), [{ firmId: 1, day: 170 }]);
    expect(sameDay.red!.preceded).toBe(0);
    const tooEarly = report(new Map([[1, series([110, 120, 'red'])]]), [{ firmId: 1, day: 170 }], 30);
    expect(tooEarly.red!.preceded).toBe(0);
    const inHorizon = report(new Map([[1, series([110, 120, 'red'])]]), [{ firmId: 1, day: 170 }], 60);
    expect(inHorizon.red).toMatchObject({ preceded: 1, medianLeadDays: 60 });
  });

  it('counts firms that reached a level without a following incident, and which of those are still pending', () => {
    const levels = new Map([
      [1, series([120, 125, 'red'])], // incident 10 days after: followed
      [2, series([120, 125, 'red'])], // no incident: a false alarm
      [3, series([190, 199, 'red'])], // no incident yet, window still open at the end
      [4, series()],
    ]);
    const r = report(levels, [{ firmId: 1, day: 135 }]);
    expect(r.red).toMatchObject({ firmsReached: 3, firmsWithIncident: 1, firmsWithoutIncident: 2, firmsPending: 1 });
  });

  it('only counts incidents inside the replayed period', () => {
    const r = report(new Map([[1, series([100, 199, 'blue'])]]), [
      { firmId: 1, day: 90 },
      { firmId: 1, day: 250 },
      { firmId: 1, day: 150 },
    ]);
    expect(r.blue!.incidents).toBe(1);
  });

  it('median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
