import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type SlaConfig,
  defaultSlaConfig,
  dueTimes,
  isOfficeHours,
  isOverdue,
  nextBreachAt,
  parseSlaConfig,
  slaBreaches,
} from '../../../src/domain/alerts/index.ts';
import { Invalid } from '../../../src/domain/errors.ts';
import { sh } from './helpers.ts';

const major = (raisedAt: Date, config?: SlaConfig) =>
  dueTimes({ level: 'red', rule: 'major_opinion', raisedAt }, config);

describe('red major opinion: 重大舆情不过夜', () => {
  it('is acknowledged within 30 minutes', () => {
    expect(major(sh('2026-11-03 10:00')).ackDueAt).toEqual(sh('2026-11-03 10:30'));
  });

  it('is disposed of by midnight of the Shanghai day it was raised', () => {
    expect(major(sh('2026-11-03 09:15')).handleDueAt).toEqual(sh('2026-11-04 00:00'));
    expect(major(sh('2026-11-03 19:59:59')).handleDueAt).toEqual(sh('2026-11-04 00:00'));
  });

  it('不过夜 means what it says: raised 21:32 is due by 24:00 that day, not 01:32', () => {
    expect(major(sh('2026-11-03 21:32')).handleDueAt).toEqual(sh('2026-11-04 00:00'));
    expect(major(sh('2026-11-03 23:59:59')).handleDueAt).toEqual(sh('2026-11-04 00:00'));
  });

  it('the evening rule is configurable but never passes midnight', () => {
    const c = parseSlaConfig({
      deadlines: [
        {
          level: 'red',
          rule: 'major_opinion',
          ack: null,
          handle: { kind: 'same_day', by: '24:00', lateFrom: '20:00', lateMinutes: 240 },
        },
      ],
    });
    expect(major(sh('2026-11-03 19:00'), c).handleDueAt).toEqual(sh('2026-11-04 00:00'));
    expect(major(sh('2026-11-03 20:00'), c).handleDueAt).toEqual(sh('2026-11-04 00:00'));
    expect(major(sh('2026-11-03 21:32'), c).handleDueAt).toEqual(sh('2026-11-04 00:00'));
    const early = parseSlaConfig({
      deadlines: [
        {
          level: 'red',
          rule: 'major_opinion',
          ack: null,
          handle: { kind: 'same_day', by: '22:00', lateFrom: '18:00', lateMinutes: 60 },
        },
      ],
    });
    expect(major(sh('2026-11-03 18:30'), early).handleDueAt).toEqual(sh('2026-11-03 19:30'));
    expect(major(sh('2026-11-03 23:30'), early).handleDueAt).toEqual(sh('2026-11-04 00:00'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_399 }), (sec) => {
        const at = new Date(sh('2026-11-03 00:00').getTime() + sec * 1000);
        const due = major(at, c).handleDueAt!.getTime();
        return due > at.getTime() && due <= sh('2026-11-04 00:00').getTime();
      }),
    );
  });

  it('authoritative information is due within 5 hours (国办发〔2016〕61号), a milestone apart from the disposal', () => {
    expect(major(sh('2026-11-03 10:00')).infoDueAt).toEqual(sh('2026-11-03 15:00'));
    expect(major(sh('2026-11-03 21:32')).infoDueAt).toEqual(sh('2026-11-04 02:32'));
    expect(dueTimes({ level: 'red', rule: 'risk_level', raisedAt: sh('2026-11-03 10:00') }).infoDueAt).toBeNull();
  });

  it('a new Shanghai day starts a new same-day deadline at 00:00, whatever the UTC date', () => {
    expect(major(sh('2026-11-04 00:00')).handleDueAt).toEqual(sh('2026-11-05 00:00'));
    expect(major(sh('2026-11-04 00:01')).handleDueAt).toEqual(sh('2026-11-05 00:00'));
    // 00:01 Shanghai is 16:01 UTC of the previous day.
    expect(sh('2026-11-04 00:01').toISOString()).toBe('2026-11-03T16:01:00.000Z');
  });

  it('ignores weekends and holidays: opinion does not wait', () => {
    expect(major(sh('2026-10-03 12:00')).handleDueAt).toEqual(sh('2026-10-04 00:00'));
  });

  it('other rules at red use the general red entry', () => {
    const d = dueTimes({ level: 'red', rule: 'collective_wage_petition', raisedAt: sh('2026-11-03 23:30') });
    expect(d).toEqual({ ackDueAt: sh('2026-11-04 00:30'), handleDueAt: sh('2026-11-04 23:30'), infoDueAt: null });
  });

  it('major_opinion at a lower level follows that level', () => {
    const d = dueTimes({ level: 'orange', rule: 'major_opinion', raisedAt: sh('2026-11-03 10:00') });
    expect(d.ackDueAt).toEqual(sh('2026-11-03 14:00'));
  });
});

