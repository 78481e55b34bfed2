// Parameters of the credit-list workflow (人社部令第45号, 上海市社会信用条例).
// Defaults carry their legal basis (src/domain/credit/articles.ts names each
// article and whether it was verified); a deployment overrides only what
// differs — which is how the legal office corrects a period without a release.

import { z } from 'zod';
import { Invalid } from '../errors.ts';

const days = z.number().int().min(0).max(60);

export const creditConfigSchema = z.strictObject({
  /** 陈述申辩 period, in working days from the party's receipt of the notice (ARTICLES.statementPeriod). */
  statementWorkingDays: days,
  /** Review (复核) of a statement, in working days from its receipt (ARTICLES.statementReview). */
  statementReviewWorkingDays: days,
  /** The listing decision, in working days from the end of the payment deadline (ARTICLES.decisionDeadline), and its one extension. */
  decisionWorkingDays: days,
  decisionExtensionWorkingDays: days,
  /** Publication after the decision, in working days (ARTICLES.publication). */
  publishWorkingDays: days,
  /** An early-removal application is decided within this many working days of receipt (ARTICLES.earlyRemovalDecision). */
  earlyRemovalDecideWorkingDays: days,
  /** Removal after the term ends, within this many working days (ARTICLES.expiryRemoval). */
  expiryRemovalWorkingDays: days,
  /** A clock raises its alert this many working days before it lapses. */
  clockWarnWorkingDays: days,
  /** 45号令 arts. 11–12 (issue 18; formerly cited as art. 16): a listing lasts three years. */
  termYears: z.number().int().min(1).max(10),
  /** Early removal: months since the correction (45号令 art. 12: 6 months). */
  earlyRemovalMonths: z.number().int().min(0).max(36),
  /** A re-offence during the term: the term runs again from the re-offence's date (ARTICLES.reoffence). */
  reoffenceRestartsTerm: z.boolean(),
  /** 上海市社会信用条例: objections marked within 1 working day, decided within 5. */
  objectionMarkWorkingDays: days,
  objectionDecideWorkingDays: days,
  /** 拒不支付劳动报酬罪 数额较大 (2013 interpretation): one worker ¥5,000–20,000, ≥ 10 workers ¥30,000–100,000. */
  crimeAmountSingle: z.number().positive(),
  crimeAmountCollective: z.number().positive(),
  /** 劳动争议调解仲裁法 art. 7: a collective dispute has ≥ 10 workers. */
  collectiveWorkers: z.number().int().min(2),
  /** A petition or mention counts as linked to an order when dated this many days before it or later. */
  linkDays: z.number().int().min(0).max(730),
  /** The deciding authority written on decisions unless the approver names another. */
  defaultAuthority: z.string().min(1),
});

export type CreditConfig = z.infer<typeof creditConfigSchema>;

export const defaultCreditConfig: CreditConfig = Object.freeze({
  statementWorkingDays: 5,
  statementReviewWorkingDays: 5,
  decisionWorkingDays: 20,
  decisionExtensionWorkingDays: 20,
  publishWorkingDays: 7,
  earlyRemovalDecideWorkingDays: 15,
  expiryRemovalWorkingDays: 5,
  clockWarnWorkingDays: 2,
  termYears: 3,
  reoffenceRestartsTerm: true,
  earlyRemovalMonths: 6,
  objectionMarkWorkingDays: 1,
  objectionDecideWorkingDays: 5,
  // The upper ends of the national ranges, as in the scoring model's trigger hint.
  crimeAmountSingle: 20_000,
  crimeAmountCollective: 100_000,
  collectiveWorkers: 10,
  linkDays: 90,
  defaultAuthority: '区人力资源和社会保障局',
});

/** A partial override merged over the defaults (or `base`) and validated; Invalid names each bad field. */
export function parseCreditConfig(override: unknown, base: CreditConfig = defaultCreditConfig): CreditConfig {
  if (override === undefined || override === null) return base;
  if (typeof override !== 'object' || Array.isArray(override)) throw new Invalid('invalid credit config: expected an object');
  const r = creditConfigSchema.safeParse({ ...base, ...override });
  if (!r.success) throw new Invalid(`invalid credit config: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
