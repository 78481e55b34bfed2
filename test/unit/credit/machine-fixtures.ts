import {
  defaultCreditConfig,
  newCase,
  transition,
  type CaseState,
  type CreditAction,
  type CreditActor,
  type CreditState,
} from '../../../src/domain/credit/index.ts';
import { CN_HOLIDAYS, CN_MAKEUP_WORKDAYS } from '../../../src/domain/alerts/holidays-cn.ts';

// Actors, inputs and cases in every state for the credit machine's tests.

export const cal = { holidays: CN_HOLIDAYS, makeupWorkdays: CN_MAKEUP_WORKDAYS };
export const cfg = defaultCreditConfig;
export const inspector: CreditActor = { userId: 1, name: 'insp', role: 'inspector' };
export const inspector2: CreditActor = { userId: 4, name: 'insp2', role: 'inspector' };
export const approver: CreditActor = { userId: 2, name: 'appr', role: 'approver' };
export const approver2: CreditActor = { userId: 5, name: 'appr2', role: 'approver' };
export const admin: CreditActor = { userId: 3, name: 'admin', role: 'admin' };
export const system: CreditActor = { userId: null, name: 'system', role: null };
export const NOW = new Date('2026-11-20T04:00:00Z'); // Friday noon, Shanghai

export const INPUT: Record<CreditAction, unknown> = {
  propose: { basis: '45号令第五条' },
  notify: { noticeNo: '告知〔2026〕1号', noticeDate: '2026-11-02' },
  'record-statement': { statement: '企业称资金困难' },
  'no-statement': {},
  approve: {},
  list: { decisionNo: '决定〔2026〕7号', listedOn: '2026-11-20' },
  reject: { reason: '证据不足' },
  withdraw: { reason: '已全额支付' },
  object: { text: '认定金额有误' },
  'mark-objection': {},
  'decide-objection': { outcome: 'dismissed', reason: '金额核实无误' },
  remove: { kind: 'revoked', reason: '复议撤销' },
  expire: {},
  'serve-notice': { receivedOn: '2026-11-05' },
  'review-statement': { note: '经复核，陈述理由不成立' },
  'extend-decision': { reason: '案情复杂，需补充调查' },
  'close-paid': {
    paidOn: '2026-11-10',
    evidence: '银行转账凭证',
    commitmentSignedOn: '2026-11-10',
    commitment: '承诺今后按时足额支付工资',
  },
  'set-parties': { parties: [{ role: 'legal_representative', name: '张三', idNumber: '11010519491231002X' }] },
  'confirm-extreme-link': { mentionId: 1, link: '讨薪未果引发' },
  'serve-decision': { receivedOn: '2026-11-20' },
  'record-publication': { publishedOn: '2026-11-20', where: '区人社局门户网站' },
  'apply-early-removal': { wagesPaidOn: '2026-11-20', correctedOn: '2026-11-20', commitment: '守信承诺' },
  'decide-early-removal': { outcome: 'refused', reason: '未满6个月', criminalProceedingsPending: false },
  'revoke-early-removal': { reason: '申请材料虚假' },
  'record-remedy': { kind: 'reconsideration', filedOn: '2026-11-20', result: 'pending' },
};

/** A case in each state, built by the machine itself. */
export function caseIn(state: CreditState): CaseState {
  const go = (c: CaseState, a: CreditAction, who: CreditActor, input: unknown = INPUT[a], now = NOW) =>
    transition(c, a, who, input, now, cal, cfg).next;
  let c = newCase();
  if (state === 'candidate') return c;
  if (state === 'withdrawn') return go(c, 'withdraw', inspector);
  c = go(c, 'propose', inspector);
  if (state === 'proposed') return c;
  if (state === 'rejected') return go(c, 'reject', approver);
  if (state === 'not_listed_paid') return go(c, 'close-paid', inspector);
  c = go(c, 'notify', inspector);
  if (state === 'notified') return c;
  if (state === 'no_statement') return go(c, 'no-statement', inspector);
  c = go(c, 'record-statement', inspector);
  if (state === 'statement_recorded') return c;
  c = go(c, 'approve', approver);
  if (state === 'approved') return c;
  c = go(c, 'list', approver);
  if (state === 'listed') return c;
  return go(c, 'remove', approver);
}

/** Someone allowed to do `a` on `c` (or null when nobody may). */
export function rightActor(a: CreditAction, from: CreditState): CreditActor {
  if (a === 'expire') return system;
  if (
    [
      'approve',
      'list',
      'reject',
      'remove',
      'decide-objection',
      'extend-decision',
      'decide-early-removal',
      'revoke-early-removal',
      'record-remedy',
    ].includes(a)
  )
    return approver;
  return from === 'candidate' && a === 'withdraw' ? inspector : inspector;
}

export function prep(a: CreditAction, c: CaseState): CaseState {
  if (a === 'mark-objection') return transition(c, 'object', inspector, INPUT.object, NOW, cal, cfg).next;
  if (a === 'decide-objection') {
    const o = transition(c, 'object', inspector, INPUT.object, NOW, cal, cfg).next;
    return transition(o, 'mark-objection', inspector, {}, NOW, cal, cfg).next;
  }
  if (a === 'expire') return { ...c, expectedExitOn: '2026-11-20' };
  // Steps that need an earlier record: a notice or decision not yet received, an application, an early removal.
  if (a === 'serve-notice')
    return {
      ...c,
      file: {
        ...c.file,
        noticeService: { method: 'post', sentOn: '2026-11-02', receivedOn: null, proof: null, rule: '' },
      },
    };
  if (a === 'serve-decision')
    return {
      ...c,
      file: {
        ...c.file,
        decisionService: { method: 'post', sentOn: '2026-11-20', receivedOn: null, proof: null, rule: '' },
      },
    };
  if (a === 'decide-early-removal')
    return transition(c, 'apply-early-removal', inspector, INPUT['apply-early-removal'], NOW, cal, cfg).next;
  if (a === 'revoke-early-removal') return { ...c, removalKind: 'early' };
  return c;
}
