import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Override, type Roster, type Rotation, type Shift, onDuty } from '../../../src/domain/alerts/index.ts';
import { sh } from './helpers.ts';

const CHANGNING = '长宁区';
const here = { district: CHANGNING, street: '新华路街道' };

function shift(p: Partial<Shift> & Pick<Shift, 'id' | 'userId' | 'start' | 'end'>): Shift {
  return { district: null, streets: [], categories: [], tier: 1, ...p };
}
function override(p: Partial<Override> & Pick<Override, 'id' | 'userId' | 'start' | 'end'>): Override {
  return { district: null, streets: [], categories: [], tier: 1, ...p };
}
function rotation(p: Partial<Rotation> & Pick<Rotation, 'id' | 'members'>): Rotation {
  return { tier: 1, district: null, streets: [], categories: [], anchor: sh('2026-11-02 09:00'), turnDays: 7, ...p };
}
const roster = (r: Partial<Roster>): Roster => ({ shifts: [], rotations: [], overrides: [], ...r });
const query = (at: Date, more: Partial<Parameters<typeof onDuty>[1]> = {}) => ({
  at,
  place: here,
  category: 'wage_arrears',
  tier: 1,
  ...more,
});
const users = (r: Roster, at: Date, more?: Partial<Parameters<typeof onDuty>[1]>) =>
  onDuty(r, query(at, more)).map((d) => d.userId);

describe('shifts', () => {
  const day = shift({ id: 1, userId: 11, start: sh('2026-11-03 08:00'), end: sh('2026-11-03 22:00') });
  const night = shift({ id: 2, userId: 12, start: sh('2026-11-03 22:00'), end: sh('2026-11-04 08:00') });
  const r = roster({ shifts: [day, night] });

  it('start is inclusive and end exclusive: at a handoff only the incoming officer is on duty', () => {
    expect(users(r, sh('2026-11-03 07:59:59'))).toEqual([]);
    expect(onDuty(r, query(sh('2026-11-03 08:00')))).toEqual([{ userId: 11, source: 'shift', id: 1 }]);
    expect(users(r, sh('2026-11-03 21:59:59.999'))).toEqual([11]);
    expect(users(r, sh('2026-11-03 22:00'))).toEqual([12]);
  });

  it('an overnight shift (22:00–08:00) covers both sides of midnight', () => {
    expect(users(r, sh('2026-11-03 23:59'))).toEqual([12]);
    expect(users(r, sh('2026-11-04 00:00'))).toEqual([12]);
    expect(users(r, sh('2026-11-04 07:59'))).toEqual([12]);
    expect(users(r, sh('2026-11-04 08:00'))).toEqual([]);
  });

  it('only the asked tier answers', () => {
    const backup = shift({ id: 3, userId: 13, start: sh('2026-11-03 08:00'), end: sh('2026-11-03 22:00'), tier: 2 });
    const r2 = roster({ shifts: [day, backup] });
    expect(users(r2, sh('2026-11-03 12:00'))).toEqual([11]);
    expect(users(r2, sh('2026-11-03 12:00'), { tier: 2 })).toEqual([13]);
    expect(users(r2, sh('2026-11-03 12:00'), { tier: 3 })).toEqual([]);
  });

  it('categories: empty covers every category, a list only its own', () => {
    const wages = shift({
      id: 4,
      userId: 14,
      start: sh('2026-11-03 08:00'),
      end: sh('2026-11-03 22:00'),
      categories: ['wage_arrears'],
    });
    const bans = shift({
      id: 5,
      userId: 15,
      start: sh('2026-11-03 08:00'),
      end: sh('2026-11-03 22:00'),
      categories: ['account_ban', 'deduction'],
    });
    const r2 = roster({ shifts: [day, wages, bans] });
    expect(users(r2, sh('2026-11-03 12:00'))).toEqual([11, 14]);
    expect(users(r2, sh('2026-11-03 12:00'), { category: 'deduction' })).toEqual([11, 15]);
    expect(users(r2, sh('2026-11-03 12:00'), { category: 'injury' })).toEqual([11]);
  });
});

describe('place matching (the roster entry is the scope, the firm’s place the query)', () => {
  const at = sh('2026-11-03 12:00');
  const span = { start: sh('2026-11-03 08:00'), end: sh('2026-11-03 20:00') };
  const city = shift({ id: 1, userId: 1, ...span });
  const district = shift({ id: 2, userId: 2, ...span, district: CHANGNING });
  const street = shift({ id: 3, userId: 3, ...span, district: CHANGNING, streets: ['新华路街道'] });
  const otherStreet = shift({ id: 4, userId: 4, ...span, district: CHANGNING, streets: ['江苏路街道'] });
  const otherDistrict = shift({ id: 5, userId: 5, ...span, district: '徐汇区' });
  const r = roster({ shifts: [city, district, street, otherStreet, otherDistrict] });

  it('street-level first, then district, then city-wide', () => {
    expect(users(r, at)).toEqual([3, 2, 1]);
  });

  it('a firm in another street of the district is covered by the district and the city only', () => {
    expect(users(r, at, { place: { district: CHANGNING, street: '天山路街道' } })).toEqual([2, 1]);
  });

  it('a firm with no street is covered by district-wide entries, not by street entries', () => {
    expect(users(r, at, { place: { district: CHANGNING, street: null } })).toEqual([2, 1]);
  });

  it('a firm with no known district is covered by city-wide entries only', () => {
    expect(users(r, at, { place: { district: null, street: null } })).toEqual([1]);
  });

  it('another district', () => {
    expect(users(r, at, { place: { district: '徐汇区', street: '天平路街道' } })).toEqual([5, 1]);
  });
});

