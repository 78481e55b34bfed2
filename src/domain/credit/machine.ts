import { Conflict, Invalid } from '../errors.ts';
import type { WorkCalendar } from '../alerts/working-days.ts';
import type { CreditConfig } from './config.ts';
import { addMonths, dateOf, expectedExit, objectionDeadlines, statementDue } from './deadlines.ts';
import { KEEPS_STATE, MOVES, REMOVAL_ZH, STATE_ZH, type CaseState, type CreditAction } from './states.ts';
import { coded, codedList, instant, msg } from '../i18n/messages.ts';
import { addDocument } from './case-file.ts';
import { applyFileAction, checkExtremeLink, isFileAction, toParties, type CaseFacts } from './file-actions.ts';
import { serviceRecord } from './service.ts';

import {
  checkPermission,
  checkTwoPeople,
  endOfDayMs,
  notAfterToday,
  parseInput,
  type CreditActor,
  type TransitionResult,
} from './guards.ts';
export type { CreditActor, TransitionResult } from './guards.ts';
export { INPUTS } from './guards.ts';

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
