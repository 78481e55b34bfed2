import { describe, expect, it } from 'vitest';
import { parseModelConfig, poissonSurprise, scoreFirm } from '../../../src/domain/scoring/index.ts';
import { AT, evidence, hoursAgo, mention } from './helpers.ts';

const burst = () => Array.from({ length: 10 }, (_, i) => mention({ at: hoursAgo(1 + i) }));
const spread = () => Array.from({ length: 10 }, (_, i) => mention({ at: hoursAgo(24 * 2.8 * i + 1) }));

describe('poissonSurprise (−log10 of the upper tail)', () => {
  it('matches hand-computed tails', () => {
    // P(X ≥ 1 | λ=1) = 1 − e^−1; P(X ≥ 3 | λ=0.25) = 1 − e^−0.25 (1 + 0.25 + 0.03125).
    expect(poissonSurprise(1, 1)).toBeCloseTo(-Math.log10(1 - Math.exp(-1)), 12);
    expect(poissonSurprise(3, 0.25)).toBeCloseTo(-Math.log10(1 - Math.exp(-0.25) * 1.28125), 9);
    expect(poissonSurprise(0, 5)).toBe(0);
  });

  it('grows with the count and shrinks with the baseline, without overflow', () => {
    expect(poissonSurprise(10, 0.25)).toBeGreaterThan(poissonSurprise(5, 0.25));
    expect(poissonSurprise(10, 0.25)).toBeGreaterThan(poissonSurprise(10, 2));
    expect(poissonSurprise(2000, 0.1)).toBeGreaterThan(1000);
    expect(Number.isFinite(poissonSurprise(2000, 0.1))).toBe(true);
    expect(poissonSurprise(900, 1000)).toBeLessThan(0.01);
    expect(poissonSurprise(1100, 1000)).toBeGreaterThan(2);
  });
});

describe('opinion', () => {
  it('spike: 10 mentions today after a quiet month outrank 10 spread evenly over 28 days', () => {
    const b = scoreFirm(evidence({ mentions: burst() }), AT);
    const s = scoreFirm(evidence({ mentions: spread() }), AT);
    expect(b.score).toBeGreaterThan(s.score);
    expect(b.contributions[0]).toMatchObject({ source: 'opinion', id: 'spike', why: { key: 'opinion_spike' } });
    expect(s.contributions.some((c) => c.id === 'spike')).toBe(false);
  });

  it('spike: the burst wins on surprise alone, even with decay switched off', () => {
    const flat = parseModelConfig({ halfLifeDays: { opinion: 3650 } });
    const b = scoreFirm(evidence({ mentions: burst() }), AT, flat);
    const s = scoreFirm(evidence({ mentions: spread() }), AT, flat);
    expect(s.rawComponents.opinion).toBeGreaterThan(0.99 * 10 * 3.6); // almost no decay left
    expect(b.rawComponents.opinion).toBeGreaterThan(1.9 * s.rawComponents.opinion);
  });

  it('spike: the same 10 today count less for a firm that is always in the news', () => {
    const quiet = scoreFirm(evidence({ mentions: burst() }), AT);
    const noisy = Array.from({ length: 28 * 8 }, (_, i) =>
      mention({ at: hoursAgo(25 + 3 * i), maxSeverity: 0, categories: [] }),
    );
    const busy = scoreFirm(evidence({ mentions: [...burst(), ...noisy] }), AT);
    expect(busy.rawComponents.opinion).toBeLessThan(quiet.rawComponents.opinion);
    expect(busy.rawComponents.opinion).toBeGreaterThan(10 * 3.5);
  });

  it('spike needs at least minCount mentions in the window', () => {
    const two = scoreFirm(evidence({ mentions: burst().slice(0, 2) }), AT);
    expect(two.contributions.some((c) => c.id === 'spike')).toBe(false);
    expect(scoreFirm(evidence({ mentions: burst().slice(0, 3) }), AT).contributions.some((c) => c.id === 'spike')).toBe(
      true,
    );
  });

  it('weighs severity × credibility × category × major', () => {
    const one = (over: Parameters<typeof mention>[0]) =>
      scoreFirm(evidence({ mentions: [mention({ id: 1, at: AT, ...over })] }), AT).raw;
    expect(one({ maxSeverity: 3, credibility: 1, categories: [] })).toBeCloseTo(3, 9);
    expect(one({ maxSeverity: 5, credibility: 2, categories: [] })).toBeCloseTo(16, 9);
    expect(one({ maxSeverity: 3, credibility: 1, categories: ['arrears', 'extreme'] })).toBeCloseTo(4.5, 9);
    expect(one({ maxSeverity: 3, credibility: 1, categories: [], major: true })).toBeCloseTo(6, 9);
    expect(one({ maxSeverity: 3, credibility: 0 })).toBe(0);
    expect(one({ maxSeverity: 0 })).toBe(0);
    // No credibility given: the configured default (1).
    expect(one({ maxSeverity: 3, categories: [], credibility: undefined })).toBeCloseTo(3, 9);
  });

  it('counts one item once even if it is passed twice', () => {
    const m = mention({ id: 77 });
    expect(scoreFirm(evidence({ mentions: [m, { ...m }] }), AT)).toEqual(scoreFirm(evidence({ mentions: [m] }), AT));
  });
});

describe('spike counts risk-bearing mentions only (issue 14, item 7)', () => {
  const neutral = (n: number, from = 1) =>
    Array.from({ length: n }, (_, i) => mention({ at: hoursAgo(from + i), maxSeverity: 0, categories: [] }));

  it('eight neutral finance paragraphs plus two risk items make no spike', () => {
    const risky = [mention({ at: hoursAgo(1) }), mention({ at: hoursAgo(2) })];
    const s = scoreFirm(evidence({ mentions: [...risky, ...neutral(8, 3)] }), AT);
    expect(s.contributions.some((c) => c.id === 'spike')).toBe(false);
    expect(s.raw).toBeCloseTo(scoreFirm(evidence({ mentions: risky }), AT).raw, 9);
  });

  it('neutral items do not raise the spike bonus of a real burst', () => {
    const burst3 = [mention({ at: hoursAgo(1) }), mention({ at: hoursAgo(2) }), mention({ at: hoursAgo(3) })];
    const alone = scoreFirm(evidence({ mentions: burst3 }), AT);
    const padded = scoreFirm(evidence({ mentions: [...burst3, ...neutral(8, 4)] }), AT);
    expect(padded.raw).toBeCloseTo(alone.raw, 9);
    expect(padded.score).toBe(alone.score);
  });
});
