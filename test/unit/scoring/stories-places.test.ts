import { describe, expect, it } from 'vitest';
import {
  defaultModelConfig,
  evaluateTriggers,
  parseModelConfig,
  scoreFirm,
} from '../../../src/domain/scoring/index.ts';
import { AT, evidence, hoursAgo, mention } from './helpers.ts';

// Issue 14, items 5 and 6 in the model: a story with copies counts once
// (reach adds a bounded bonus, never from copies after `at`); items about
// elsewhere weigh little and never trigger; national items about a
// platform form a capped signal.

const at = (h: number) => hoursAgo(h).getTime();
const { reach, place } = defaultModelConfig.opinion;

describe('one story counts once', () => {
  it('two copies folded into one story score far below two separate items', () => {
    const one = scoreFirm(evidence({ mentions: [mention({ id: 1 })] }), AT);
    const folded = scoreFirm(evidence({ mentions: [mention({ id: 1, copies: [at(1)] })] }), AT);
    const twice = scoreFirm(evidence({ mentions: [mention({ id: 1 }), mention({ id: 2 })] }), AT);
    expect(folded.raw).toBeCloseTo(one.raw * (1 + reach.perCopy), 9);
    expect(folded.raw).toBeLessThan(twice.raw * 0.6);
  });

  it('reach is bounded: ten copies weigh at most 1 + max', () => {
    const one = scoreFirm(evidence({ mentions: [mention({ id: 1 })] }), AT);
    const many = scoreFirm(
      evidence({ mentions: [mention({ id: 1, copies: Array.from({ length: 10 }, (_, i) => at(i)) })] }),
      AT,
    );
    expect(many.raw).toBeCloseTo(one.raw * (1 + reach.max), 9);
  });

  it('copies published after `at` add nothing', () => {
    const one = scoreFirm(evidence({ mentions: [mention({ id: 1 })] }), AT);
    const later = scoreFirm(evidence({ mentions: [mention({ id: 1, copies: [at(-5), at(-10)] })] }), AT);
    expect(later.raw).toBe(one.raw);
  });

  it('a story counts once toward a spike', () => {
    const spread = Array.from({ length: 4 }, (_, i) => mention({ id: i + 1, at: hoursAgo(1 + i) }));
    const oneStory = [mention({ id: 1, at: hoursAgo(1), copies: [at(2), at(3), at(4)] })];
    const s = scoreFirm(evidence({ mentions: spread }), AT);
    const o = scoreFirm(evidence({ mentions: oneStory }), AT);
    expect(s.contributions.some((c) => c.id === 'spike')).toBe(true);
    expect(o.contributions.some((c) => c.id === 'spike')).toBe(false);
  });

  it('the reason names the copies', () => {
    const s = scoreFirm(evidence({ mentions: [mention({ id: 1, copies: [at(1), at(-3)] })] }), AT);
    expect(s.contributions[0]!.why.text).toContain('转载1处');
  });

  it('reach can be switched off in the config', () => {
    const c = parseModelConfig({ opinion: { reach: { perCopy: 0, max: 0 } } });
    const one = scoreFirm(evidence({ mentions: [mention({ id: 1 })] }), AT, c);
    const folded = scoreFirm(evidence({ mentions: [mention({ id: 1, copies: [at(1), at(2)] })] }), AT, c);
    expect(folded.raw).toBe(one.raw);
  });
});

