import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, RETRY_SCHEDULE_MS, retryDelayMs } from '../../../src/delivery/channels/index.ts';

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
// attempts already made → nominal wait before the next one
const NOMINAL: Array<[number, number]> = [
  [1, 5 * S],
  [2, 5 * MIN],
  [3, 30 * MIN],
  [4, 2 * H],
  [5, 5 * H],
  [6, 10 * H],
  [7, 10 * H],
];

describe('retry schedule', () => {
  it('is Svix’s: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 10 * H]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('tries the first time at once, without jitter', () => {
    expect(retryDelayMs(0, () => 0.99)).toBe(0);
  });

  it.each(NOMINAL)('after %i attempt(s) waits %i ms ±20 %%', (attempt, nominal) => {
    expect(retryDelayMs(attempt, () => 0.5)).toBe(nominal);
    expect(retryDelayMs(attempt, () => 0)).toBe(Math.floor(nominal * 0.8));
    const high = retryDelayMs(attempt, () => 0.999999)!;
    expect(high).toBeLessThan(nominal * 1.2);
    expect(high).toBeGreaterThan(nominal * 1.19);
  });

  it('stays within the jitter bounds for any random value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const nominal = RETRY_SCHEDULE_MS[attempt]!;
          const delay = retryDelayMs(attempt, () => r)!;
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(nominal * 0.8 - 1);
          expect(delay).toBeLessThan(nominal * 1.2);
        },
      ),
    );
  });

  it('gives up after the eighth attempt: null means dead letter', () => {
    expect(retryDelayMs(8, () => 0.5)).toBeNull();
    expect(retryDelayMs(100, () => 0.5)).toBeNull();
  });

  it('spans about 27.5 hours from the first try to the last', () => {
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total).toBe(27 * H + 35 * MIN + 5 * S);
  });

  it('refuses a negative or fractional attempt count', () => {
    expect(() => retryDelayMs(-1, Math.random)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, Math.random)).toThrow(RangeError);
  });
});
