import { describe, expect, it } from 'vitest';
import { type Rotation, nextHandoff, onDuty, rotationMemberAt } from '../../../src/domain/alerts/index.ts';
import { sh } from './helpers.ts';

const weekly: Rotation = {
  id: 1,
  tier: 1,
  district: null,
  streets: [],
  categories: [],
  members: [101, 102, 103],
  anchor: sh('2026-11-02 09:00'),
  turnDays: 7,
};

describe('weekly rotation', () => {
  it('nobody before the anchor; member 0 from the anchor instant', () => {
    expect(rotationMemberAt(weekly, sh('2026-11-02 08:59:59.999'))).toBeNull();
    expect(rotationMemberAt(weekly, sh('2026-11-02 09:00'))).toBe(101);
  });

  it('hands off at exactly anchor + 7 days, members in order, wrapping around', () => {
    expect(rotationMemberAt(weekly, sh('2026-11-09 08:59:59.999'))).toBe(101);
    expect(rotationMemberAt(weekly, sh('2026-11-09 09:00'))).toBe(102);
    expect(rotationMemberAt(weekly, sh('2026-11-16 09:00'))).toBe(103);
    expect(rotationMemberAt(weekly, sh('2026-11-23 09:00'))).toBe(101);
    expect(rotationMemberAt(weekly, sh('2027-11-01 09:00'))).toBe([101, 102, 103][52 % 3]);
  });

  it('nextHandoff names the next handoff instant', () => {
    expect(nextHandoff(weekly, sh('2026-10-01 00:00'))).toEqual(sh('2026-11-02 09:00'));
    expect(nextHandoff(weekly, sh('2026-11-02 09:00'))).toEqual(sh('2026-11-09 09:00'));
    expect(nextHandoff(weekly, sh('2026-11-05 12:00'))).toEqual(sh('2026-11-09 09:00'));
  });

  it('a daily rotation (turnDays 1) changes every day at the anchor time', () => {
    const daily = { ...weekly, turnDays: 1 };
    expect(rotationMemberAt(daily, sh('2026-11-03 08:59'))).toBe(101);
    expect(rotationMemberAt(daily, sh('2026-11-03 09:00'))).toBe(102);
    expect(rotationMemberAt(daily, sh('2026-11-05 09:00'))).toBe(101);
  });

  it('a rotation without members puts nobody on duty', () => {
    expect(rotationMemberAt({ ...weekly, members: [] }, sh('2026-11-03 12:00'))).toBeNull();
  });
});

describe('daily windows', () => {
  it('a day window: on duty from `from` (inclusive) to `to` (exclusive) each day', () => {
    const office: Rotation = { ...weekly, dailyWindow: { from: '09:00', to: '17:30' } };
    expect(rotationMemberAt(office, sh('2026-11-03 08:59'))).toBeNull();
    expect(rotationMemberAt(office, sh('2026-11-03 09:00'))).toBe(101);
    expect(rotationMemberAt(office, sh('2026-11-03 17:29:59'))).toBe(101);
    expect(rotationMemberAt(office, sh('2026-11-03 17:30'))).toBeNull();
  });

  const nights: Rotation = { ...weekly, anchor: sh('2026-11-02 00:00'), dailyWindow: { from: '22:00', to: '08:00' } };

  it('an overnight window covers 22:00 to 08:00 across midnight', () => {
    expect(rotationMemberAt(nights, sh('2026-11-03 21:59'))).toBeNull();
    expect(rotationMemberAt(nights, sh('2026-11-03 22:00'))).toBe(101);
    expect(rotationMemberAt(nights, sh('2026-11-04 00:00'))).toBe(101);
    expect(rotationMemberAt(nights, sh('2026-11-04 07:59'))).toBe(101);
    expect(rotationMemberAt(nights, sh('2026-11-04 08:00'))).toBeNull();
  });

  it('a night that spans the weekly handoff at midnight belongs wholly to the member who started it', () => {
    // Handoff Mon 9 Nov 00:00; the night of Sun 8 Nov 22:00 → Mon 08:00 is 101's.
    expect(rotationMemberAt(nights, sh('2026-11-08 23:00'))).toBe(101);
    expect(rotationMemberAt(nights, sh('2026-11-09 00:00'))).toBe(101);
    expect(rotationMemberAt(nights, sh('2026-11-09 07:59'))).toBe(101);
    expect(rotationMemberAt(nights, sh('2026-11-09 22:00'))).toBe(102);
  });

  it('the morning after the anchor belongs to a night before the rotation began: nobody', () => {
    expect(rotationMemberAt(nights, sh('2026-11-02 03:00'))).toBeNull();
    expect(rotationMemberAt(nights, sh('2026-11-02 22:00'))).toBe(101);
  });

  it('onDuty answers from the rotation only inside its window', () => {
    const roster = { shifts: [], overrides: [], rotations: [nights] };
    const q = (at: Date) => onDuty(roster, { at, place: { district: '长宁区', street: null }, category: 'x', tier: 1 });
    expect(q(sh('2026-11-04 02:00'))).toEqual([{ userId: 101, source: 'rotation', id: 1 }]);
    expect(q(sh('2026-11-04 12:00'))).toEqual([]);
  });
});
