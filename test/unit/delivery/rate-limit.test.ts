import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATE_LIMITS, nextSendAllowedAt, type ChannelKind } from '../../../src/delivery/channels/index.ts';

const T0 = Date.UTC(2026, 10, 28, 6, 0, 0);

/** Brute force: the most sends in any window [a, a + perMs) (windows start at a send). */
function busiestWindow(sends: readonly number[], perMs: number): number {
  return Math.max(0, ...sends.map((a) => sends.filter((s) => s >= a && s < a + perMs).length));
}

/** Drains a queue the way the worker would: each message takes the next allowed slot. */
function schedule(kind: ChannelKind, messages: number, now: number, past: number[] = []): number[] {
  const sends = [...past];
  const planned: number[] = [];
  for (let i = 0; i < messages; i++) {
    const at = nextSendAllowedAt(kind, sends, now);
    sends.push(at);
    planned.push(at);
  }
  return planned;
}

describe('RATE_LIMITS', () => {
  it('are wecom 20/min, dingtalk 20/min, feishu 100/min and 5/s, standard none; SMS/voice 1/min and 5/h per phone', () => {
    const perPhone = [
      { count: 1, perMs: 60_000 },
      { count: 5, perMs: 3_600_000 },
    ];
    expect(RATE_LIMITS).toEqual({
      aliyun_sms: perPhone,
      aliyun_voice: perPhone,
      tencent_sms: perPhone,
      standard: [],
      wecom: [{ count: 20, perMs: 60_000 }],
      dingtalk: [{ count: 20, perMs: 60_000 }],
      feishu: [
        { count: 100, perMs: 60_000 },
        { count: 5, perMs: 1_000 },
      ],
    });
  });
});

describe('nextSendAllowedAt', () => {
  it('never holds back a standard webhook', () => {
    const burst = Array.from({ length: 1000 }, () => T0);
    expect(nextSendAllowedAt('standard', burst, T0)).toBe(T0);
  });

  it('lets the 20th WeCom message of a minute go at once', () => {
    const sends = Array.from({ length: 19 }, (_, i) => T0 + i * 1_000);
    expect(nextSendAllowedAt('wecom', sends, T0 + 30_000)).toBe(T0 + 30_000);
  });

  it('makes the 21st WeCom message in a minute wait until the first leaves the window', () => {
    const sends = Array.from({ length: 20 }, (_, i) => T0 + i * 1_000);
    expect(nextSendAllowedAt('wecom', sends, T0 + 30_000)).toBe(T0 + 60_000);
    expect(nextSendAllowedAt('dingtalk', sends, T0 + 30_000)).toBe(T0 + 60_000);
    expect(nextSendAllowedAt('wecom', sends, T0 + 60_000)).toBe(T0 + 60_000);
  });

  it('queues a burst of 50 WeCom messages: none dropped, 20 per minute', () => {
    const planned = schedule('wecom', 50, T0);
    expect(planned).toHaveLength(50);
    expect(planned.every((t) => Number.isFinite(t) && t >= T0)).toBe(true);
    expect(planned.filter((t) => t === T0)).toHaveLength(20);
    expect(planned.filter((t) => t === T0 + 60_000)).toHaveLength(20);
    expect(planned.filter((t) => t === T0 + 120_000)).toHaveLength(10);
    expect(busiestWindow(planned, 60_000)).toBe(20);
  });

  it('spreads Feishu at 5 per second and 100 per minute', () => {
    const sends = Array.from({ length: 5 }, () => T0);
    expect(nextSendAllowedAt('feishu', sends, T0 + 10)).toBe(T0 + 1_000);
    const planned = schedule('feishu', 230, T0);
    expect(new Set(planned).size).toBe(46); // 5 at a time
    expect(busiestWindow(planned, 1_000)).toBe(5);
    expect(busiestWindow(planned, 60_000)).toBe(100);
    expect(planned.at(-1)).toBe(T0 + 120_000 + 5_000);
  });

  it('respects slots already promised to queued messages after now', () => {
    const promised = Array.from({ length: 20 }, () => T0 + 10_000);
    // Sending at T0 would put 21 sends into [T0, T0 + 60 s).
    expect(nextSendAllowedAt('wecom', promised, T0)).toBe(T0 + 70_000);
  });

  it('does not care about input order', () => {
    const sends = Array.from({ length: 20 }, (_, i) => T0 + i * 1_000).reverse();
    expect(nextSendAllowedAt('wecom', sends, T0 + 30_000)).toBe(T0 + 60_000);
  });

  // Reference, independent of the implementation: count every window
  // [a, a + perMs) millisecond by millisecond and block each t such a full
  // window holds. A limit that exceeds the number of sends can never bind.
  function blockedBetween(sends: number[], lo: number, hi: number): (t: number) => boolean {
    const checks: Array<(t: number) => boolean> = [];
    for (const { count, perMs } of RATE_LIMITS.feishu) {
      if (sends.length < count) continue;
      const base = lo - perMs;
      const len = hi - base + 2 * perMs + 1;
      const prefix = new Int32Array(len + 1);
      for (const s of sends) if (s >= base && s < base + len) prefix[s - base + 1]! += 1;
      for (let i = 1; i <= len; i++) prefix[i]! += prefix[i - 1]!;
      const cover = new Int32Array(len + 1);
      for (let a = base; a <= hi; a++) {
        const inWindow = prefix[Math.min(len, a - base + perMs)]! - prefix[a - base]!;
        if (inWindow >= count) {
          cover[a - base]! += 1;
          cover[a - base + perMs]! -= 1;
        }
      }
      for (let i = 1; i <= len; i++) cover[i]! += cover[i - 1]!;
      checks.push((t) => cover[t - base]! > 0);
    }
    return (t) => checks.some((blocked) => blocked(t));
  }

  it('returns the earliest allowed instant (property, against a brute-force scan)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_500, max: 1_500 }), { maxLength: 30 }), (offsets) => {
        const now = T0;
        const sends = offsets.map((o) => now + o);
        const result = nextSendAllowedAt('feishu', sends, now);
        expect(result).toBeGreaterThanOrEqual(now);
        const blocked = blockedBetween(sends, now, result);
        expect(blocked(result)).toBe(false);
        for (let t = now; t < result; t++) expect(blocked(t)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
