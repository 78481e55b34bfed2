// Micro-benchmark of the risk model (not a test): `npx tsx bench/scoring-model.ts [firms] [records]`.
// Builds a synthetic district (default 20,000 firms, 1,000,000 records with
// a skewed spread: a few firms carry most records, as stations do) and times
// one full scoring run, affiliation pass included. Generation is not timed.

import {
  applyAffiliation,
  createScorer,
  type FirmEvidence,
  type FirmScore,
  type InspectionEvidence,
  type MentionEvidence,
  type PetitionEvidence,
} from '../src/domain/scoring/index.ts';
import { VIOLATION, type Violation } from '../src/domain/values/enums.ts';

const FIRMS = Number(process.argv[2] ?? 20_000);
const RECORDS = Number(process.argv[3] ?? 1_000_000);
const AT = new Date('2026-11-03T12:00:00+08:00');
const DAY_MS = 86_400_000;

// mulberry32: a fixed seed keeps runs comparable.
let seed = 0x9e3779b9;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const dateAgo = (days: number): string => new Date(Date.UTC(2026, 10, 3) - days * DAY_MS).toISOString().slice(0, 10);

const violations = VIOLATION.codes as readonly Violation[];
const categories = [
  'wage_arrears',
  'social_insurance',
  'injury',
  'account_ban',
  'deduction',
  'algorithm',
  'hours',
  'dismissal',
  'other',
] as const;

function inspectionRecord(id: number): InspectionEvidence {
  const age = Math.floor(rnd() * 1500);
  return {
    id,
    recordId: `JC-${id}`,
    date: dateAgo(age),
    violations: rnd() < 0.3 ? [] : [pick(violations), ...(rnd() < 0.3 ? [pick(violations)] : [])],
    workers: Math.floor(rnd() * 40),
    amount: rnd() < 0.5 ? Math.floor(rnd() * 200_000) : null,
    order: pick(['none', 'rectify', 'pay', null] as const),
    due: rnd() < 0.6 ? dateAgo(age - 30) : null,
    rectified: rnd() < 0.4 ? dateAgo(age - 20) : null,
    status: pick(['open', 'rectified', 'overdue', 'closed', null] as const),
  };
}

function petitionRecord(id: number): PetitionEvidence {
  return {
    id,
    recordId: `XF-${id}`,
    received: dateAgo(Math.floor(rnd() * 600)),
    categories: [pick(categories)],
    petitioners: rnd() < 0.05 ? 10 + Math.floor(rnd() * 30) : 1 + Math.floor(rnd() * 3),
    repeat: rnd() < 0.2,
  };
}

function mentionRecord(id: number): MentionEvidence {
  return {
    id,
    at: new Date(AT.getTime() - Math.floor(rnd() * 70 * DAY_MS)),
    maxSeverity: Math.floor(rnd() * 6),
    major: rnd() < 0.002,
    categories: rnd() < 0.5 ? ['arrears'] : ['bans_fines', 'gathering'],
    credibility: pick([0.5, 1, 1, 2]),
  };
}

// Records are built firm by firm, as a loader reading rows grouped by firm
// would; building them in random firm order instead scatters each firm over
// the heap and measures cache misses more than the model.
function build(): FirmEvidence[] {
  const counts = new Int32Array(FIRMS);
  // Squaring skews the spread toward low firm numbers (a few big stations).
  for (let n = 0; n < RECORDS; n++) counts[Math.floor(rnd() * rnd() * FIRMS)]!++;
  const firms: FirmEvidence[] = [];
  let id = 0;
  for (let f = 0; f < FIRMS; f++) {
    const firm = {
      inspections: [] as InspectionEvidence[],
      petitions: [] as PetitionEvidence[],
      mentions: [] as MentionEvidence[],
    };
    for (let k = 0; k < counts[f]!; k++) {
      const kind = rnd();
      id++;
      if (kind < 0.3) firm.inspections.push(inspectionRecord(id));
      else if (kind < 0.6) firm.petitions.push(petitionRecord(id));
      else firm.mentions.push(mentionRecord(id));
    }
    firms.push(firm);
  }
  return firms;
}

const firms = build();
// Warm-up on a slice so the JIT has seen the hot loops (as in a server that has been running).
{
  const warm = createScorer(AT);
  for (let i = 0; i < Math.min(2000, firms.length); i++) warm.score(firms[i]!);
}

// With `node --expose-gc --import tsx ...`, start from a clean heap.
(globalThis as { gc?: () => void }).gc?.();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const scorer = createScorer(AT);
const scores: FirmScore[] = new Array(firms.length);
for (let i = 0; i < firms.length; i++) scores[i] = scorer.score(firms[i]!);
const t1 = performance.now();
// Every 50th firm is a platform over the next 49.
for (let p = 0; p < firms.length; p += 50) {
  const partners = [];
  for (let q = p + 1; q < Math.min(p + 50, firms.length); q++)
    partners.push({ firmId: q, name: `F${q}`, score: scores[q]!.score });
  scores[p] = applyAffiliation(scores[p]!, partners);
}
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);

const levels: Record<string, number> = {};
for (const s of scores) levels[String(s.level)] = (levels[String(s.level)] ?? 0) + 1;
const secs = (t2 - t0) / 1000;
console.log(`${FIRMS} firms, ${RECORDS} records (model ${scorer.model})`);
console.log(
  `scoring ${(t1 - t0).toFixed(0)} ms + affiliation ${(t2 - t1).toFixed(0)} ms = ${(secs * 1000).toFixed(0)} ms`,
);
console.log(
  `${Math.round(RECORDS / secs).toLocaleString('en-US')} records/s, ${Math.round(FIRMS / secs).toLocaleString('en-US')} firms/s`,
);
// On a shared machine wall time includes waiting for a core; CPU time does not.
console.log(`CPU time ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (GC threads included)`);
console.log(`levels: ${JSON.stringify(levels)}`);
