// The case-file steps of issue 18: service and receipt, statement review,
// decision extension, not listing after payment, parties, the extreme-event
// link, publication, early removal on application, remedies. Each names its
// article (articles.ts). Called by machine.ts after the state, permission
// and two-person checks; returns the changed case and the history details.

import { z } from 'zod';
import { Conflict, Invalid } from '../errors.ts';
import { maskIdNumber } from '../pii.ts';
import type { WorkCalendar } from '../alerts/working-days.ts';
import { ARTICLES } from './articles.ts';
import { addDocument, PARTY_ROLES, type CaseFile, type Party } from './case-file.ts';
import type { CreditConfig } from './config.ts';
import { statementDue } from './deadlines.ts';
import { serviceInputSchema, serviceRecord, withReceipt } from './service.ts';
import { REMOVAL_ZH, type CaseState, type CreditAction } from './states.ts';
import { dateInput, notAfterToday, text } from './inputs.ts';
import type { FileStep, StepArgs } from './file-step.ts';
import { applyEarlyRemoval, decideEarlyRemoval, revokeEarlyRemoval } from './early-removal.ts';

export { dateInput } from './inputs.ts';
export type { FileStep } from './file-step.ts';

export const partyInput = z.strictObject({
  role: z.enum(PARTY_ROLES),
  name: text(100),
  idNumber: z
    .string()
    .trim()
    .regex(/^(\d{17}[\dXx]|\d{15})$/, { error: 'expected an 18- or 15-character resident ID number' })
    .optional(),
  position: text(100).optional(),
});

export const FILE_INPUTS = {
  'serve-notice': z.strictObject({ receivedOn: dateInput, proof: text(500).optional() }),
  'review-statement': z.strictObject({ note: text() }),
  'extend-decision': z.strictObject({ reason: text() }),
  'close-paid': z.strictObject({
    paidOn: dateInput,
    evidence: text(),
    commitmentSignedOn: dateInput,
    commitment: text(),
    documentNo: text(100).optional(),
  }),
  'set-parties': z.strictObject({ parties: z.array(partyInput).min(1).max(50) }),
  'confirm-extreme-link': z.strictObject({ mentionId: z.number().int().positive(), link: text() }),
  'serve-decision': z.strictObject({ receivedOn: dateInput, proof: text(500).optional() }),
  'record-publication': z.strictObject({ publishedOn: dateInput, where: text(500) }),
  'apply-early-removal': z.strictObject({
    appliedOn: dateInput.optional(),
    wagesPaidOn: dateInput,
    correctedOn: dateInput,
    commitment: text(),
  }),
  // 45号令 art. 13(2): criminal proceedings pending, or criminal liability already imposed, bar early removal.
  'decide-early-removal': z.strictObject({
    outcome: z.enum(['granted', 'refused']),
    reason: text(),
    criminalProceedingsPending: z.boolean(),
    criminallyLiable: z.boolean().optional(),
  }),
  // 45号令 art. 15: concealment or false material, serious; the decision document's number.
  'revoke-early-removal': z.strictObject({ reason: text(), documentNo: text(100).optional() }),
  'record-remedy': z.strictObject({
    kind: z.enum(['reconsideration', 'litigation']),
    filedOn: dateInput,
    body: text(200).optional(),
    result: z.enum(['pending', 'upheld', 'set_aside', 'changed', 'dismissed']),
    decidedOn: dateInput.optional(),
    documentNo: text(100).optional(),
  }),
} as const;
export type FileAction = keyof typeof FILE_INPUTS;

/** Facts from the record the caller passes in (the machine reads no database). */
export interface CaseFacts {
  /** The case's candidate conditions (45号令 art. 5). */
  conditions?: readonly string[];
  /** Overdue pay orders of the firm dated after the listing (re-offence), oldest first. */
  reoffences?: ReadonlyArray<{ recordId: string; date: string }>;
  /** Whether the firm still has an overdue unpaid pay order. */
  arrearsOutstanding?: boolean;
  /** The major opinion items in the case's evidence (the extreme events it was proposed on). */
  mentionIds?: readonly number[];
}

