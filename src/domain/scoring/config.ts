// Every parameter of the risk model, in one schema. docs/scoring.md gives the
// reason and legal basis of each default; the short notes here say only what
// a reader of the code needs. A parameter set is identified by modelVersion,
// which is stored beside every score so old scores stay explainable.

import { z } from 'zod';
import { Invalid } from '../errors.ts';
import { PETITION_CATEGORY, type PetitionCategory, VIOLATION, type Violation } from '../values/enums.ts';
import { canonicalJson, fnv1a64 } from './hash.ts';

// Bump when a formula in this directory changes, so equal parameters under
// different formulas never share a version.
export const MODEL_FAMILY = 'qianshao-risk/1';

const weight = z.number().finite().min(0);
// Multipliers that mark something as worse; below 1 they would make an
// aggravating fact lower the score and break monotonicity.
const aggravating = z.number().finite().min(1);
const days = z.number().finite().positive().max(3650);
const level = z.enum(['red', 'orange', 'yellow', 'blue']);

function exhaustive<K extends string>(codes: readonly K[]) {
  return z.record(z.enum(codes as unknown as [K, ...K[]]), weight);
}

export const modelConfigSchema = z
  .strictObject({
    halfLifeDays: z.strictObject({ inspections: days, petitions: days, opinion: days }),
    /** Records older than this many half-lives are ignored (< 0.4 % left at 8). */
    horizonHalfLives: z.number().finite().min(1).max(30),
    inspection: z.strictObject({
      violationWeights: exhaustive<Violation>(VIOLATION.codes),
      workersLogFactor: weight,
      amountLogFactor: weight,
      amountUnit: z.number().finite().positive(),
      orderFactors: z.strictObject({ none: aggravating, rectify: aggravating, pay: aggravating }),
      stateFactors: z.strictObject({ open: weight, rectified: weight, overdue: weight }),
      transferredFactor: aggravating,
      repeat: z.strictObject({ windowDays: days, step: weight, maxCount: z.number().int().min(0).max(100) }),
    }),
    petition: z.strictObject({
      categoryWeights: exhaustive<PetitionCategory>(PETITION_CATEGORY.codes),
      extraCategoryShare: z.number().finite().min(0).max(1),
      petitionersLogFactor: weight,
      collectiveThreshold: z.number().int().min(2).max(10_000),
      collectiveFactor: aggravating,
      repeatFactor: aggravating,
    }),
    opinion: z.strictObject({
      severityPoints: z.array(weight).length(6),
      categoryFactors: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/), aggravating),
      majorFactor: aggravating,
      /** × for an item reporting collective action (罢工, 聚集, ≥ 10 people). */
      collectiveFactor: aggravating,
      /** × (1 + f·log10(people / 10)) for a head count of 10 or more read from the item. */
      peopleLogFactor: weight,
      /** × (1 + f·log10(1 + amount / 10,000 yuan)) for a sum read from the item. */
      amountLogFactor: weight,
      defaultCredibility: z.number().finite().min(0).max(5),
      /** Copies of one story (issue 14): each copy adds perCopy, at most max, as a factor over 1. */
      reach: z.strictObject({ perCopy: z.number().finite().min(0).max(1), max: z.number().finite().min(0).max(2) }),
      /** Place (issue 14): weight of items about elsewhere; the raw-point cap of national items about a platform. */
      place: z.strictObject({
        elsewhereFactor: z.number().finite().min(0).max(1),
        nationalCap: z.number().finite().min(0).max(1000),
      }),
      spike: z.strictObject({
        windowHours: z
          .number()
          .finite()
          .positive()
          .max(24 * 7),
        baselineDays: days,
        minBaselinePerDay: z.number().finite().positive(),
        minCount: z.number().int().min(1),
        maxSurprise: z.number().finite().positive(),
        gain: weight,
      }),
    }),
    affiliation: z.strictObject({
      share: z.number().finite().min(0).max(1),
      decay: z.number().finite().min(0).max(1),
      maxPoints: z.number().finite().min(0).max(99),
    }),
    squash: z.strictObject({ k: z.number().finite().positive() }),
    levels: z.strictObject({
      red: z.number().max(100),
      orange: z.number(),
      yellow: z.number(),
      blue: z.number().positive(),
    }),
    triggers: z.strictObject({
      majorOpinion: z.strictObject({ days, level }),
      collectiveWagePetition: z.strictObject({ days, level }),
      /** 罢工/聚集/≥ minPeople people in an item within `days`; a petition of ≥ collectiveThreshold people (any category) within `petitionDays`. */
      collectiveAction: z.strictObject({
        days,
        petitionDays: days,
        minPeople: z.number().int().min(2).max(10_000),
        level,
      }),
      overdueWageOrder: z.strictObject({
        days,
        level,
        // The 2013 judicial interpretation's crime amounts; a hint in the reason only.
        crimeAmountSingle: z.number().finite().positive(),
        crimeAmountCollective: z.number().finite().positive(),
      }),
    }),
    contributionsLimit: z.number().int().min(0).max(100),
  })
  .superRefine((c, ctx) => {
    const s = c.opinion.severityPoints;
    for (let i = 1; i < s.length; i++) {
      if (s[i]! < s[i - 1]!)
        ctx.addIssue({
          code: 'custom',
          path: ['opinion', 'severityPoints', i],
          message: 'must not be below the previous severity',
        });
    }
    const l = c.levels;
    if (!(l.red > l.orange)) ctx.addIssue({ code: 'custom', path: ['levels', 'orange'], message: 'must be below red' });
    if (!(l.orange > l.yellow))
      ctx.addIssue({ code: 'custom', path: ['levels', 'yellow'], message: 'must be below orange' });
    if (!(l.yellow > l.blue))
      ctx.addIssue({ code: 'custom', path: ['levels', 'blue'], message: 'must be below yellow' });
    const st = c.inspection.stateFactors;
    if (!(st.overdue >= st.open))
      ctx.addIssue({
        code: 'custom',
        path: ['inspection', 'stateFactors', 'overdue'],
        message: 'an overdue order must weigh at least as much as an open one',
      });
  });

