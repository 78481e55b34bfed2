import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  boundsOf,
  formatWeek,
  parseWeek,
  previousWeekOf,
  shiftWeek,
  weekOf,
  weeksEndingWith,
  weeksInYear,
} from '../../../src/domain/digest/week.ts';
import { median, percentile } from '../../../src/domain/digest/stats.ts';
import { sameDayDeadline } from '../../../src/domain/digest/assemble.ts';
import { changeText, minutesText } from '../../../src/domain/digest/labels.ts';

describe('ISO weeks on the Shanghai calendar', () => {
  it('bounds a week Monday 00:00 to Monday 00:00 UTC+8', () => {
    const b = boundsOf(parseWeek('2026-W47'));
    expect([b.firstDay, b.lastDay, b.start.toISOString(), b.end.toISOString()]).toEqual([
      '2026-11-16',
      '2026-11-22',
      '2026-11-15T16:00:00.000Z',
      '2026-11-22T16:00:00.000Z',
    ]);
  });
  it('knows year edges and 53-week years', () => {
    expect(formatWeek(weekOf(new Date('2026-01-01T00:00:00+08:00')))).toBe('2026-W01');
    expect(formatWeek(weekOf(new Date('2027-01-01T00:00:00+08:00')))).toBe('2026-W53');
    expect(formatWeek(weekOf(new Date('2024-12-30T00:00:00+08:00')))).toBe('2025-W01');
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(() => parseWeek('2025-W53')).toThrow(/no week 53/);
    expect(() => parseWeek('2026-47')).toThrow(/ISO week/);
  });
  it('the Monday job at 08:00 Shanghai builds the week before; Sunday 23:59 Shanghai is still that week', () => {
    expect(formatWeek(previousWeekOf(new Date('2026-11-23T00:00:00Z')))).toBe('2026-W47');
    expect(formatWeek(weekOf(new Date('2026-11-22T15:59:59Z')))).toBe('2026-W47');
    expect(formatWeek(weekOf(new Date('2026-11-22T16:00:00Z')))).toBe('2026-W48');
  });
  it('weeks are contiguous 7-day spans (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 52 }),
        fc.integer({ min: -60, max: 60 }),
        (y, w, n) => {
          const a = shiftWeek({ year: y, week: w }, n);
          const b = boundsOf(shiftWeek(a, 1));
          expect(b.start.getTime()).toBe(boundsOf(a).end.getTime());
          expect(formatWeek(weekOf(new Date(boundsOf(a).start.getTime() + 3_600_000)))).toBe(formatWeek(a));
          expect(parseWeek(formatWeek(a))).toEqual(a);
        },
      ),
    );
  });
  it('12 weeks end with the given one', () => {
    const ws = weeksEndingWith(parseWeek('2026-W02'), 12).map((b) => b.label);
    expect(ws[0]).toBe('2025-W43');
    expect(ws[11]).toBe('2026-W02');
  });
});

describe('response statistics', () => {
  it('median and nearest-rank p90', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 90])).toBe(30);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([30, 10, 90], 90)).toBe(90);
    expect(
      percentile(
        Array.from({ length: 10 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(9);
  });
  it('a major opinion alert without a stored deadline is due at the end of its Shanghai day', () => {
    expect(new Date(sameDayDeadline({ raisedAt: '2026-11-17T14:00:00Z', handleDueAt: null })).toISOString()).toBe(
      '2026-11-17T16:00:00.000Z',
    );
  });
  it('texts', () => {
    expect([changeText(3), changeText(-2), changeText(0), changeText(1.5)]).toEqual(['+3', '−2', '持平', '+1.5']);
    expect([minutesText(30), minutesText(90), minutesText(120), minutesText(null)]).toEqual([
      '30 分钟',
      '1 小时 30 分',
      '2 小时',
      '—',
    ]);
  });
});