describe('overrides', () => {
  const regular = shift({ id: 1, userId: 11, start: sh('2026-11-03 08:00'), end: sh('2026-11-03 20:00') });
  const rota = rotation({ id: 7, members: [21, 22] });
  const swap = override({
    id: 9,
    userId: 99,
    start: sh('2026-11-03 12:00'),
    end: sh('2026-11-03 14:00'),
    district: CHANGNING,
  });

  it('a matching override replaces shifts and rotations for its tier', () => {
    const r = roster({ shifts: [regular], rotations: [rota], overrides: [swap] });
    expect(onDuty(r, query(sh('2026-11-03 11:59')))).toEqual([
      { userId: 11, source: 'shift', id: 1 },
      { userId: 21, source: 'rotation', id: 7 },
    ]);
    expect(onDuty(r, query(sh('2026-11-03 12:00')))).toEqual([{ userId: 99, source: 'override', id: 9 }]);
    expect(users(r, sh('2026-11-03 14:00'))).toEqual([11, 21]);
  });

  it('does not replace anyone where it does not match: other place, category or tier', () => {
    const r = roster({
      shifts: [regular],
      overrides: [
        swap,
        override({ ...swap, id: 10, userId: 98, categories: ['injury'] }),
        override({ ...swap, id: 11, userId: 97, tier: 2 }),
      ],
    });
    expect(users(r, sh('2026-11-03 13:00'), { place: { district: '徐汇区', street: null } })).toEqual([11]);
    expect(users(r, sh('2026-11-03 13:00'), { category: 'injury' })).toEqual([99, 98]);
    expect(users(r, sh('2026-11-03 13:00'), { tier: 2 })).toEqual([97]);
  });
});

describe('shifts and rotations together', () => {
  it('shifts come before rotations; a user is listed once, under the first entry', () => {
    const r = roster({
      shifts: [shift({ id: 2, userId: 22, start: sh('2026-11-03 08:00'), end: sh('2026-11-03 20:00') })],
      rotations: [rotation({ id: 1, members: [22, 23] }), rotation({ id: 3, members: [31] })],
    });
    // Week of 2 Nov 09:00: member 0 of each rotation.
    expect(onDuty(r, query(sh('2026-11-03 12:00')))).toEqual([
      { userId: 22, source: 'shift', id: 2 },
      { userId: 31, source: 'rotation', id: 3 },
    ]);
  });

  it('the answer does not depend on the order of the roster lists', () => {
    const at = sh('2026-11-03 12:00');
    const entryArb = fc.record({
      userId: fc.integer({ min: 1, max: 6 }),
      district: fc.constantFrom(null, CHANGNING, '徐汇区'),
      streets: fc.constantFrom([], ['新华路街道'], ['江苏路街道']),
      categories: fc.constantFrom([], ['wage_arrears'], ['injury']),
      tier: fc.integer({ min: 1, max: 2 }),
      startH: fc.integer({ min: 0, max: 23 }),
      hours: fc.integer({ min: 1, max: 30 }),
    });
    const toSpan = (e: { startH: number; hours: number }) => {
      const start = sh(`2026-11-03 ${String(e.startH).padStart(2, '0')}:00`);
      return { start, end: new Date(start.getTime() + e.hours * 3_600_000) };
    };
    const fix = <T extends { district: string | null; streets: readonly string[] }>(e: T): T =>
      e.district === null ? { ...e, streets: [] } : e;
    const arb = fc.record({
      shifts: fc.array(entryArb, { maxLength: 8 }),
      overrides: fc.array(entryArb, { maxLength: 3 }),
      rotations: fc.array(
        fc.record({
          members: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
          tier: fc.integer({ min: 1, max: 2 }),
          district: fc.constantFrom(null, CHANGNING),
        }),
        { maxLength: 3 },
      ),
      tier: fc.integer({ min: 1, max: 2 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(arb, (x) => {
        const r: Roster = {
          shifts: x.shifts.map((e, i) => fix(shift({ id: i + 1, ...e, ...toSpan(e) }))),
          overrides: x.overrides.map((e, i) => fix(override({ id: i + 1, ...e, ...toSpan(e) }))),
          rotations: x.rotations.map((e, i) => rotation({ id: i + 1, ...e })),
        };
        const shuffled = (a: readonly unknown[]) =>
          [...a].sort(
            (p, q) => ((JSON.stringify(p).length * 31 + x.seed) % 7) - ((JSON.stringify(q).length * 17 + x.seed) % 5),
          );
        const r2 = {
          shifts: shuffled(r.shifts),
          overrides: shuffled(r.overrides),
          rotations: shuffled(r.rotations).reverse(),
        } as Roster;
        const q = query(at, { tier: x.tier });
        const a = onDuty(r, q);
        expect(onDuty(r2, q)).toEqual(a);
        expect(new Set(a.map((d) => d.userId)).size).toBe(a.length);
        if (a.some((d) => d.source === 'override')) expect(a.every((d) => d.source === 'override')).toBe(true);
      }),
    );
  });
});
