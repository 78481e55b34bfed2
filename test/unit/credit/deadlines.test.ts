import { describe, expect, it } from 'vitest';
import {
  addMonths,
  expectedExit,
  nthWorkingDayAfter,
  objectionDeadlines,
  statementDue,
} from '../../../src/domain/credit/deadlines.ts';
import { defaultCreditConfig, parseCreditConfig, newCase, transition } from '../../../src/domain/credit/index.ts';
import { CN_HOLIDAYS, CN_MAKEUP_WORKDAYS } from '../../../src/domain/alerts/holidays-cn.ts';

const cal = { holidays: CN_HOLIDAYS, makeupWorkdays: CN_MAKEUP_WORKDAYS };
const plain = { holidays: [], makeupWorkdays: [] };

describe('working-day periods (weekends, 2026 holidays, 调休)', () => {
  it.each([
    ['2026-11-16', 5, '2026-11-23', 'Mon → next Mon (weekend skipped)'],
    ['2026-11-20', 5, '2026-11-27', 'Fri → next Fri'],
    ['2026-11-21', 5, '2026-11-27', 'notice on a Saturday: Mon is the first day'],
    ['2026-09-24', 5, '2026-10-09', '中秋 25–27 Sep and 国庆 1–7 Oct off: 28, 29, 30 Sep, 8, 9 Oct'],
    ['2026-09-30', 1, '2026-10-08', 'the day before 国庆 → 8 Oct'],
    ['2026-10-08', 2, '2026-10-10', 'the 调休 Saturday 10 Oct is a working day'],
    ['2026-09-18', 1, '2026-09-20', 'the 调休 Sunday 20 Sep counts'],
    ['2026-02-13', 5, '2026-02-27', '春节: Sat 14 Feb worked, 15–23 Feb off'],
    ['2026-04-30', 1, '2026-05-06', '劳动节 1–5 May'],
    ['2026-05-08', 1, '2026-05-09', 'Sat 9 May is a make-up working day'],
  ])('%s + %i working days → %s (%s)', (from, n, expected) => {
    expect(nthWorkingDayAfter(from, n, cal)).toBe(expected);
  });

  it('without the holiday calendar only weekends are skipped', () => {
    expect(nthWorkingDayAfter('2026-09-30', 1, plain)).toBe('2026-10-01');
  });

  it('the statement period ends at 24:00 Shanghai of its last working day; N is configurable', () => {
    // 8, 9, Sat 10 (调休), 12, 13 Oct.
    expect(statementDue('2026-09-30', 5, cal).toISOString()).toBe('2026-10-13T16:00:00.000Z');
    const three = parseCreditConfig({ statementWorkingDays: 3 });
    const c = transition(
      { ...newCase(), state: 'proposed', proposerId: 1 },
      'notify',
      { userId: 1, name: 'i', role: 'inspector' },
      { noticeNo: 'n', noticeDate: '2026-11-20' },
      new Date('2026-11-20T04:00:00Z'),
      cal,
      three,
    ).next;
    expect(c.statementDueAt).toBe('2026-11-25T16:00:00.000Z');
    expect(() => parseCreditConfig({ statementWorkingDays: -1 })).toThrow(/statementWorkingDays/);
    expect(() => parseCreditConfig({ nope: 1 })).toThrow(/invalid credit config/);
  });

  it('objections: marked within 1 working day, decided within 5', () => {
    // Wed 30 Sep 2026, 15:00 Shanghai, before 国庆.
    const d = objectionDeadlines(new Date('2026-09-30T07:00:00Z'), 1, 5, cal);
    expect(d.markDue.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(d.decideDue.toISOString()).toBe('2026-10-13T16:00:00.000Z');
    // Received on a Saturday evening (Shanghai): Monday to mark.
    const s = objectionDeadlines(new Date('2026-11-21T12:00:00Z'), 1, 5, cal);
    expect(s.markDue.toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(s.decideDue.toISOString()).toBe('2026-11-27T16:00:00.000Z');
    // 23:30 Shanghai on Friday is still Friday.
    expect(objectionDeadlines(new Date('2026-11-20T15:30:00Z'), 1, 5, cal).markDue.toISOString()).toBe(
      '2026-11-23T16:00:00.000Z',
    );
  });

  it('calendar arithmetic for terms', () => {
    expect(expectedExit('2026-11-20', defaultCreditConfig.termYears)).toBe('2029-11-20');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
});