export function toParties(ps: ReadonlyArray<z.infer<typeof partyInput>>): Party[] {
  return ps.map((p) => ({
    role: p.role,
    name: p.name,
    idNumberMasked: p.idNumber ? maskIdNumber(p.idNumber) : null,
    position: p.position ?? null,
  }));
}

/** Applies one case-file step to `c` (already checked for state, role and two people). */
export function applyFileAction(
  c: CaseState,
  action: FileAction,
  // biome-ignore lint/suspicious/noExplicitAny: the step input, validated by the action's own zod schema before it gets here
  i: any,
  actor: { userId: number | null; name: string },
  today: string,
  cal: WorkCalendar,
  cfg: CreditConfig,
  facts: CaseFacts,
): FileStep {
  const f: CaseFile = { ...c.file };
  const next: CaseState = { ...c, file: f };
  const args: StepArgs = { c, f, next, i, actor, today, cal, cfg, facts };
  switch (action) {
    case 'serve-notice': {
      if (f.noticeService === null) throw new Conflict('credit: no notice service to record a receipt for');
      notAfterToday(i.receivedOn, today, 'receipt date');
      f.noticeService = withReceipt(f.noticeService, i.receivedOn, i.proof);
      f.documents = f.documents.map((d) =>
        d.kind === 'notice' && d.number === c.noticeNo ? { ...d, service: f.noticeService } : d,
      );
      next.statementDueAt = statementDue(i.receivedOn, cfg.statementWorkingDays, cal).toISOString();
      return {
        next,
        details: {
          receivedOn: i.receivedOn,
          statementDueAt: next.statementDueAt,
          article: ARTICLES.statementPeriod.rule,
        },
      };
    }
    case 'review-statement': {
      f.statementReview = { reviewedOn: today, by: actor.name, note: i.note };
      return { next, details: { note: i.note } };
    }
    case 'extend-decision': {
      if (f.extension !== null)
        throw new Conflict(
          `credit: the decision period was already extended on ${f.extension.approvedOn}; it may be extended once`,
        );
      f.extension = {
        approvedOn: today,
        by: actor.name,
        reason: i.reason,
        workingDays: cfg.decisionExtensionWorkingDays,
      };
      f.documents = addDocument(f.documents, {
        kind: 'extension_approval',
        number: `EXT-${today}`,
        issuedOn: today,
        service: null,
        note: i.reason,
      });
      return {
        next: { ...next, state: c.state },
        details: { reason: i.reason, workingDays: cfg.decisionExtensionWorkingDays, approver: actor.name },
      };
    }
    case 'close-paid': {
      notAfterToday(i.paidOn, today, 'payment date');
      notAfterToday(i.commitmentSignedOn, today, 'commitment date');
      if (facts.arrearsOutstanding)
        throw new Invalid(
          'credit: the record still shows an overdue unpaid pay order for this firm: payment in full is not shown',
        );
      f.paidClosure = {
        paidOn: i.paidOn,
        evidence: i.evidence,
        commitmentSignedOn: i.commitmentSignedOn,
        commitment: i.commitment,
      };
      f.closedOn = today;
      const no = i.documentNo ?? `PAY-${today}`;
      f.documents = addDocument(f.documents, {
        kind: 'payment_evidence',
        number: no,
        issuedOn: i.paidOn,
        service: null,
        note: i.evidence,
      });
      f.documents = addDocument(f.documents, {
        kind: 'commitment',
        number: no,
        issuedOn: i.commitmentSignedOn,
        service: null,
        note: i.commitment,
      });
      next.closedReason = `作出列入决定前已足额支付拖欠工资（${i.paidOn}）并书面承诺（${i.commitmentSignedOn}），不予列入`;
      return {
        next,
        details: {
          paidOn: i.paidOn,
          evidence: i.evidence,
          commitmentSignedOn: i.commitmentSignedOn,
          article: ARTICLES.notListedAfterPayment.rule,
        },
      };
    }
    case 'set-parties': {
      f.parties = toParties(i.parties);
      return { next: { ...next, state: c.state }, details: { parties: f.parties } };
    }
    case 'confirm-extreme-link': {
      // 45号令 art. 5: the link is confirmed for an incident the case rests on, not any item.
      if (!(facts.mentionIds ?? []).includes(i.mentionId)) {
        throw new Invalid(
          `credit: opinion item ${i.mentionId} is not in this case's evidence (items: ${(facts.mentionIds ?? []).join(', ') || 'none'}); only an incident the case rests on can be linked`,
        );
      }
      f.extremeLinks = [
        ...f.extremeLinks.filter((l) => l.mentionId !== i.mentionId),
        { mentionId: i.mentionId, link: i.link, confirmedBy: actor.name, confirmedOn: today },
      ];
      return {
        next: { ...next, state: c.state },
        details: { mentionId: i.mentionId, link: i.link, article: ARTICLES.extremeEventCausation.rule },
      };
    }
    case 'serve-decision': {
      if (f.decisionService === null) throw new Conflict('credit: no decision service to record a receipt for');
      notAfterToday(i.receivedOn, today, 'receipt date');
      f.decisionService = withReceipt(f.decisionService, i.receivedOn, i.proof);
      f.documents = f.documents.map((d) =>
        d.kind === 'decision' && d.number === c.decisionNo ? { ...d, service: f.decisionService } : d,
      );
      return { next: { ...next, state: c.state }, details: { receivedOn: i.receivedOn } };
    }
    case 'record-publication': {
      notAfterToday(i.publishedOn, today, 'publication date');
      if (c.listedOn !== null && i.publishedOn < c.listedOn)
        throw new Invalid(`credit: published ${i.publishedOn} before the listing decision ${c.listedOn}`);
      f.publishedOn = i.publishedOn;
      f.publishedWhere = i.where;
      return { next, details: { publishedOn: i.publishedOn, where: i.where } };
    }
    case 'apply-early-removal':
      return applyEarlyRemoval(args);
    case 'decide-early-removal':
      return decideEarlyRemoval(args);
    case 'revoke-early-removal':
      return revokeEarlyRemoval(args);
    case 'record-remedy': {
      notAfterToday(i.filedOn, today, 'filing date');
      if (i.decidedOn) notAfterToday(i.decidedOn, today, 'decision date');
      if (i.result !== 'pending' && !i.decidedOn)
        throw new Invalid('credit record-remedy: decidedOn: required with a result');
      const remedy = {
        kind: i.kind,
        filedOn: i.filedOn,
        body: i.body ?? null,
        result: i.result,
        decidedOn: i.decidedOn ?? null,
        documentNo: i.documentNo ?? null,
      };
      f.remedies = [...f.remedies.filter((r) => !(r.kind === i.kind && r.filedOn === i.filedOn)), remedy];
      if (i.documentNo)
        f.documents = addDocument(f.documents, {
          kind: 'remedy_decision',
          number: i.documentNo,
          issuedOn: i.decidedOn ?? i.filedOn,
          service: null,
          note: i.result,
        });
      const details: Record<string, unknown> = { ...remedy };
      if (i.result === 'set_aside' && c.state === 'listed') {
        const what = i.kind === 'reconsideration' ? '行政复议' : '行政诉讼';
        Object.assign(next, {
          state: 'removed',
          removedOn: i.decidedOn,
          removalKind: 'set_aside',
          removalReason: `${REMOVAL_ZH.set_aside}：${what}${i.documentNo ? `（${i.documentNo}）` : ''}撤销列入决定`,
        });
        details.article = ARTICLES.setAside.rule;
      } else {
        next.state = c.state;
      }
      return { next, details };
    }
  }
}

/** The record-facts check of propose: an extreme event alone needs a confirmed causal link (45号令 art. 5). */
export function checkExtremeLink(c: CaseState, facts: CaseFacts): void {
  const cond = facts.conditions ?? [];
  if (cond.length > 0 && cond.every((x) => x === 'extreme_event') && c.file.extremeLinks.length === 0) {
    throw new Invalid(
      'credit: the only condition is an extreme event: a person must first confirm that the arrears caused it (confirm-extreme-link; 45号令 art. 5)',
    );
  }
}

export function isFileAction(a: CreditAction): a is FileAction {
  return a in FILE_INPUTS;
}

export { serviceInputSchema, serviceRecord };
