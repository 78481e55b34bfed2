// Parameters of the credit-list workflow (人社部令第45号, 上海市社会信用条例).
// Defaults carry their legal basis; a deployment overrides only what differs.

import { z } from 'zod';
import { Invalid } from '../errors.ts';

const days = z.number().int().min(0).max(60);

export const creditConfigSchema = z.strictObject({
  /** 陈述申辩 period after the 事先告知, in working days. */
  statementWorkingDays: days,
  /** 45号令 art. 16: a listing lasts three years. */
  termYears: z.number().int().min(1).max(10),
  /** Early removal: months since the correction (45号令 art. 16: 6 months). */
  earlyRemovalMonths: z.number().int().min(0).max(36),
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
  termYears: 3,
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
