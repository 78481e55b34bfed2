// Structured disposition (pure): resolving a major-opinion alert records
// what was done, each action with its time and the person who did it, so
// the digest can count them (重大舆情: 核实情况, 回应发布, 网信/公安联动 …).

import { z } from 'zod';
import { Invalid } from '../errors.ts';

export const DISPOSITION_ACTIONS = [
  'verified',
  'response_published',
  'cyber_police_liaison',
  'on_site',
  'firm_interview',
  'wages_paid',
  'referred',
  'other',
] as const;
export type DispositionAction = (typeof DISPOSITION_ACTIONS)[number];

export const DISPOSITION_ZH: Readonly<Record<DispositionAction, string>> = {
  verified: '核实情况',
  response_published: '回应发布',
  cyber_police_liaison: '网信/公安联动',
  on_site: '线下处置',
  firm_interview: '约谈企业',
  wages_paid: '督促支付工资',
  referred: '移交相关部门',
  other: '其他',
};

export const DISPOSITION_EN: Readonly<Record<DispositionAction, string>> = {
  verified: 'Facts verified',
  response_published: 'Response published',
  cyber_police_liaison: 'Cyberspace / police liaison',
  on_site: 'On-site handling',
  firm_interview: 'Firm summoned for interview',
  wages_paid: 'Wage payment enforced',
  referred: 'Referred to another department',
  other: 'Other',
};

/** One thing done, as recorded on the alert. */
export interface Disposition {
  action: DispositionAction;
  /** When it was done (ISO 8601); defaults to the resolve instant. */
  at: string;
  /** Who recorded it. */
  by: string;
  note?: string;
}

export const dispositionInputSchema = z.strictObject({
  action: z.enum(DISPOSITION_ACTIONS),
  at: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().min(1).max(500).optional(),
});
export type DispositionInput = z.infer<typeof dispositionInputSchema>;

/** Rules whose resolution must say what was done. */
export const DISPOSITION_REQUIRED_RULES: readonly string[] = ['major_opinion'];

/**
 * The dispositions to record when resolving an alert of `rule` at `now` by
 * `by`. A major-opinion alert needs at least one; no action may be dated
 * after the resolution or before the alert was raised.
 */
export function dispositionsFor(
  rule: string,
  input: readonly DispositionInput[],
  ctx: { by: string; now: Date; raisedAt: Date },
): Disposition[] {
  if (DISPOSITION_REQUIRED_RULES.includes(rule) && input.length === 0) {
    throw new Invalid(
      `actions: resolving a ${rule} alert records what was done (one or more of ${DISPOSITION_ACTIONS.join(', ')})`,
    );
  }
  return input.map((d, i) => {
    const at = d.at === undefined ? ctx.now : new Date(d.at);
    if (at.getTime() > ctx.now.getTime()) throw new Invalid(`actions.${i}.at: ${d.at} is after the resolution`);
    if (at.getTime() < ctx.raisedAt.getTime())
      throw new Invalid(`actions.${i}.at: ${d.at} is before the alert was raised`);
    return { action: d.action, at: at.toISOString(), by: ctx.by, ...(d.note ? { note: d.note } : {}) };
  });
}

/** How many times each action was taken, over many alerts' dispositions (zero counts kept, in list order). */
export function countDispositions(
  all: ReadonlyArray<readonly { action: string }[]>,
): Record<DispositionAction, number> {
  const out = Object.fromEntries(DISPOSITION_ACTIONS.map((a) => [a, 0])) as Record<DispositionAction, number>;
  for (const list of all)
    for (const d of list)
      if ((DISPOSITION_ACTIONS as readonly string[]).includes(d.action)) out[d.action as DispositionAction]++;
  return out;
}
