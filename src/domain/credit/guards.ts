// The credit machine's guards: who may take each action (role, the
// two-person rule), and each action's input, checked before the machine
// moves a case (machine.ts). Pure.
import { z } from 'zod';
import { dateInput as date, text } from './inputs.ts';

export { endOfDayMs, notAfterToday } from './inputs.ts';
import { Forbidden, Invalid } from '../errors.ts';
import { roleHas, type Permission, type Role } from '../roles.ts';
import type { CaseState, CreditAction, CreditState } from './states.ts';
import { coded, msg } from '../i18n/messages.ts';
import { issueMessage } from '../i18n/errors.ts';
import { FILE_INPUTS, partyInput } from './file-actions.ts';
import { serviceInputSchema } from './service.ts';

/** Who acts: a user with a role, or the system (role null). */
export interface CreditActor {
  userId: number | null;
  name: string;
  role: Role | null;
  /** Who created this person's account: the proposer may not approve through an account they made. */
  createdBy?: number | null;
}

export interface TransitionResult {
  next: CaseState;
  from: CreditState;
  to: CreditState;
  /** What the history row and the audit entry record. */
  details: Record<string, unknown>;
}

const docNo = z.string().trim().min(1).max(100);

export const INPUTS = {
  propose: z.strictObject({
    basis: text(),
    parties: z.array(partyInput).max(50).optional(),
    paymentDeadline: date.optional(),
  }),
  // Without `service`, the notice is taken as served directly on its date (a signed 送达回证 that day).
  notify: z.strictObject({ noticeNo: docNo, noticeDate: date.optional(), service: serviceInputSchema.optional() }),
  'record-statement': z.strictObject({ statement: text(20_000), receivedOn: date.optional() }),
  'no-statement': z.strictObject({ note: text().optional() }),
  approve: z.strictObject({ note: text().optional() }),
  list: z.strictObject({
    decisionNo: docNo,
    authority: text(200).optional(),
    listedOn: date.optional(),
    service: serviceInputSchema.optional(),
  }),
  reject: z.strictObject({ reason: text() }),
  withdraw: z.strictObject({ reason: text() }),
  object: z.strictObject({ text: text(20_000) }),
  'mark-objection': z.strictObject({ note: text().optional() }),
  'decide-objection': z.strictObject({ outcome: z.enum(['upheld', 'dismissed']), reason: text() }),
  remove: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('early'),
      wagesPaidOn: date,
      correctedOn: date,
      commitment: text(),
      removedOn: date.optional(),
    }),
    z.strictObject({ kind: z.literal('revoked'), reason: text(), removedOn: date.optional() }),
  ]),
  expire: z.strictObject({}),
  ...FILE_INPUTS,
} satisfies Record<CreditAction, z.ZodType>;

const PERMISSION: Readonly<Record<CreditAction, Permission | 'system' | 'system-or-propose' | 'propose-or-approve'>> = {
  propose: 'credit:propose',
  notify: 'credit:propose',
  'record-statement': 'credit:propose',
  'no-statement': 'credit:propose',
  approve: 'credit:approve',
  list: 'credit:approve',
  reject: 'credit:approve',
  remove: 'credit:approve',
  'decide-objection': 'credit:approve',
  withdraw: 'system-or-propose',
  object: 'credit:propose',
  'mark-objection': 'propose-or-approve',
  expire: 'system',
  'serve-notice': 'credit:propose',
  'review-statement': 'propose-or-approve',
  'extend-decision': 'credit:approve',
  'close-paid': 'credit:propose',
  'set-parties': 'credit:propose',
  'confirm-extreme-link': 'credit:propose',
  'serve-decision': 'propose-or-approve',
  'record-publication': 'propose-or-approve',
  'apply-early-removal': 'credit:propose',
  'decide-early-removal': 'credit:approve',
  'revoke-early-removal': 'credit:approve',
  'record-remedy': 'credit:approve',
};

export function checkPermission(action: CreditAction, actor: CreditActor, from: CreditState): void {
  const need = PERMISSION[action];
  const has = (p: Permission) => actor.role !== null && actor.userId !== null && roleHas(actor.role, p);
  const ok =
    need === 'system'
      ? actor.role === null
      : need === 'system-or-propose'
        ? actor.role === null
          ? from === 'candidate'
          : has('credit:propose')
        : need === 'propose-or-approve'
          ? has('credit:propose') || has('credit:approve')
          : has(need);
  if (ok) return;
  if (actor.role === null)
    throw new Forbidden(
      `credit: the system may not ${action} a case; that is a decision for people`,
      undefined,
      msg('credit.system_may_not', { action: coded('creditAction', action) }),
    );
  const what =
    need === 'system'
      ? 'only the system (term ended)'
      : need === 'system-or-propose'
        ? 'credit:propose'
        : need === 'propose-or-approve'
          ? 'credit:propose or credit:approve'
          : need;
  throw new Forbidden(
    `credit: ${action} needs ${what}; ${actor.name} (${actor.role}) does not have it`,
    undefined,
    msg('credit.needs_permission', {
      action: coded('creditAction', action),
      permission: coded('permission', need),
      name: actor.name,
      role: coded('userRole', actor.role),
    }),
  );
}

/** The two-person rule: nobody approves or lists a case they proposed. */
export function checkTwoPeople(action: CreditAction, actor: CreditActor, c: CaseState): void {
  if (action !== 'approve' && action !== 'list') return;
  if (c.proposerId === null)
    throw new Forbidden(
      `credit: ${action} needs a case proposed by a person`,
      undefined,
      msg('credit.needs_proposer', { action: coded('creditAction', action) }),
    );
  if (actor.userId === c.proposerId) {
    throw new Forbidden(
      `credit: two-person rule: ${actor.name} proposed this case and may not ${action === 'approve' ? 'approve' : 'list'} it; another approver must`,
      undefined,
      msg('credit.two_person', {
        name: actor.name,
        action: coded('creditAction', action === 'approve' ? 'approve' : 'list'),
      }),
    );
  }
  if (actor.createdBy != null && actor.createdBy === c.proposerId) {
    throw new Forbidden(
      `credit: two-person rule: ${actor.name}'s account was created by the proposer of this case, who may not ${action === 'approve' ? 'approve' : 'list'} it through it; another approver must`,
      undefined,
      msg('credit.two_person_account', {
        name: actor.name,
        action: coded('creditAction', action === 'approve' ? 'approve' : 'list'),
      }),
    );
  }
  if (action === 'list' && (c.approverId === null || c.approverId === c.proposerId)) {
    throw new Forbidden(
      'credit: two-person rule: the case has no approval by someone other than its proposer',
      undefined,
      msg('credit.two_person_no_approval'),
    );
  }
}

export function parseInput<A extends CreditAction>(action: A, input: unknown): z.infer<(typeof INPUTS)[A]> {
  const r = INPUTS[action].safeParse(input ?? {});
  if (!r.success)
    throw new Invalid(
      `credit ${action}: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      undefined,
      issueMessage(r.error.issues),
    );
  return r.data as z.infer<(typeof INPUTS)[A]>;
}
