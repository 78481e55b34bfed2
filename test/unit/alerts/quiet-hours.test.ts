import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyQuietHours, inQuietHours } from '../../../src/domain/alerts/index.ts';
import { sh } from './helpers.ts';

const overnight = { from: '22:00', to: '08:00' };

describe('quiet hours', () => {
  it('defers a non-red notification inside overnight quiet hours to 08:00, before and after midnight', () => {
    expect(applyQuietHours(sh('2026-11-03 22:00'), 'yellow', overnight)).toEqual(sh('2026-11-04 08:00'));
    expect(applyQuietHours(sh('2026-11-03 23:59'), 'orange', overnight)).toEqual(sh('2026-11-04 08:00'));
    expect(applyQuietHours(sh('2026-11-04 03:00'), 'blue', overnight)).toEqual(sh('2026-11-04 08:00'));
  });

  it('leaves times outside quiet hours alone; the end is exclusive', () => {
    expect(applyQuietHours(sh('2026-11-03 21:59:59'), 'yellow', overnight)).toEqual(sh('2026-11-03 21:59:59'));
    expect(applyQuietHours(sh('2026-11-04 08:00'), 'yellow', overnight)).toEqual(sh('2026-11-04 08:00'));
  });

  it('never defers red', () => {
    expect(applyQuietHours(sh('2026-11-04 03:00'), 'red', overnight)).toEqual(sh('2026-11-04 03:00'));
  });

  it('no quiet hours, no change', () => {
    expect(applyQuietHours(sh('2026-11-04 03:00'), 'yellow', null)).toEqual(sh('2026-11-04 03:00'));
    expect(inQuietHours(sh('2026-11-04 03:00'), null)).toBe(false);
  });

  it('a same-day window (12:00–13:30 lunch)', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(applyQuietHours(sh('2026-11-03 12:45'), 'yellow', lunch)).toEqual(sh('2026-11-03 13:30'));
    expect(applyQuietHours(sh('2026-11-03 11:59'), 'yellow', lunch)).toEqual(sh('2026-11-03 11:59'));
  });

  it('the result is never earlier, and never inside quiet hours', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const arb = fc.tuple(
      fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
      hhmm,
      hhmm,
    );
    fc.assert(
      fc.property(arb, ([at, from, to]) => {
        fc.pre(from !== to);
        const out = applyQuietHours(at, 'yellow', { from, to });
        expect(out.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(out.getTime() - at.getTime()).toBeLessThan(86_400_000);
        expect(inQuietHours(out, { from, to })).toBe(false);
      }),
    );
  });
});
