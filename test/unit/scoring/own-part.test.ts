// A stored records part (inspections and petitions) plus the firm's
// mentions scored anew must give exactly the score of the whole evidence,
// at any later instant of the same Shanghai day (issue 16): a touched
// rescore relies on it for platforms whose records did not change.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScorer, defaultModelConfig, type FirmEvidence, partValidAt } from '../../../src/domain/scoring/index.ts';
import { AT, daysAgo, evidenceArb, evidence, inspection, mention, petition } from './helpers.ts';

const HOUR = 3_600_000;
// AT is noon in Shanghai: from 11:00 to 23:00 the day is the same.
const earlier = new Date(AT.getTime() - HOUR);

/** Some records get a time of day (before `earlier`, or after the later instant), some follow-ups chain. */
const richEvidenceArb = fc
  .tuple(evidenceArb, fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 20, maxLength: 20 }))
  .map(([e, shifts]): FirmEvidence => {
    const stamp = (date: string, k: number): number | null => {
      const s = shifts[k % shifts.length]!;
      if (s === 0) return null;
      const dayStart = Date.parse(`${date}T00:00:00+08:00`);
      return s < 0 ? dayStart + (-s % 11) * HOUR : AT.getTime() + 11 * HOUR + s * 1000;
    };
    return {
      inspections: e.inspections.map((r, k) => ({
        ...r,
        at: stamp(r.date, k),
        related: k > 0 && shifts[k]! % 3 === 0 ? e.inspections[k - 1]!.recordId : null,
      })),
      petitions: e.petitions.map((p, k) => ({ ...p, at: stamp(p.received, k + 7) })),
      mentions: e.mentions,
    };
  });

describe('records part', () => {
  it('scoreKeepingPart returns the same score as score()', () => {
    fc.assert(
      fc.property(richEvidenceArb, (e) => {
        const s = createScorer(AT, defaultModelConfig);
        const want = s.score(e);
        expect(s.scoreKeepingPart(e).score).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('a part kept earlier the same day, with mentions scored anew, gives the whole score exactly', () => {
    fc.assert(
      fc.property(richEvidenceArb, fc.integer({ min: 0, max: 11 * 60 }), (e, minutes) => {
        const later = new Date(earlier.getTime() + minutes * 60_000);
        const { part } = createScorer(earlier, defaultModelConfig).scoreKeepingPart(e);
        // Stored as JSON and read back, as the database does.
        const stored = JSON.parse(JSON.stringify(part));
        const s = createScorer(later, defaultModelConfig);
        expect(s.scoreFromPart(stored, e.mentions)).toEqual(s.score(e));
      }),
      { numRuns: 300 },
    );
  });

  it('explains a firm with triggers from records and mentions the same way', () => {
    const e = evidence({
      inspections: [inspection({ order: 'pay', due: daysAgo(30), status: 'overdue' }), inspection()],
      petitions: [petition({ petitioners: 12, categories: ['deduction'], received: daysAgo(2) }), petition()],
      mentions: [mention({ major: true, maxSeverity: 5 }), mention({ collective: true }), mention(), mention()],
    });
    const { part } = createScorer(earlier, defaultModelConfig).scoreKeepingPart(e);
    const s = createScorer(AT, defaultModelConfig);
    const want = s.score(e);
    expect(want.triggers.map((t) => t.kind).sort()).toEqual([
      'collective_action',
      'major_opinion',
      'overdue_wage_order',
    ]);
    expect(s.scoreFromPart(part, e.mentions)).toEqual(want);
  });

  it('does not hold on another day, for another model, or for an earlier instant', () => {
    const { part } = createScorer(AT, defaultModelConfig).scoreKeepingPart(evidence({ inspections: [inspection()] }));
    const s = createScorer(AT, defaultModelConfig);
    expect(partValidAt(part, s.model, AT.getTime(), part.day)).toBe(true);
    expect(partValidAt(part, s.model, AT.getTime() + 13 * HOUR, part.day + 1)).toBe(false);
    expect(partValidAt(part, 'risk-other', AT.getTime(), part.day)).toBe(false);
    expect(partValidAt(part, s.model, AT.getTime() - 1, part.day)).toBe(false);
    expect(() => createScorer(new Date(AT.getTime() + 13 * HOUR)).scoreFromPart(part, [])).toThrow(/does not hold/);
  });
});
