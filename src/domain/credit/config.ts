// Parameters of the credit-list workflow (人社部令第45号, 上海市社会信用条例).
// Defaults carry their legal basis (src/domain/credit/articles.ts names each
// article; all the periods below were checked against the published texts in
// test/fixtures/law/); a deployment overrides only what differs.

import { z } from 'zod';
import { Invalid } from '../errors.ts';
import { DISCLOSURE_CRITERIA } from '../disclosure.ts';

const days = z.number().int().min(0).max(60);

export const creditConfigSchema = z.strictObject({
  /** 45号令 art. 6: the objection (异议, 陈述申辩) period, 5 working days from the party's receipt of the notice (ARTICLES.statementPeriod). */
  statementWorkingDays: days,
  /** 45号令 art. 6: verifying (核实) an objection, 5 working days from its receipt (ARTICLES.statementReview). */
  statementReviewWorkingDays: days,
  /** 45号令 art. 8: the listing decision, 20 working days from the end of the payment deadline, and its one extension by 20 (ARTICLES.decisionDeadline, decisionExtension). */
  decisionWorkingDays: days,
  decisionExtensionWorkingDays: days,
  /** Publication after the decision: 45号令 art. 9 sets no period of its own and refers to 政府信息公开条例, art. 26 of which gives 20 working days (ARTICLES.publicationPeriod). */
  publishWorkingDays: days,
  /** 45号令 art. 14: an early-removal application is decided within 15 working days of receipt (ARTICLES.earlyRemovalDecision). */
  earlyRemovalDecideWorkingDays: days,
  /** 45号令 art. 17: removal within 10 working days of the term's end (ARTICLES.expiryRemoval). */
  expiryRemovalWorkingDays: days,
  /** A clock raises its alert this many working days before it lapses. */
  clockWarnWorkingDays: days,
  /** 45号令 art. 11: a listing lasts three years from the decision (art. 16, cited here before, is the revocation of a listing whose order to pay was revoked). */
  termYears: z.number().int().min(1).max(10),
  /** 45号令 art. 12(2): early removal once listed 6 months since the correction. */
  earlyRemovalMonths: z.number().int().min(0).max(36),
  /**
   * A re-offence during the term restarts the term from its date. NOT in 45号令: art. 13 only bars early removal, so the
   * default is false; set true only where a local rule provides it (the new violation is a case of its own either way).
   */
  reoffenceRestartsTerm: z.boolean(),
  /** 上海市社会信用条例 (2017) art. 36: objections marked within 1 working day, decided within 5. */
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
  /**
   * 人社部令第29号 quarterly disclosure (src/domain/disclosure.ts): which criteria apply and their thresholds; unset keys
   * keep the defaults there. Each criterion names its item of art. 5 (CRITERION_SOURCE).
   */
  disclosure: z
    .strictObject({
      criteria: z.array(z.enum(DISCLOSURE_CRITERIA)).max(DISCLOSURE_CRITERIA.length),
      dispatchMinWorkers: z.number().int().min(1),
      injuryMinWorkers: z.number().int().min(1),
      socialInsuranceMinWorkers: z.number().int().min(1),
      workingTimeMinWorkers: z.number().int().min(1),
      womenMinorsMinWorkers: z.number().int().min(1),
      decidedStatuses: z.array(z.enum(['rectified', 'overdue', 'closed', 'transferred'])).min(1),
    })
    .partial(),
});

export type CreditConfig = z.infer<typeof creditConfigSchema>;

export const defaultCreditConfig: CreditConfig = Object.freeze({
  statementWorkingDays: 5,
  statementReviewWorkingDays: 5,
  decisionWorkingDays: 20,
  decisionExtensionWorkingDays: 20,
  publishWorkingDays: 20,
  earlyRemovalDecideWorkingDays: 15,
  expiryRemovalWorkingDays: 10,
  clockWarnWorkingDays: 2,
  termYears: 3,
  reoffenceRestartsTerm: false,
  earlyRemovalMonths: 6,
  objectionMarkWorkingDays: 1,
  objectionDecideWorkingDays: 5,
  // The upper ends of the national ranges, as in the scoring model's trigger hint.
  crimeAmountSingle: 20_000,
  crimeAmountCollective: 100_000,
  collectiveWorkers: 10,
  linkDays: 90,
  defaultAuthority: '区人力资源和社会保障局',
  disclosure: {},
});

/** A partial override merged over the defaults (or `base`) and validated; Invalid names each bad field. */
export function parseCreditConfig(override: unknown, base: CreditConfig = defaultCreditConfig): CreditConfig {
  if (override === undefined || override === null) return base;
  if (typeof override !== 'object' || Array.isArray(override))
    throw new Invalid('invalid credit config: expected an object');
  const r = creditConfigSchema.safeParse({ ...base, ...override });
  if (!r.success)
    throw new Invalid(
      `invalid credit config: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}