export type ModelConfig = z.infer<typeof modelConfigSchema>;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const defaultModelConfig: ModelConfig = deepFreeze({
  halfLifeDays: { inspections: 180, petitions: 60, opinion: 7 },
  horizonHalfLives: 8,
  inspection: {
    // Non-payment and sub-minimum pay take the worker's livelihood; child labor is a crime-grade violation.
    violationWeights: {
      wage_arrears: 10,
      min_wage: 8,
      child_labor: 10,
      illegal_dispatch: 5,
      occupational_injury: 5,
      social_insurance: 4,
      women_minors: 4,
      no_contract: 3,
      overtime: 3,
      discrimination: 3,
      rest: 2,
      other: 2,
    },
    workersLogFactor: 0.3, // ×1.21 at 1 worker, ×1.72 at 10, ×2.38 at 100
    amountLogFactor: 0.4, // with amountUnit: ×1.44 at ¥10,000, ×1.84 at ¥36,000, ×2.22 at ¥100,000
    amountUnit: 5000, // the lowest single-worker crime figure
    orderFactors: { none: 1, rectify: 1.1, pay: 1.25 },
    stateFactors: { open: 1, rectified: 0.4, overdue: 2.5 },
    transferredFactor: 1.5,
    repeat: { windowDays: 365, step: 0.25, maxCount: 4 },
  },
  petition: {
    categoryWeights: {
      wage_arrears: 4,
      injury: 3,
      social_insurance: 2.5,
      dismissal: 2.5,
      account_ban: 2,
      deduction: 2,
      algorithm: 1.5,
      hours: 1.5,
      other: 1,
    },
    extraCategoryShare: 0.5,
    petitionersLogFactor: 0.5,
    collectiveThreshold: 10, // 劳动争议调解仲裁法 art. 7
    collectiveFactor: 6, // makes one collective petition of 10 outrank 10 single ones (docs)
    repeatFactor: 1.5,
  },
  opinion: {
    severityPoints: [0, 0.5, 1.5, 3, 5, 8],
    categoryFactors: { arrears: 1.2, stoppage: 1.2, gathering: 1.2, extreme: 1.5 },
    majorFactor: 2,
    collectiveFactor: 1.5,
    peopleLogFactor: 0.5,
    amountLogFactor: 0.25,
    defaultCredibility: 1,
    reach: { perCopy: 0.1, max: 0.3 }, // a story on 4 sites weighs 1.3×, never more
    place: { elsewhereFactor: 0.1, nationalCap: 12 }, // 12 raw points squash to 21.3: blue, far below red (80)
    spike: { windowHours: 24, baselineDays: 28, minBaselinePerDay: 0.25, minCount: 3, maxSurprise: 6, gain: 1 },
  },
  affiliation: { share: 0.5, decay: 0.5, maxPoints: 90 },
  squash: { k: 50 },
  levels: { red: 80, orange: 60, yellow: 40, blue: 20 },
  triggers: {
    majorOpinion: { days: 7, level: 'red' },
    collectiveWagePetition: { days: 60, level: 'orange' }, // 信访工作条例: concluded within 60 days
    collectiveAction: { days: 7, petitionDays: 60, minPeople: 10, level: 'orange' }, // 劳动争议调解仲裁法 art. 7
    overdueWageOrder: { days: 365, level: 'yellow', crimeAmountSingle: 20_000, crimeAmountCollective: 100_000 },
  },
  contributionsLimit: 10,
} satisfies ModelConfig);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Arrays replace rather than merge: a severity table is one value.
function mergeOver(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = mergeOver(base[k], v);
  return out;
}

/**
 * A partial override (parsed JSON) merged over the defaults and validated.
 * Throws Invalid naming the path of every problem, e.g.
 * `invalid scoring model config: levels.orange: must be below red`.
 */
export function parseModelConfig(json: unknown): ModelConfig {
  if (json !== undefined && json !== null && !isPlainObject(json)) {
    throw new Invalid('invalid scoring model config: (root): expected an object');
  }
  const parsed = modelConfigSchema.safeParse(mergeOver(defaultModelConfig, json ?? {}));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Invalid(`invalid scoring model config: ${issues.join('; ')}`, { issues });
  }
  return parsed.data;
}

// Configs are treated as immutable values; the cache saves rehashing per firm.
const versions = new WeakMap<object, string>();

/** A short stable id of the formulas and parameters, e.g. 'risk-3f09c1d2ab47'. */
export function modelVersion(config: ModelConfig): string {
  let v = versions.get(config);
  if (v === undefined) {
    v = `risk-${fnv1a64(canonicalJson({ family: MODEL_FAMILY, config })).slice(0, 12)}`;
    versions.set(config, v);
  }
  return v;
}