describe('place', () => {
  it('an item about elsewhere weighs elsewhereFactor of a local one', () => {
    const local = scoreFirm(evidence({ mentions: [mention({ id: 1, place: 'local' })] }), AT);
    const away = scoreFirm(evidence({ mentions: [mention({ id: 1, place: 'elsewhere' })] }), AT);
    expect(away.raw).toBeCloseTo(local.raw * place.elsewhereFactor, 9);
    expect(away.contributions[0]!.why.key).toBe('opinion_elsewhere');
  });

  it('an extreme event elsewhere never fires the major-opinion trigger', () => {
    const m = mention({ id: 1, place: 'elsewhere', major: true, maxSeverity: 5, categories: ['extreme'] });
    const s = scoreFirm(evidence({ mentions: [m] }), AT);
    expect(s.triggers).toEqual([]);
    expect(s.level).toBeNull();
    expect(evaluateTriggers(evidence({ mentions: [m] }), AT, defaultModelConfig)).toEqual([]);
    expect(scoreFirm(evidence({ mentions: [{ ...m, place: 'local' }] }), AT).level).toBe('red');
  });

  it('a station elsewhere with many items stays below blue', () => {
    const ms = Array.from({ length: 12 }, (_, i) =>
      mention({ id: i + 1, at: hoursAgo(2 + i * 8), place: 'elsewhere', maxSeverity: 4 }),
    );
    expect(scoreFirm(evidence({ mentions: ms }), AT).score).toBeLessThan(defaultModelConfig.levels.blue);
  });

  it('national items about a platform are capped well below red, however many', () => {
    const ms = Array.from({ length: 30 }, (_, i) =>
      mention({ id: i + 1, at: hoursAgo(1 + i * 4), place: 'national', maxSeverity: 4 }),
    );
    const s = scoreFirm(evidence({ mentions: ms }), AT);
    expect(s.rawComponents.opinion).toBeCloseTo(place.nationalCap, 9);
    expect(s.score).toBeLessThan(defaultModelConfig.levels.yellow);
    expect(s.level === null || s.level === 'blue').toBe(true);
    expect(s.contributions.every((c) => c.why.key === 'opinion_national')).toBe(true);
    const sum = s.contributions.reduce((a, c) => a + c.raw, 0);
    expect(sum).toBeLessThanOrEqual(place.nationalCap + 1e-9);
  });

  it('three national arrears items a day for a week do not reach red (nor orange)', () => {
    const ms = Array.from({ length: 21 }, (_, i) => mention({ id: i + 1, at: hoursAgo(1 + i * 8), place: 'national' }));
    const s = scoreFirm(evidence({ mentions: ms }), AT);
    expect(s.level).not.toBe('red');
    expect(s.level).not.toBe('orange');
  });

  it('a national extreme event never triggers', () => {
    const s = scoreFirm(
      evidence({ mentions: [mention({ place: 'national', major: true, maxSeverity: 5, categories: ['extreme'] })] }),
      AT,
    );
    expect(s.triggers).toEqual([]);
  });

  it('a collective action elsewhere or in national news fires no collective-action trigger; locally it does', () => {
    const m = (place: 'local' | 'elsewhere' | 'national') =>
      mention({ place, collective: true, people: 200, maxSeverity: 4, categories: ['stoppage'] });
    expect(scoreFirm(evidence({ mentions: [m('elsewhere')] }), AT).triggers).toEqual([]);
    expect(scoreFirm(evidence({ mentions: [m('national')] }), AT).triggers).toEqual([]);
    expect(scoreFirm(evidence({ mentions: [m('local')] }), AT).triggers.map((t) => t.kind)).toContain(
      'collective_action',
    );
  });

  it('national and elsewhere items do not count toward a spike', () => {
    const burst = (p: 'national' | 'elsewhere' | 'local') =>
      Array.from({ length: 8 }, (_, i) => mention({ id: i + 1, at: hoursAgo(1 + i), place: p }));
    expect(scoreFirm(evidence({ mentions: burst('local') }), AT).contributions.some((c) => c.id === 'spike')).toBe(
      true,
    );
    expect(scoreFirm(evidence({ mentions: burst('national') }), AT).contributions.some((c) => c.id === 'spike')).toBe(
      false,
    );
    expect(scoreFirm(evidence({ mentions: burst('elsewhere') }), AT).contributions.some((c) => c.id === 'spike')).toBe(
      false,
    );
  });

  it('local evidence still adds on top of a capped national signal', () => {
    const nat = Array.from({ length: 30 }, (_, i) =>
      mention({ id: i + 1, at: hoursAgo(1 + i * 4), place: 'national' }),
    );
    const both = scoreFirm(evidence({ mentions: [...nat, mention({ id: 99, place: 'local' })] }), AT);
    const only = scoreFirm(evidence({ mentions: nat }), AT);
    expect(both.raw).toBeGreaterThan(only.raw);
  });

  it('the place weights are configuration', () => {
    const c = parseModelConfig({ opinion: { place: { elsewhereFactor: 1, nationalCap: 1000 } } });
    const local = scoreFirm(evidence({ mentions: [mention({ id: 1 })] }), AT, c);
    expect(scoreFirm(evidence({ mentions: [mention({ id: 1, place: 'elsewhere' })] }), AT, c).raw).toBeCloseTo(
      local.raw,
      9,
    );
    expect(() => parseModelConfig({ opinion: { place: { elsewhereFactor: 2 } } })).toThrow(
      /opinion\.place\.elsewhereFactor/,
    );
  });
});
