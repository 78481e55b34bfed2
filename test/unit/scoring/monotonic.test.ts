import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FirmEvidence, type FirmScore, scoreFirm } from '../../../src/domain/scoring/index.ts';
import { collapseChains } from '../../../src/domain/inspection-chains.ts';
import {
  AT,
  evidenceArb,
  hoursAgo,
  inspectionArb,
  mentionArb,
  petitionArb,
  rank,
  replaceAt,
  violationArb,
} from './helpers.ts';

// "More harm never lowers the score": each property makes one input worse
// and checks both the raw points (exact) and the level (triggers included).
const RUNS = { numRuns: 300 };
const TIMEOUT = 60_000;

function notLower(before: FirmScore, after: FirmScore): void {
  expect(after.raw).toBeGreaterThanOrEqual(before.raw);
  expect(after.score).toBeGreaterThanOrEqual(before.score);
  expect(rank(after.level)).toBeGreaterThanOrEqual(rank(before.level));
}

/** Which inspections count as one matter (follow-ups of one order, inspection-chains.ts), as of AT. */
const chainsAt = (e: FirmEvidence) =>
  collapseChains(e.inspections, '2026-11-03')
    .map((c) => c.chain.join('+'))
    .sort()
    .join(' ');

/**
 * Harm within a record never lowers the score. A change that makes a record
 * a follow-up of another (the same workers and amount under one order) is
 * not more harm but the same matter seen twice, counted once by design
 * (issue 14, item 10; test/unit/inspection-chains*.test.ts): such cases are
 * left to the chain tests (`sameMatter` = true keeps only changes that leave
 * the chains as they were).
 */
function check<X>(
  extra: fc.Arbitrary<X>,
  worse: (e: FirmEvidence, i: number, x: X) => FirmEvidence,
  sameMatter = false,
): void {
  fc.assert(
    fc.property(evidenceArb, fc.nat(), extra, (e, i, x) => {
      const after = worse(e, i, x);
      if (sameMatter) fc.pre(chainsAt(after) === chainsAt(e));
      notLower(scoreFirm(e, AT), scoreFirm(after, AT));
    }),
    RUNS,
  );
}

const none = fc.constant(null);

describe('monotonic in every harmful input', () => {
  it(
    'adding a violation to an inspection',
    () => {
      check(violationArb, (e, i, v) =>
        e.inspections.length === 0
          ? e
          : { ...e, inspections: replaceAt(e.inspections, i, (r) => ({ ...r, violations: [...r.violations, v] })) },
      );
    },
    TIMEOUT,
  );

  it(
    'adding an inspection',
    () => {
      check(inspectionArb, (e, _i, r) => ({ ...e, inspections: [...e.inspections, { ...r, id: 'new' }] }));
    },
    TIMEOUT,
  );

  it(
    'raising the workers of an inspection',
    () => {
      check(
        fc.integer({ min: 1, max: 500 }),
        (e, i, d) =>
          e.inspections.length === 0
            ? e
            : { ...e, inspections: replaceAt(e.inspections, i, (r) => ({ ...r, workers: (r.workers ?? 0) + d })) },
        true,
      );
    },
    TIMEOUT,
  );

  it(
    'raising the amount of an inspection',
    () => {
      check(
        fc.integer({ min: 1, max: 1_000_000 }),
        (e, i, d) =>
          e.inspections.length === 0
            ? e
            : { ...e, inspections: replaceAt(e.inspections, i, (r) => ({ ...r, amount: (r.amount ?? 0) + d })) },
        true,
      );
    },
    TIMEOUT,
  );

  it(
    'adding a petition',
    () => {
      check(petitionArb, (e, _i, p) => ({ ...e, petitions: [...e.petitions, { ...p, id: 'new' }] }));
    },
    TIMEOUT,
  );

  it(
    'adding petitioners to a petition (crossing the collective line included)',
    () => {
      check(fc.integer({ min: 1, max: 20 }), (e, i, d) =>
        e.petitions.length === 0
          ? e
          : { ...e, petitions: replaceAt(e.petitions, i, (p) => ({ ...p, petitioners: p.petitioners + d })) },
      );
    },
    TIMEOUT,
  );

  it(
    'marking a petition as repeated',
    () => {
      check(none, (e, i) =>
        e.petitions.length === 0 ? e : { ...e, petitions: replaceAt(e.petitions, i, (p) => ({ ...p, repeat: true })) },
      );
    },
    TIMEOUT,
  );

  it(
    'raising the severity of a mention',
    () => {
      check(fc.integer({ min: 1, max: 5 }), (e, i, d) =>
        e.mentions.length === 0
          ? e
          : {
              ...e,
              mentions: replaceAt(e.mentions, i, (m) => ({ ...m, maxSeverity: Math.min(5, m.maxSeverity + d) })),
            },
      );
    },
    TIMEOUT,
  );

  it(
    'raising the credibility of a mention',
    () => {
      check(fc.double({ min: 0.01, max: 5, noNaN: true }), (e, i, d) =>
        e.mentions.length === 0
          ? e
          : {
              ...e,
              mentions: replaceAt(e.mentions, i, (m) => ({ ...m, credibility: Math.min(5, (m.credibility ?? 1) + d) })),
            },
      );
    },
    TIMEOUT,
  );

  it(
    'marking a mention as an extreme event',
    () => {
      check(none, (e, i) =>
        e.mentions.length === 0 ? e : { ...e, mentions: replaceAt(e.mentions, i, (m) => ({ ...m, major: true })) },
      );
    },
    TIMEOUT,
  );

  // A mention inside the spike window only adds. One added to the 28-day
  // baseline may lower the spike bonus: that is the point of a baseline
  // (docs/scoring.md, "Spike"), so it is not claimed here.
  it(
    'adding a mention in the last 24 hours',
    () => {
      const recent = fc
        .tuple(mentionArb, fc.integer({ min: 0, max: 23 * 60 }))
        .map(([m, min]) => ({ ...m, at: hoursAgo(min / 60) }));
      check(recent, (e, _i, m) => ({ ...e, mentions: [...e.mentions, { ...m, id: 'new' }] }));
    },
    TIMEOUT,
  );
});