describe('red, orange, yellow, blue defaults', () => {
  it('red: acknowledge 1 h, handle 24 h, regardless of the calendar', () => {
    expect(dueTimes({ level: 'red', rule: 'x', raisedAt: sh('2026-11-06 18:00') })).toEqual({
      ackDueAt: sh('2026-11-06 19:00'),
      handleDueAt: sh('2026-11-07 18:00'),
      infoDueAt: null,
    });
  });

  it('orange: acknowledge 4 h; handle 3 working days, across a weekend', () => {
    expect(dueTimes({ level: 'orange', rule: 'x', raisedAt: sh('2026-11-06 10:00') })).toEqual({
      ackDueAt: sh('2026-11-06 14:00'),
      handleDueAt: sh('2026-11-11 10:00'),
      infoDueAt: null,
    });
  });

  it('orange across the Spring Festival: the 调休 Saturday counts, the holiday and its weekends do not', () => {
    // Fri 13 Feb → Sat 14 (调休, 1) → 15–23 off → Tue 24 (2) → Wed 25 (3)
    expect(dueTimes({ level: 'orange', rule: 'x', raisedAt: sh('2026-02-13 10:00') }).handleDueAt).toEqual(
      sh('2026-02-25 10:00'),
    );
  });

  it('orange across National Day: the holiday week is skipped and 10 Oct (Saturday, 调休) is worked', () => {
    expect(dueTimes({ level: 'orange', rule: 'x', raisedAt: sh('2026-09-29 10:00') }).handleDueAt).toEqual(
      sh('2026-10-09 10:00'),
    );
    expect(dueTimes({ level: 'orange', rule: 'x', raisedAt: sh('2026-10-08 10:00') }).handleDueAt).toEqual(
      sh('2026-10-12 10:00'),
    );
  });

  it('orange raised on a non-working day counts from 00:00 of the next working day', () => {
    // Sat 7 Nov → Mon, Tue, Wed whole → due at the end of Wednesday.
    expect(dueTimes({ level: 'orange', rule: 'x', raisedAt: sh('2026-11-07 15:00') }).handleDueAt).toEqual(
      sh('2026-11-12 00:00'),
    );
    // Raised during the holiday: counts from Thu 8 Oct, then Fri, then the 调休 Saturday.
    expect(dueTimes({ level: 'orange', rule: 'x', raisedAt: sh('2026-10-03 15:00') }).handleDueAt).toEqual(
      sh('2026-10-11 00:00'),
    );
  });

  it('yellow: acknowledge by 17:30 of the next working day; Friday evening → Monday', () => {
    expect(dueTimes({ level: 'yellow', rule: 'x', raisedAt: sh('2026-11-06 19:00') })).toEqual({
      ackDueAt: sh('2026-11-09 17:30'),
      handleDueAt: null,
      infoDueAt: null,
    });
    expect(dueTimes({ level: 'yellow', rule: 'x', raisedAt: sh('2026-11-03 08:00') }).ackDueAt).toEqual(
      sh('2026-11-04 17:30'),
    );
    expect(dueTimes({ level: 'yellow', rule: 'x', raisedAt: sh('2026-11-07 08:00') }).ackDueAt).toEqual(
      sh('2026-11-09 17:30'),
    );
  });

  it('yellow before a holiday: the next working day is after it', () => {
    expect(dueTimes({ level: 'yellow', rule: 'x', raisedAt: sh('2026-09-30 16:00') }).ackDueAt).toEqual(
      sh('2026-10-08 17:30'),
    );
    expect(dueTimes({ level: 'yellow', rule: 'x', raisedAt: sh('2026-02-13 16:00') }).ackDueAt).toEqual(
      sh('2026-02-14 17:30'),
    );
  });

  it('blue has no deadlines', () => {
    expect(dueTimes({ level: 'blue', rule: 'x', raisedAt: sh('2026-11-03 10:00') })).toEqual({
      ackDueAt: null,
      handleDueAt: null,
      infoDueAt: null,
    });
  });

  it('refuses an invalid raise instant', () => {
    expect(() => dueTimes({ level: 'red', rule: 'x', raisedAt: new Date('nope') })).toThrow(Invalid);
  });
});

