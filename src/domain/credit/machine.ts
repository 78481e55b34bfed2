// The credit-list state machine. Pure: the caller passes the case, who acts,
// the input, the instant and the work calendar, and stores what comes back.
// Two people are needed for any listing: the approver (and whoever signs the
// listing) must not be the proposer, and the system itself holds no
// permission but letting a term expire or a candidate lapse.

import { z } from 'zod';
import { Conflict, Forbidden, Invalid } from '../errors.ts';
import { roleHas, type Permission, type Role } from '../roles.ts';
import type { WorkCalendar } from '../alerts/working-days.ts';
import type { CreditConfig } from './config.ts';
import {
  addMonths,
  dateOf,
  endOfDay,
  expectedExit,
  objectionDeadlines,
  requireDate,
  statementDue,
} from './deadlines.ts';
import {
  KEEPS_STATE,
  MOVES,
  REMOVAL_ZH,
  STATE_ZH,
  type CaseState,
  type CreditAction,
  type CreditState,
} from './states.ts';
import { coded, codedList, instant, msg } from '../i18n/messages.ts';
import { issueMessage } from '../i18n/errors.ts';
import { addDocument } from './case-file.ts';
import {
  applyFileAction,
  checkExtremeLink,
  FILE_INPUTS,
  isFileAction,
  partyInput,
  toParties,
  type CaseFacts,
} from './file-actions.ts';
import { serviceInputSchema, serviceRecord } from './service.ts';

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

