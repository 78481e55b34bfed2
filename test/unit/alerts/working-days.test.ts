import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CN_CALENDAR_YEARS,
  CN_HOLIDAYS,
  CN_MAKEUP_WORKDAYS,
  type WorkCalendar,
  addWorkingDays,
  defaultSlaConfig,
  isWorkingDay,
  nextWorkingDay,
  uncoveredYears,
} from '../../../src/domain/alerts/index.ts';
import { dayNumber, shanghaiDayOf } from '../../../src/domain/scoring/calendar.ts';
import { sh } from './helpers.ts';

const cn = defaultSlaConfig.calendar;
const plain: WorkCalendar = { holidays: [], makeupWorkdays: [] };
const working = (date: string, cal = cn) => isWorkingDay(dayNumber(date), cal);

const CN_HOLIDAYS_2026 = CN_HOLIDAYS.filter((d) => d.startsWith('2026-'));
const CN_MAKEUP_WORKDAYS_2026 = CN_MAKEUP_WORKDAYS.filter((d) => d.startsWith('2026-'));

describe('the published calendar (chinese-days)', () => {
  it('covers 2004 to at least 2026, a holiday list for every year', () => {
    expect(CN_CALENDAR_YEARS[0]).toBe(2004);
    expect(CN_CALENDAR_YEARS.at(-1)).toBeGreaterThanOrEqual(2026);
    expect(CN_CALENDAR_YEARS).toHaveLength(CN_CALENDAR_YEARS.at(-1)! - 2004 + 1);
    expect(defaultSlaConfig.calendar.coveredYears).toEqual(CN_CALENDAR_YEARS);
  });

  it('names the years a span reaches beyond it, so a deadline there can be warned about', () => {
    const last = CN_CALENDAR_YEARS.at(-1)!;
    expect(uncoveredYears(cn, dayNumber(`${last}-06-01`), dayNumber(`${last}-12-31`))).toEqual([]);
    expect(uncoveredYears(cn, dayNumber(`${last}-12-01`), dayNumber(`${last + 1}-01-05`))).toEqual([last + 1]);
    expect(uncoveredYears(plain, dayNumber('2031-01-01'), dayNumber('2032-01-01'))).toEqual([]);
  });

  it('keeps the 2004 Spring Festival as published (a year the old hand list never had)', () => {
    expect(working('2004-01-22')).toBe(false);
    expect(working('2004-01-17')).toBe(true); // Saturday, 调休
  });
});

describe('the 2026 PRC calendar (国务院办公厅关于2026年部分节假日安排的通知)', () => {
  it('has the seven holidays with their lengths: 3 + 9 + 3 + 5 + 3 + 3 + 7 days', () => {
    expect(CN_HOLIDAYS_2026).toHaveLength(33);
    expect(new Set(CN_HOLIDAYS_2026).size).toBe(33);
    for (const d of [
      '2026-01-01',
      '2026-01-03',
      '2026-02-15',
      '2026-02-23',
      '2026-04-06',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-07',
    ]) {
      expect(CN_HOLIDAYS_2026).toContain(d);
    }
  });

  it('make-up working days are all weekend days, and working', () => {
    expect(CN_MAKEUP_WORKDAYS_2026).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    for (const d of CN_MAKEUP_WORKDAYS_2026) {
      expect(working(d, plain)).toBe(false);
      expect(working(d)).toBe(true);
    }
  });

  it('holiday weekdays are days off; ordinary weekdays and weekends are as usual', () => {
    expect(working('2026-10-01')).toBe(false); // Thursday
    expect(working('2026-02-23')).toBe(false); // Monday
    expect(working('2026-10-08')).toBe(true);
    expect(working('2026-11-07')).toBe(false); // Saturday
    expect(working('2026-11-09')).toBe(true); // Monday
  });
});

describe('working-day arithmetic', () => {
  it('nextWorkingDay skips weekends and holidays', () => {
    expect(nextWorkingDay(dayNumber('2026-11-06'), cn)).toBe(dayNumber('2026-11-09'));
    expect(nextWorkingDay(dayNumber('2026-09-30'), cn)).toBe(dayNumber('2026-10-08'));
    expect(nextWorkingDay(dayNumber('2026-02-13'), cn)).toBe(dayNumber('2026-02-14'));
  });

  it('keeps the time of day when raised on a working day', () => {
    expect(addWorkingDays(sh('2026-11-02 10:00'), 1, cn)).toEqual(sh('2026-11-03 10:00'));
    expect(addWorkingDays(sh('2026-11-06 23:59'), 1, cn)).toEqual(sh('2026-11-09 23:59'));
  });

  it('raised at 00:00 of a working day, that whole day counts', () => {
    expect(addWorkingDays(sh('2026-11-02 00:00'), 1, cn)).toEqual(sh('2026-11-03 00:00'));
    expect(addWorkingDays(sh('2026-11-06 00:00'), 1, cn)).toEqual(sh('2026-11-07 00:00'));
  });

  it('raised on a non-working day, the clock starts at 00:00 of the next working day', () => {
    expect(addWorkingDays(sh('2026-11-08 22:00'), 1, cn)).toEqual(sh('2026-11-10 00:00'));
    expect(addWorkingDays(sh('2026-11-07 09:00'), 3, cn)).toEqual(addWorkingDays(sh('2026-11-09 00:00'), 3, cn));
  });

  it('the working time between raise and due is exactly N × 24 h', () => {
    const cal = cn;
    const arb = fc.tuple(
      fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 1, max: 10 }),
    );
    fc.assert(
      fc.property(arb, ([from, n]) => {
        const due = addWorkingDays(from, n, cal);
        expect(due.getTime()).toBeGreaterThan(from.getTime());
        // Sum the working-day time in [from, due) day by day.
        let total = 0;
        for (let d = shanghaiDayOf(from); d <= shanghaiDayOf(due); d++) {
          if (!isWorkingDay(d, cal)) continue;
          const start = Math.max(from.getTime(), d * 86_400_000 - 8 * 3_600_000);
          const end = Math.min(due.getTime(), (d + 1) * 86_400_000 - 8 * 3_600_000);
          if (end > start) total += end - start;
        }
        expect(total).toBe(n * 86_400_000);
      }),
    );
  });

  it('refuses a negative or fractional count, and a calendar without working days', () => {
    expect(() => addWorkingDays(sh('2026-11-02 10:00'), -1, cn)).toThrow(/whole number/);
    expect(() => addWorkingDays(sh('2026-11-02 10:00'), 1.5, cn)).toThrow(/whole number/);
    const everyDayOff: WorkCalendar = {
      holidays: Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2026, 10, 3 + i)).toISOString().slice(0, 10)),
      makeupWorkdays: [],
    };
    expect(() => nextWorkingDay(dayNumber('2026-11-02'), everyDayOff)).toThrow(/no working day/);
  });
});