describe('configuration', () => {
  it('office closing time is configurable', () => {
    const c = parseSlaConfig({ officeHours: { close: '18:00' } });
    expect(dueTimes({ level: 'yellow', rule: 'x', raisedAt: sh('2026-11-06 19:00') }, c).ackDueAt).toEqual(
      sh('2026-11-09 18:00'),
    );
    expect(c.officeHours.open).toBe('09:00');
  });

  it('a rule-specific entry wins over the level entry, which still serves other rules', () => {
    const c = parseSlaConfig({
      deadlines: [{ level: 'orange', rule: 'overdue_wage_order', ack: { kind: 'minutes', minutes: 30 }, handle: null }],
    });
    expect(dueTimes({ level: 'orange', rule: 'overdue_wage_order', raisedAt: sh('2026-11-03 10:00') }, c)).toEqual({
      ackDueAt: sh('2026-11-03 10:30'),
      handleDueAt: null,
      infoDueAt: null,
    });
    expect(dueTimes({ level: 'orange', rule: 'other', raisedAt: sh('2026-11-03 10:00') }, c).ackDueAt).toEqual(
      sh('2026-11-03 14:00'),
    );
    expect(c.deadlines).toHaveLength(defaultSlaConfig.deadlines.length + 1);
  });

  it('an override of a level entry replaces the default one', () => {
    const c = parseSlaConfig({ deadlines: [{ level: 'blue', ack: { kind: 'working_days', days: 5 }, handle: null }] });
    expect(c.deadlines).toHaveLength(defaultSlaConfig.deadlines.length);
    expect(dueTimes({ level: 'blue', rule: 'x', raisedAt: sh('2026-11-02 10:00') }, c).ackDueAt).toEqual(
      sh('2026-11-09 10:00'),
    );
  });

  it('holidays and make-up days are configurable; without the published calendar it is plain Monday–Friday', () => {
    const plain = parseSlaConfig({ calendar: { published: false, holidays: [], makeupWorkdays: [] } });
    expect(dueTimes({ level: 'orange', rule: 'x', raisedAt: sh('2026-02-13 10:00') }, plain).handleDueAt).toEqual(
      sh('2026-02-18 10:00'),
    );
    const extra = parseSlaConfig({ calendar: { holidays: ['2026-11-09'], makeupWorkdays: [] } });
    expect(dueTimes({ level: 'yellow', rule: 'x', raisedAt: sh('2026-11-06 19:00') }, extra).ackDueAt).toEqual(
      sh('2026-11-10 17:30'),
    );
  });

  it('the same-day rule takes other hours', () => {
    const c = parseSlaConfig({
      deadlines: [
        {
          level: 'red',
          rule: 'major_opinion',
          ack: null,
          handle: { kind: 'same_day', by: '22:00', lateFrom: '18:00', lateMinutes: 180 },
        },
      ],
    });
    expect(major(sh('2026-11-03 17:59'), c).handleDueAt).toEqual(sh('2026-11-03 22:00'));
    expect(major(sh('2026-11-03 18:00'), c).handleDueAt).toEqual(sh('2026-11-03 21:00'));
  });

  it('rejects bad configs with the path of each problem', () => {
    const bad = (json: unknown) => {
      try {
        parseSlaConfig(json);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(bad({ officeHours: { close: '25:00' } })).toMatch(/officeHours\.close: expected a time of day as HH:MM/);
    expect(bad({ officeHours: { open: '18:00' } })).toMatch(/office hours must open before they close/);
    expect(bad({ calendar: { holidays: ['2026-02-30'] } })).toMatch(
      /calendar\.holidays\.0: expected a real calendar date/,
    );
    expect(bad({ calendar: { holidays: ['2026-11-14'], makeupWorkdays: ['2026-11-14'] } })).toMatch(
      /2026-11-14 is listed both as a holiday and as a make-up working day/,
    );
    expect(bad({ calendar: { published: 'no' } })).toMatch(/calendar/);
    expect(bad({ deadlines: [{ level: 'red', ack: { kind: 'hours', hours: 1 }, handle: null }] })).toMatch(
      /deadlines\.0\.ack/,
    );
    expect(
      bad({
        deadlines: [
          { level: 'red', ack: null, handle: { kind: 'same_day', by: '19:00', lateFrom: '20:00', lateMinutes: 60 } },
        ],
      }),
    ).toMatch(/lateFrom must not be after by/);
    expect(
      bad({
        deadlines: [
          { level: 'red', ack: null, handle: null },
          { level: 'red', rule: null, ack: null, handle: null },
        ],
      }),
    ).toMatch(/duplicate entry for level red/);
    expect(bad('x')).toMatch(/expected object/);
  });

  it('configured days are added over the published calendar, a configured day winning, and its year counts as covered', () => {
    const c = parseSlaConfig({ calendar: { holidays: ['2027-02-08', '2026-02-14'], makeupWorkdays: ['2027-02-06'] } });
    expect(c.calendar.holidays).toContain('2026-10-01'); // published, kept
    expect(c.calendar.holidays).toContain('2027-02-08');
    expect(c.calendar.holidays).toContain('2026-02-14'); // was a published make-up day: configured wins
    expect(c.calendar.makeupWorkdays).not.toContain('2026-02-14');
    expect(c.calendar.makeupWorkdays).toContain('2027-02-06');
    expect(c.calendar.coveredYears).toContain(2027);
    expect(defaultSlaConfig.calendar.coveredYears).not.toContain(2027);
  });

  it('the defaults are frozen', () => {
    expect(Object.isFrozen(defaultSlaConfig.deadlines[0])).toBe(true);
    expect(Object.isFrozen(defaultSlaConfig.calendar.holidays)).toBe(true);
  });
});

describe('overdue', () => {
  const alert = {
    ackDueAt: sh('2026-11-03 11:00'),
    handleDueAt: sh('2026-11-04 10:00'),
    acknowledgedAt: null,
    closedAt: null,
  };

  it('is on time at exactly the deadline and overdue just after', () => {
    expect(isOverdue(alert.ackDueAt, null, sh('2026-11-03 11:00'))).toBe(false);
    expect(isOverdue(alert.ackDueAt, null, sh('2026-11-03 11:00:01'))).toBe(true);
    expect(isOverdue(null, null, sh('2030-01-01 00:00'))).toBe(false);
  });

  it('a late acknowledgement stays a breach; a timely one never becomes one', () => {
    expect(slaBreaches({ ...alert, acknowledgedAt: sh('2026-11-03 12:00') }, sh('2026-11-03 13:00'))).toEqual({
      ack: true,
      handle: false,
    });
    expect(slaBreaches({ ...alert, acknowledgedAt: sh('2026-11-03 10:59') }, sh('2026-11-05 13:00'))).toEqual({
      ack: false,
      handle: true,
    });
    expect(
      slaBreaches(
        { ...alert, acknowledgedAt: sh('2026-11-03 10:59'), closedAt: sh('2026-11-04 09:00') },
        sh('2026-11-09 13:00'),
      ),
    ).toEqual({ ack: false, handle: false });
  });

  it('closing without acknowledging satisfies the acknowledgement if in time', () => {
    expect(slaBreaches({ ...alert, closedAt: sh('2026-11-03 10:30') }, sh('2026-11-09 13:00'))).toEqual({
      ack: false,
      handle: false,
    });
  });

  it('nextBreachAt gives the nearest deadline still to be met', () => {
    expect(nextBreachAt(alert, sh('2026-11-03 10:00'))).toEqual(alert.ackDueAt);
    expect(nextBreachAt({ ...alert, acknowledgedAt: sh('2026-11-03 10:10') }, sh('2026-11-03 10:20'))).toEqual(
      alert.handleDueAt,
    );
    expect(nextBreachAt(alert, sh('2026-11-03 12:00'))).toEqual(alert.handleDueAt);
    expect(nextBreachAt({ ...alert, closedAt: sh('2026-11-03 10:30') }, sh('2026-11-03 10:40'))).toBeNull();
  });

  it('office hours: working days only, open inclusive, close exclusive', () => {
    expect(isOfficeHours(sh('2026-11-03 09:00'))).toBe(true);
    expect(isOfficeHours(sh('2026-11-03 17:30'))).toBe(false);
    expect(isOfficeHours(sh('2026-11-07 10:00'))).toBe(false);
    expect(isOfficeHours(sh('2026-02-14 10:00'))).toBe(true);
  });
});

describe('properties', () => {
  const when = fc.date({
    min: new Date('2025-06-01T00:00:00Z'),
    max: new Date('2027-06-01T00:00:00Z'),
    noInvalidDate: true,
  });
  const level = fc.constantFrom('red', 'orange', 'yellow', 'blue' as const);
  const rule = fc.constantFrom('major_opinion', 'collective_wage_petition', 'other');

  it('no deadline falls before the raise', () => {
    fc.assert(
      fc.property(when, level, rule, (raisedAt, lv, r) => {
        const d = dueTimes({ level: lv, rule: r, raisedAt });
        for (const due of [d.ackDueAt, d.handleDueAt])
          if (due) expect(due.getTime()).toBeGreaterThan(raisedAt.getTime());
      }),
    );
  });

  it('a later raise never gets an earlier deadline (orange working days, yellow, red)', () => {
    fc.assert(
      fc.property(
        when,
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        fc.constantFrom('red', 'orange', 'yellow' as const),
        (a, gap, lv) => {
          const b = new Date(a.getTime() + gap);
          const da = dueTimes({ level: lv, rule: 'x', raisedAt: a });
          const db = dueTimes({ level: lv, rule: 'x', raisedAt: b });
          expect(db.ackDueAt!.getTime()).toBeGreaterThanOrEqual(da.ackDueAt!.getTime());
          if (da.handleDueAt) expect(db.handleDueAt!.getTime()).toBeGreaterThanOrEqual(da.handleDueAt.getTime());
        },
      ),
    );
  });

  it('the major-opinion handle deadline is never overnight: it falls at the Shanghai midnight ending the day of the raise', () => {
    fc.assert(
      fc.property(when, (raisedAt) => {
        const due = major(raisedAt).handleDueAt!;
        expect(due.getTime()).toBeGreaterThan(raisedAt.getTime());
        expect(due.getTime() - raisedAt.getTime()).toBeLessThanOrEqual(24 * 3_600_000);
        const local = new Date(due.getTime() + 8 * 3_600_000);
        expect([local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()]).toEqual([0, 0, 0]);
      }),
    );
  });
});
