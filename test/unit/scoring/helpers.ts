// Builders and generators shared by the scoring tests. AT is a fixed
// instant (noon in Shanghai) so that every date below is unambiguous.

import fc from 'fast-check';
import type {
  FirmEvidence,
  InspectionEvidence,
  MentionEvidence,
  PetitionEvidence,
} from '../../../src/domain/scoring/index.ts';
import { VIOLATION, type Violation } from '../../../src/domain/values/enums.ts';

export const AT = new Date('2026-11-03T12:00:00+08:00');
export const AT_DATE = '2026-11-03';
const DAY_MS = 86_400_000;

/** The Shanghai date `n` days before AT's date (negative: after). */
export function daysAgo(n: number): string {
  return new Date(Date.UTC(2026, 10, 3) - n * DAY_MS).toISOString().slice(0, 10);
}

export function hoursAgo(h: number): Date {
  return new Date(AT.getTime() - h * 3_600_000);
}

let seq = 0;
const nextId = (): number => ++seq;

export function inspection(over: Partial<InspectionEvidence> = {}): InspectionEvidence {
  const id = over.id ?? nextId();
  return {
    id,
    recordId: `JC-${id}`,
    date: daysAgo(10),
    violations: ['wage_arrears'],
    workers: 5,
    amount: 10_000,
    order: 'pay',
    due: daysAgo(-20),
    rectified: null,
    status: 'open',
    ...over,
  };
}

export function petition(over: Partial<PetitionEvidence> = {}): PetitionEvidence {
  const id = over.id ?? nextId();
  return {
    id,
    recordId: `XF-${id}`,
    received: daysAgo(3),
    categories: ['wage_arrears'],
    petitioners: 1,
    repeat: false,
    ...over,
  };
}

export function mention(over: Partial<MentionEvidence> = {}): MentionEvidence {
  return {
    id: over.id ?? nextId(),
    at: hoursAgo(2),
    maxSeverity: 3,
    major: false,
    categories: ['arrears'],
    credibility: 1,
    ...over,
  };
}

export function evidence(over: Partial<FirmEvidence> = {}): FirmEvidence {
  return { inspections: [], petitions: [], mentions: [], ...over };
}

// ---- fast-check arbitraries -------------------------------------------------

const pastDay = fc.integer({ min: 0, max: 900 });
const maybeDate = fc.option(fc.integer({ min: -120, max: 900 }).map(daysAgo), { nil: null });

export const violationArb = fc.constantFrom(...(VIOLATION.codes as readonly Violation[]));

export const inspectionArb: fc.Arbitrary<InspectionEvidence> = fc.record({
  id: fc.integer({ min: 1, max: 1e9 }),
  recordId: fc.constant('JC'),
  date: pastDay.map(daysAgo),
  violations: fc.uniqueArray(violationArb, { maxLength: 4 }),
  workers: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  amount: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  order: fc.constantFrom(null, 'none', 'rectify', 'pay' as const),
  due: maybeDate,
  rectified: maybeDate,
  status: fc.constantFrom(null, 'open', 'rectified', 'overdue', 'closed', 'transferred' as const),
});

export const petitionArb: fc.Arbitrary<PetitionEvidence> = fc.record({
  id: fc.integer({ min: 1, max: 1e9 }),
  recordId: fc.constant('XF'),
  received: fc.integer({ min: 0, max: 500 }).map(daysAgo),
  categories: fc.uniqueArray(
    fc.constantFrom(
      'wage_arrears',
      'social_insurance',
      'injury',
      'account_ban',
      'deduction',
      'algorithm',
      'hours',
      'dismissal',
      'other' as const,
    ),
    { maxLength: 3 },
  ),
  petitioners: fc.integer({ min: 1, max: 60 }),
  repeat: fc.boolean(),
});

export const mentionArb: fc.Arbitrary<MentionEvidence> = fc.record({
  id: fc.integer({ min: 1, max: 1e9 }),
  at: fc.integer({ min: 0, max: 60 * 24 }).map(hoursAgo),
  maxSeverity: fc.integer({ min: 0, max: 5 }),
  major: fc.boolean(),
  categories: fc.uniqueArray(fc.constantFrom('arrears', 'stoppage', 'gathering', 'bans_fines', 'extreme', 'injury'), {
    maxLength: 3,
  }),
  credibility: fc.double({ min: 0, max: 5, noNaN: true }),
});

/** Evidence with unique ids across all records (a repeated mention id counts once by design). */
export const evidenceArb: fc.Arbitrary<FirmEvidence> = fc
  .record({
    inspections: fc.array(inspectionArb, { maxLength: 8 }),
    petitions: fc.array(petitionArb, { maxLength: 8 }),
    mentions: fc.array(mentionArb, { maxLength: 12 }),
  })
  .map((e) => {
    let n = 0;
    return {
      inspections: e.inspections.map((r) => ({ ...r, id: ++n, recordId: `JC-${n}` })),
      petitions: e.petitions.map((r) => ({ ...r, id: ++n, recordId: `XF-${n}` })),
      mentions: e.mentions.map((r) => ({ ...r, id: ++n })),
    };
  });

/** Replaces element `i` (mod length) of a list. */
export function replaceAt<T>(list: readonly T[], i: number, f: (x: T) => T): T[] {
  const k = i % list.length;
  return list.map((x, j) => (j === k ? f(x) : x));
}

export const LEVEL_RANK = { null: 0, blue: 1, yellow: 2, orange: 3, red: 4 } as const;
export function rank(level: string | null): number {
  return LEVEL_RANK[String(level) as keyof typeof LEVEL_RANK];
}
