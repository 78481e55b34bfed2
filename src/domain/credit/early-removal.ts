// Early removal from the list (45号令 arts. 13–15): the firm's application,
// the decision on it (every condition checked and recorded), and the
// revocation of a removal obtained by false statements. Steps of
// file-actions.ts; pure.

import { Conflict, Forbidden, Invalid } from '../errors.ts';
import { ARTICLES } from './articles.ts';
import { addDocument } from './case-file.ts';
import { addMonths, nthWorkingDayAfter } from './deadlines.ts';
import { notAfterToday } from './inputs.ts';
import type { FileStep, StepArgs } from './file-step.ts';
import { REMOVAL_ZH } from './states.ts';

/** The firm applies (art. 13): recorded with its commitment; the decision is due within the configured working days. */
export function applyEarlyRemoval({ f, next, i, actor, today, cal, cfg }: StepArgs): FileStep {
  if (f.earlyRemoval !== null && f.earlyRemoval.decidedOn === null)
    throw new Conflict('credit: an early-removal application is still undecided');
  const appliedOn = i.appliedOn ?? today;
  notAfterToday(appliedOn, today, 'application date');
  const decideDueOn = nthWorkingDayAfter(appliedOn, cfg.earlyRemovalDecideWorkingDays, cal);
  f.earlyRemoval = {
    appliedOn,
    recordedBy: actor.name,
    recordedById: actor.userId,
    wagesPaidOn: i.wagesPaidOn,
    correctedOn: i.correctedOn,
    commitment: i.commitment,
    decideDueOn,
    decidedOn: null,
    outcome: null,
    reason: null,
    decidedBy: null,
    checks: null,
  };
  f.documents = addDocument(f.documents, {
    kind: 'early_removal_application',
    number: `APP-${appliedOn}`,
    issuedOn: appliedOn,
    service: null,
    note: i.commitment,
  });
  return { next, details: { appliedOn, decideDueOn, article: ARTICLES.earlyRemoval.rule } };
}

/** Another person decides (art. 14): granted only when every condition holds; a re-offence may restart the term where configured. */
export function decideEarlyRemoval({ c, f, next, i, actor, today, cfg, facts }: StepArgs): FileStep {
  const a = f.earlyRemoval;
  if (a === null || a.decidedOn !== null) throw new Conflict('credit: no undecided early-removal application');
  if (a.recordedById !== null && a.recordedById === actor.userId) {
    throw new Forbidden(
      `credit: two-person rule: ${actor.name} recorded the early-removal application and may not decide it; another approver must`,
    );
  }
  const reoffences = (facts.reoffences ?? []).map((r) => r.recordId);
  const checks = {
    reoffences,
    criminalProceedingsPending: i.criminalProceedingsPending,
    criminallyLiable: i.criminallyLiable ?? false,
    arrearsPaid: !facts.arrearsOutstanding,
    sixMonthsSinceCorrection: addMonths(a.correctedOn, cfg.earlyRemovalMonths) <= today,
  };
  const unmet = [
    ...(checks.arrearsPaid ? [] : ['拖欠工资尚未清偿']),
    ...(checks.sixMonthsSinceCorrection ? [] : [`改正之日（${a.correctedOn}）起未满${cfg.earlyRemovalMonths}个月`]),
    ...(reoffences.length === 0 ? [] : [`列入期间再次发生拖欠（${reoffences.join('、')}）`]),
    ...(checks.criminalProceedingsPending ? ['因涉嫌拒不支付劳动报酬犯罪正在刑事诉讼期间'] : []),
    ...(checks.criminallyLiable ? ['已因拒不支付劳动报酬罪被追究刑事责任'] : []),
  ];
  if (i.outcome === 'granted' && unmet.length > 0)
    throw new Invalid(`credit: early removal cannot be granted: ${unmet.join('; ')}`);
  f.earlyRemoval = { ...a, decidedOn: today, outcome: i.outcome, reason: i.reason, decidedBy: actor.name, checks };
  f.documents = addDocument(f.documents, {
    kind: 'early_removal_decision',
    number: `ERD-${today}`,
    issuedOn: today,
    service: null,
    note: i.reason,
  });
  const details: Record<string, unknown> = { outcome: i.outcome, reason: i.reason, checks, unmet };
  if (i.outcome === 'granted') {
    Object.assign(next, {
      state: 'removed',
      removedOn: today,
      removalKind: 'early',
      removalReason: `${REMOVAL_ZH.early}：工资已于${a.wagesPaidOn}支付，${a.correctedOn}纠正，信用承诺：${a.commitment}`,
    });
    return { next, details };
  }
  // A re-offence bars early removal (ARTICLES.reoffence); restarting the term is a local option, not in 45号令 (config.ts).
  if (reoffences.length > 0 && cfg.reoffenceRestartsTerm && c.expectedExitOn !== null) {
    const last = (facts.reoffences ?? [])
      .map((r) => r.date)
      .sort()
      .at(-1)!;
    const exit = addMonths(last, cfg.termYears * 12);
    if (exit > c.expectedExitOn) {
      f.originalExitOn = f.originalExitOn ?? c.expectedExitOn;
      f.exitExtendedFor = `列入期间再次发生拖欠农民工工资违法行为（${reoffences.join('、')}），期限自${last}起重新计算`;
      next.expectedExitOn = exit;
      details.expectedExitOn = exit;
    }
  }
  return { next, details };
}

/** A removal obtained by false statements is revoked (art. 15): listed again, the term computed anew from today. */
export function revokeEarlyRemoval({ c, f, next, i, today, cfg }: StepArgs): FileStep {
  if (c.removalKind !== 'early')
    throw new Conflict('credit: only an early removal can be revoked for false statements');
  // 45号令 art. 15: the listing is restored and its start and end are computed anew, from the revocation.
  const exit = addMonths(today, cfg.termYears * 12);
  Object.assign(next, {
    state: 'listed',
    removedOn: null,
    removalKind: null,
    removalReason: null,
    expectedExitOn: exit,
  });
  f.originalExitOn = f.originalExitOn ?? c.expectedExitOn;
  f.exitExtendedFor = `提前移出决定因故意隐瞒真实情况、提供虚假资料被撤销（${today}），恢复列入状态，列入起止时间自${today}起重新计算`;
  f.relistedOn = today;
  f.earlyRemoval =
    f.earlyRemoval === null
      ? null
      : { ...f.earlyRemoval, reason: `${f.earlyRemoval.reason ?? ''}（已撤销：${i.reason}）` };
  f.documents = addDocument(f.documents, {
    kind: 'early_removal_revocation',
    number: i.documentNo ?? `REV-${today}`,
    issuedOn: today,
    service: null,
    note: i.reason,
  });
  return {
    next,
    details: {
      reason: i.reason,
      relistedOn: today,
      expectedExitOn: exit,
      originalExitOn: f.originalExitOn,
      article: ARTICLES.revocation.rule,
    },
  };
}
