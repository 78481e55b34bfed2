import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createScorer,
  defaultModelConfig,
  type FirmEvidence,
  modelVersion,
  parseModelConfig,
  scoreFirm,
  squash,
} from '../../../src/domain/scoring/index.ts';
import { AT, evidence, evidenceArb } from './helpers.ts';

// The worked example of docs/scoring.md; if a default changes, update both.
const WORKED: FirmEvidence = {
  inspections: [
    {
      id: 1,
      recordId: 'JC-2026-0412',
      date: '2026-09-01',
      violations: ['wage_arrears'],
      workers: 12,
      amount: 36_000,
      order: 'pay',
      due: '2026-09-30',
      rectified: null,
      status: 'open',
    },
  ],
  petitions: [
    {
      id: 2,
      recordId: 'XF-2026-1187',
      received: '2026-10-20',
      categories: ['wage_arrears'],
      petitioners: 12,
      repeat: false,
    },
  ],
  mentions: [
    {
      id: 3,
      at: new Date('2026-11-02T06:00:00+08:00'),
      maxSeverity: 3,
      major: false,
      categories: ['arrears'],
      credibility: 2,
    },
  ],
};

describe('scoreFirm', () => {
  it('scores nothing as 0 with no level', () => {
    const s = scoreFirm(evidence(), AT);
    expect(s).toMatchObject({ score: 0, level: null, raw: 0, contributions: [], triggers: [], at: AT.toISOString() });
    expect(s.model).toBe(modelVersion(defaultModelConfig));
  });

  it('reproduces the worked example of docs/scoring.md', () => {
    const s = scoreFirm(WORKED, AT);
    expect(s.rawComponents.inspections).toBeCloseTo(79.9, 2);
    expect(s.rawComponents.petitions).toBeCloseTo(45.78, 2);
    expect(s.rawComponents.opinion).toBeCloseTo(6.36, 2);
    expect(s.raw).toBeCloseTo(132.04, 2);
    expect(s.score).toBe(92.9);
    expect(s.components).toEqual({ inspections: 56.2, petitions: 32.2, opinion: 4.5, affiliation: 0 });
    expect(s.level).toBe('red');
    expect(s.contributions.map((c) => [c.recordId ?? c.id, c.points])).toEqual([
      ['JC-2026-0412', 56.21],
      ['XF-2026-1187', 32.21],
      [3, 4.48],
    ]);
    expect(s.triggers.map((t) => t.kind)).toEqual(['collective_wage_petition', 'overdue_wage_order']);
    expect(s.flags).toEqual({ majorOpinion: false, creditCandidate: true });
    // The inspection alone: 79.76 rounds to 79.8, one tenth short of red.
    const alone = scoreFirm({ ...WORKED, petitions: [], mentions: [] }, AT);
    expect(alone.score).toBe(79.8);
    expect(alone.scoreLevel).toBe('orange');
  });

  it('is deterministic: the same input gives an identical result, fresh or from a reused scorer', () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const a = scoreFirm(e, AT);
        const copy = structuredClone(e);
        expect(scoreFirm(copy, new Date(AT.getTime()), parseModelConfig({}))).toEqual(a);
        const scorer = createScorer(AT);
        scorer.score(WORKED);
        expect(scorer.score(e)).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps its parts consistent: score = squash(raw), components add up, contributions ranked and bounded', () => {
    fc.assert(
      fc.property(evidenceArb, (e) => {
        const s = scoreFirm(e, AT);
        expect(s.score).toBe(Math.round(squash(s.raw, 50) * 10) / 10);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        const c = s.components;
        expect(Math.round((c.inspections + c.petitions + c.opinion + c.affiliation) * 10)).toBe(
          Math.round(s.score * 10),
        );
        const r = s.rawComponents;
        expect(r.inspections + r.petitions + r.opinion + r.affiliation).toBe(s.raw);
        expect(s.contributions.length).toBeLessThanOrEqual(10);
        for (let i = 1; i < s.contributions.length; i++)
          expect(s.contributions[i - 1]!.raw).toBeGreaterThanOrEqual(s.contributions[i]!.raw);
        const sum = s.contributions.reduce((a, x) => a + x.points, 0);
        expect(sum).toBeLessThanOrEqual(s.score + 0.05 * s.contributions.length);
        for (const x of s.contributions) {
          expect(x.why.key).toMatch(/^[a-z_]+$/);
          expect(x.why.text).toMatch(/[\u4e00-\u9fff]/);
          expect(x.date <= '2026-11-03').toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists at most contributionsLimit records', () => {
    const many: FirmEvidence = {
      ...evidence(),
      petitions: Array.from({ length: 30 }, (_, i) => ({
        id: i,
        recordId: `XF-${i}`,
        received: '2026-10-01',
        categories: ['hours'],
        petitioners: 1,
        repeat: false,
      })),
    };
    expect(scoreFirm(many, AT).contributions).toHaveLength(10);
    expect(scoreFirm(many, AT, parseModelConfig({ contributionsLimit: 3 })).contributions).toHaveLength(3);
    expect(scoreFirm(many, AT, parseModelConfig({ contributionsLimit: 0 })).contributions).toHaveLength(0);
  });

  it('does not modify its input', () => {
    const copy = structuredClone(WORKED);
    scoreFirm(WORKED, AT);
    expect(WORKED).toEqual(copy);
  });
});
