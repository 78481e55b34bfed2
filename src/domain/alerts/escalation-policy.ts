// Escalation policies: who is notified, in what order and after how long,
// in the manner of Grafana OnCall / PagerDuty escalation chains.

import { z } from 'zod';
import { parseWith } from './parse.ts';
import { MAX_TIER } from './roster-schema.ts';

export const escalationTargetSchema = z.discriminatedUnion(
  'kind',
  [
    /** Whoever the roster puts on duty at this tier for the alert's place and category. */
    z.strictObject({ kind: z.literal('on_duty'), tier: z.number().int().min(1).max(MAX_TIER) }),
    z.strictObject({ kind: z.literal('user'), userId: z.number().int().positive() }),
    /** Every user with this role (resolved by the caller). */
    z.strictObject({ kind: z.literal('role'), role: z.string().trim().min(1) }),
  ],
  { error: 'target: expected {kind:"on_duty",tier}, {kind:"user",userId} or {kind:"role",role}' },
);
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

/** How a step reaches its people: group robots (@-mention), SMS, a voice call. */
export const STEP_MEDIA = ['chat', 'sms', 'voice'] as const;
export type StepMedium = (typeof STEP_MEDIA)[number];

export const escalationStepSchema = z.strictObject({
  target: escalationTargetSchema,
  /** Default ["chat"]: the @-mention in the group robots only. SMS/voice go through the district's SMS/voice channels. */
  channels: z.array(z.enum(STEP_MEDIA)).min(1).max(3).optional(),
  /** Minutes to wait after notifying this step before the next one (or the next pass). */
  waitMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
});
export type EscalationStep = z.infer<typeof escalationStepSchema>;

export const escalationPolicySchema = z.strictObject({
  steps: z.array(escalationStepSchema).min(1, { error: 'an escalation policy needs at least one step' }).max(20),
  /** Extra passes over the whole chain after the first. */
  repeat: z.number().int().min(0).max(10),
  /** Acknowledged but not moved to in_progress within this many minutes: escalation starts again. */
  ackTimeoutMinutes: z
    .number()
    .int()
    .positive()
    .max(7 * 24 * 60),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

export const defaultEscalationPolicy: EscalationPolicy = Object.freeze({
  steps: Object.freeze([
    { target: { kind: 'on_duty', tier: 1 }, waitMinutes: 15 },
    { target: { kind: 'on_duty', tier: 2 }, waitMinutes: 30 },
    // The section chief; the wait is the pause before the chain runs again.
    { target: { kind: 'on_duty', tier: 3 }, waitMinutes: 30 },
  ]) as EscalationStep[],
  repeat: 1,
  ackTimeoutMinutes: 60,
});

/** A policy from parsed JSON; throws Invalid naming the path of every problem. */
export function parseEscalationPolicy(json: unknown): EscalationPolicy {
  return parseWith(escalationPolicySchema, json, 'escalation policy');
}

/** The media a step pages its people by (["chat"] when it names none). */
export const stepMedia = (step: EscalationStep): StepMedium[] => step.channels ?? ['chat'];
