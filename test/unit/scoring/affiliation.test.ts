import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAffiliation, parseModelConfig, scoreFirm } from '../../../src/domain/scoring/index.ts';
import { AT, evidence, evidenceArb, inspection } from './helpers.ts';

const nothing = () => scoreFirm(evidence(), AT);

describe('affiliation: a platform carries a share of its partners’ risk', () => {
  it('a platform with nothing of its own and one red partner (90) scores 0.5 × 90 = 45, shown as a partner contribution', () => {
    const s = applyAffiliation(nothing(), [{ firmId: 'F-7', name: '某某配送站', score: 90 }]);
    expect(s.score).toBe(45);
    expect(s.level).toBe('yellow');
    expect(s.components).toEqual({ inspections: 0, petitions: 0, opinion: 0, affiliation: 45 });
    expect(s.contributions).toEqual([
      expect.objectContaining({
        source: 'partner',
        id: 'F-7',
        date: '2026-11-03',
        points: 45,
        why: { key: 'partner_risk', text: '关联企业风险：某某配送站（90.0分，计入50%）' },
      }),
    ]);
  });

  it('adds to the platform’s own score as a probabilistic sum: 100 − (100 − own)(1 − A/100)', () => {
    const own = scoreFirm(evidence({ inspections: [inspection()] }), AT);
    const s = applyAffiliation(own, [{ firmId: 1, name: 'A', score: 90 }]);
    expect(s.score).toBeCloseTo(100 - (100 - own.score) * (1 - 0.45), 0);
    expect(s.components.inspections + s.components.affiliation).toBeCloseTo(s.score, 6);
    expect(s.contributions.map((c) => c.source).sort()).toEqual(['inspection', 'partner']);
  });

  it('more partners add with diminishing weight: max + ½·second + ¼·third …', () => {
    const s = applyAffiliation(nothing(), [
      { firmId: 3, name: 'C', score: 40 },
      { firmId: 1, name: 'A', score: 80 },
      { firmId: 2, name: 'B', score: 60 },
    ]);
    expect(s.score).toBeCloseTo(0.5 * (80 + 0.5 * 60 + 0.25 * 40), 1);
    expect(s.contributions.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(s.contributions.map((c) => c.points)).toEqual([40, 15, 5]);
  });

  it('is capped at maxPoints and counts a partner listed twice once', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ firmId: i, name: `P${i}`, score: 100 }));
    expect(applyAffiliation(nothing(), many).score).toBe(90);
    const twice = applyAffiliation(nothing(), [
      { firmId: 1, name: 'A', score: 60 },
      { firmId: 1, name: 'A', score: 60 },
    ]);
    expect(twice.score).toBe(30);
  });

  it('the share is configurable, and applying twice replaces rather than adds', () => {
    const c = parseModelConfig({ affiliation: { share: 0.3 } });
    const once = applyAffiliation(scoreFirm(evidence(), AT, c), [{ firmId: 1, name: 'A', score: 90 }], c);
    expect(once.score).toBe(27);
    expect(applyAffiliation(once, [{ firmId: 1, name: 'A', score: 90 }], c)).toEqual(once);
    expect(applyAffiliation(once, [], c).score).toBe(0);
  });

  it('keeps the platform’s own triggers and never lowers its score', () => {
    fc.assert(
      fc.property(evidenceArb, fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 5 }), (e, scores) => {
        const own = scoreFirm(e, AT);
        const s = applyAffiliation(
          own,
          scores.map((score, i) => ({ firmId: i, name: `P${i}`, score })),
        );
        expect(s.score).toBeGreaterThanOrEqual(own.score);
        expect(s.triggers).toEqual(own.triggers);
        expect(s.flags).toEqual(own.flags);
        const sum = s.components.inspections + s.components.petitions + s.components.opinion + s.components.affiliation;
        expect(Math.round(sum * 10)).toBe(Math.round(s.score * 10));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a platform score computed under another model version', () => {
    const other = parseModelConfig({ affiliation: { share: 0.4 } });
    expect(() => applyAffiliation(nothing(), [], other)).toThrow(/scored with model risk-/);
  });
});