const text = (max = 4000) => z.string().trim().min(1).max(max);
const date = z.string().refine(
  (s) => {
    try {
      requireDate(s, 'date');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a real calendar date as YYYY-MM-DD' },
);
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

function checkPermission(action: CreditAction, actor: CreditActor, from: CreditState): void {
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
function checkTwoPeople(action: CreditAction, actor: CreditActor, c: CaseState): void {
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

function parseInput<A extends CreditAction>(action: A, input: unknown): z.infer<(typeof INPUTS)[A]> {
  const r = INPUTS[action].safeParse(input ?? {});
  if (!r.success)
    throw new Invalid(
      `credit ${action}: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      undefined,
      issueMessage(r.error.issues),
    );
  return r.data as z.infer<(typeof INPUTS)[A]>;
}

const endOfDayMs = (d: string) => endOfDay(d).getTime();

function notAfterToday(d: string, today: string, what: string): void {
  if (d > today)
    throw new Invalid(
      `credit: ${what} ${d} is in the future (today is ${today})`,
      undefined,
      msg('credit.future_date', { field: what, date: d, today }),
    );
}

/**
 * Applies `action` to the case. Throws Forbidden (role, two-person rule),
 * Conflict (not allowed from the current state) or Invalid (bad input, a
 * deadline not yet passed, an early-removal condition unmet).
 */
export function transition(
  c: CaseState,
  action: CreditAction,
  actor: CreditActor,
  input: unknown,
  now: Date,
  calendar: WorkCalendar,
  config: CreditConfig,
  facts: CaseFacts = {},
): TransitionResult {
  const move = MOVES[action];
  if (!move)
    throw new Invalid(
      `credit: unknown action ${JSON.stringify(action)}`,
      undefined,
      msg('credit.unknown_action', { action: JSON.stringify(action) }),
    );
  const from = c.state;
  if (!move.from.includes(from)) {
    throw new Conflict(
      `credit: cannot ${action} a case that is ${from} (${STATE_ZH[from]}); allowed from ${move.from.join(', ')}`,
      undefined,
      msg('credit.bad_state', {
        action: coded('creditAction', action),
        state: coded('creditState', from),
        allowed: codedList('creditState', move.from),
      }),
    );
  }
  checkPermission(action, actor, from);
  checkTwoPeople(action, actor, c);
  const today = dateOf(now);
  if (isFileAction(action)) {
    const r = applyFileAction(
      { ...c, state: KEEPS_STATE.has(action) ? c.state : move.to },
      action,
      parseInput(action, input),
      actor,
      today,
      calendar,
      config,
      facts,
    );
    return { next: r.next, from, to: r.next.state, details: r.details };
  }
  const next: CaseState = { ...c, state: KEEPS_STATE.has(action) ? c.state : move.to, file: { ...c.file } };
  const f = next.file;
  let details: Record<string, unknown> = {};
  switch (action) {
    case 'propose': {
      const i = parseInput('propose', input);
      checkExtremeLink(c, facts);
      Object.assign(next, { proposerId: actor.userId, proposerName: actor.name, basis: i.basis });
      if (i.parties) f.parties = toParties(i.parties);
      if (i.paymentDeadline) f.paymentDeadline = i.paymentDeadline;
      details = { basis: i.basis, ...(i.parties ? { parties: f.parties } : {}), paymentDeadline: f.paymentDeadline };
      break;
    }
    case 'notify': {
      const i = parseInput('notify', input);
      const noticeDate = i.noticeDate ?? today;
      notAfterToday(noticeDate, today, 'notice date');
      const service = serviceRecord(i.service ?? { method: 'direct', sentOn: noticeDate, receivedOn: noticeDate });
      if (service.sentOn < noticeDate)
        throw new Invalid(`credit: the notice dated ${noticeDate} cannot have been sent on ${service.sentOn}`);
      if (service.receivedOn !== null && service.method !== 'public_notice')
        notAfterToday(service.receivedOn, today, 'receipt date');
      // The period runs from receipt (ARTICLES.statementPeriod); not yet received: the clock is stopped.
      const due =
        service.receivedOn === null
          ? null
          : statementDue(service.receivedOn, config.statementWorkingDays, calendar).toISOString();
      Object.assign(next, { noticeNo: i.noticeNo, noticeDate, statementDueAt: due });
      f.noticeService = service;
      f.documents = addDocument(f.documents, {
        kind: 'notice',
        number: i.noticeNo,
        issuedOn: noticeDate,
        service,
        note: null,
      });
      details = {
        noticeNo: i.noticeNo,
        noticeDate,
        statementDueAt: due,
        statementWorkingDays: config.statementWorkingDays,
        service,
      };
      break;
    }
    case 'record-statement': {
      const i = parseInput('record-statement', input);
      const receivedOn = i.receivedOn ?? today;
      notAfterToday(receivedOn, today, 'statement date');
      next.statement = i.statement;
      f.statementReceivedOn = receivedOn;
      const late = c.statementDueAt !== null && Date.parse(c.statementDueAt) < endOfDayMs(receivedOn);
      details = { statement: i.statement, receivedOn, late };
      break;
    }
    case 'no-statement': {
      const i = parseInput('no-statement', input);
      if (c.statementDueAt === null || now.getTime() < Date.parse(c.statementDueAt)) {
        throw new Invalid(
          `credit: the statement period runs until ${c.statementDueAt ?? '(notice not yet received: the period has not started)'}; no-statement can be recorded only after it`,
          undefined,
          msg('credit.statement_period', { due: c.statementDueAt ? instant(c.statementDueAt) : '—' }),
        );
      }
      f.noStatementOn = today;
      details = { note: i.note ?? null, statementDueAt: c.statementDueAt };
      break;
    }
    case 'approve': {
      const i = parseInput('approve', input);
      Object.assign(next, { approverId: actor.userId, approverName: actor.name });
      // Approving a case with a statement reviews it, if nobody recorded a review before (ARTICLES.statementReview).
      if (c.state === 'statement_recorded' && f.statementReview === null)
        f.statementReview = { reviewedOn: today, by: actor.name, note: i.note ?? '审批时复核' };
      details = { note: i.note ?? null, proposer: c.proposerName };
      break;
    }
    case 'list': {
      const i = parseInput('list', input);
      const listedOn = i.listedOn ?? today;
      notAfterToday(listedOn, today, 'listing date');
      const exit = expectedExit(listedOn, config.termYears);
      Object.assign(next, {
        listedById: actor.userId,
        decisionNo: i.decisionNo,
        authority: i.authority ?? config.defaultAuthority,
        listedOn,
        expectedExitOn: exit,
      });
      f.decisionService = i.service ? serviceRecord(i.service) : null;
      f.documents = addDocument(f.documents, {
        kind: 'decision',
        number: i.decisionNo,
        issuedOn: listedOn,
        service: f.decisionService,
        note: null,
      });
      details = {
        decisionNo: i.decisionNo,
        authority: next.authority,
        listedOn,
        expectedExitOn: exit,
        proposer: c.proposerName,
        approver: c.approverName,
      };
      break;
    }
    case 'reject':
    case 'withdraw': {
      const i = parseInput(action, input);
      next.closedReason = i.reason;
      f.closedOn = today;
      details = { reason: i.reason };
      break;
    }
    case 'object': {
      const i = parseInput('object', input);
      if (c.objection !== null && c.objection.decidedAt === null)
        throw new Conflict(
          'credit: an objection to this listing is still open',
          undefined,
          msg('credit.objection_open'),
        );
      const d = objectionDeadlines(now, config.objectionMarkWorkingDays, config.objectionDecideWorkingDays, calendar);
      next.objection = {
        text: i.text,
        receivedAt: now.toISOString(),
        markDue: d.markDue.toISOString(),
        decideDue: d.decideDue.toISOString(),
        markedAt: null,
        decidedAt: null,
        outcome: null,
        reason: null,
      };
      details = { markDue: next.objection.markDue, decideDue: next.objection.decideDue };
      break;
    }
    case 'mark-objection': {
      const i = parseInput('mark-objection', input);
      if (c.objection === null || c.objection.decidedAt !== null)
        throw new Conflict('credit: no open objection to mark', undefined, msg('credit.no_objection_to_mark'));
      if (c.objection.markedAt !== null)
        throw new Conflict('credit: the objection is already marked', undefined, msg('credit.objection_marked'));
      next.objection = { ...c.objection, markedAt: now.toISOString() };
      details = { note: i.note ?? null, late: now.getTime() > Date.parse(c.objection.markDue) };
      break;
    }
    case 'decide-objection': {
      const i = parseInput('decide-objection', input);
      if (c.objection === null || c.objection.decidedAt !== null)
        throw new Conflict('credit: no open objection to decide', undefined, msg('credit.no_objection_to_decide'));
      if (c.objection.markedAt === null)
        throw new Conflict(
          'credit: mark the objection (异议标注) before deciding it',
          undefined,
          msg('credit.mark_first'),
        );
      next.objection = { ...c.objection, decidedAt: now.toISOString(), outcome: i.outcome, reason: i.reason };
      if (i.outcome === 'upheld')
        Object.assign(next, {
          state: 'removed',
          removedOn: today,
          removalKind: 'revoked',
          removalReason: `${REMOVAL_ZH.revoked}：${i.reason}`,
        });
      details = { outcome: i.outcome, reason: i.reason, late: now.getTime() > Date.parse(c.objection.decideDue) };
      break;
    }
    case 'remove': {
      const i = parseInput('remove', input);
      const removedOn = i.removedOn ?? today;
      notAfterToday(removedOn, today, 'removal date');
      if (i.kind === 'early') {
        notAfterToday(i.wagesPaidOn, today, 'wages-paid date');
        notAfterToday(i.correctedOn, today, 'correction date');
        const eligible = addMonths(i.correctedOn, config.earlyRemovalMonths);
        if (removedOn < eligible) {
          throw new Invalid(
            `credit: early removal needs ${config.earlyRemovalMonths} months since the correction (${i.correctedOn}): possible from ${eligible}`,
            undefined,
            msg('credit.early_removal', { months: config.earlyRemovalMonths, correctedOn: i.correctedOn, eligible }),
          );
        }
        Object.assign(next, {
          removedOn,
          removalKind: 'early',
          removalReason: `${REMOVAL_ZH.early}：工资已于${i.wagesPaidOn}支付，${i.correctedOn}纠正，信用承诺：${i.commitment}`,
        });
        details = {
          kind: 'early',
          wagesPaidOn: i.wagesPaidOn,
          correctedOn: i.correctedOn,
          commitment: i.commitment,
          removedOn,
        };
      } else {
        Object.assign(next, { removedOn, removalKind: 'revoked', removalReason: `${REMOVAL_ZH.revoked}：${i.reason}` });
        details = { kind: 'revoked', reason: i.reason, removedOn };
      }
      break;
    }
    case 'expire': {
      parseInput('expire', input);
      if (c.expectedExitOn === null || today < c.expectedExitOn)
        throw new Invalid(
          `credit: the listing term runs until ${c.expectedExitOn ?? '(unknown)'}`,
          undefined,
          msg('credit.term_runs', { until: c.expectedExitOn ?? '—' }),
        );
      Object.assign(next, { removedOn: c.expectedExitOn, removalKind: 'expiry', removalReason: REMOVAL_ZH.expiry });
      details = { kind: 'expiry', removedOn: c.expectedExitOn };
      break;
    }
  }
  return { next, from, to: next.state, details };
}

/** The actions this actor could try now (for the console and API hints); the machine still decides. */
export function availableActions(c: CaseState, actor: CreditActor): CreditAction[] {
  return (Object.keys(MOVES) as CreditAction[]).filter((a) => {
    if (!MOVES[a].from.includes(c.state)) return false;
    try {
      checkPermission(a, actor, c.state);
      checkTwoPeople(a, actor, c);
      return true;
    } catch {
      return false;
    }
  });
}
