// The credit-list procedure of 人社部令第45号 as states and actions.

import { emptyFile, type CaseFile } from './case-file.ts';

export const CREDIT_STATES = [
  'candidate',
  'proposed',
  'notified',
  'statement_recorded',
  'no_statement',
  'approved',
  'listed',
  'removed',
  'rejected',
  'withdrawn',
  'not_listed_paid',
] as const;
export type CreditState = (typeof CREDIT_STATES)[number];

/**
 * States in which a case is still going (one such case per firm). The one
 * home of this set: queries, pages and the migration's index take it from here.
 */
export const ACTIVE_STATES: readonly CreditState[] = [
  'candidate',
  'proposed',
  'notified',
  'statement_recorded',
  'no_statement',
  'approved',
  'listed',
];

/** States before the listing decision (the party may still pay and commit, 45号令 notListedAfterPayment). */
export const PRE_DECISION_STATES: readonly CreditState[] = [
  'candidate',
  'proposed',
  'notified',
  'statement_recorded',
  'no_statement',
  'approved',
];

export const CREDIT_ACTIONS = [
  'propose',
  'notify',
  'record-statement',
  'no-statement',
  'approve',
  'list',
  'reject',
  'withdraw',
  'object',
  'mark-objection',
  'decide-objection',
  'remove',
  'expire',
  'serve-notice',
  'review-statement',
  'extend-decision',
  'close-paid',
  'set-parties',
  'confirm-extreme-link',
  'serve-decision',
  'record-publication',
  'apply-early-removal',
  'decide-early-removal',
  'revoke-early-removal',
  'record-remedy',
] as const;
export type CreditAction = (typeof CREDIT_ACTIONS)[number];

/** Where each action may start and where it leads (objection steps keep `listed` unless upheld). */
export const MOVES: Readonly<Record<CreditAction, { from: readonly CreditState[]; to: CreditState }>> = {
  propose: { from: ['candidate'], to: 'proposed' },
  notify: { from: ['proposed'], to: 'notified' },
  'record-statement': { from: ['notified'], to: 'statement_recorded' },
  'no-statement': { from: ['notified'], to: 'no_statement' },
  approve: { from: ['statement_recorded', 'no_statement'], to: 'approved' },
  list: { from: ['approved'], to: 'listed' },
  reject: { from: ['proposed', 'notified', 'statement_recorded', 'no_statement', 'approved'], to: 'rejected' },
  withdraw: { from: ['candidate', 'proposed', 'notified', 'statement_recorded', 'no_statement'], to: 'withdrawn' },
  object: { from: ['listed'], to: 'listed' },
  'mark-objection': { from: ['listed'], to: 'listed' },
  'decide-objection': { from: ['listed'], to: 'listed' }, // 'removed' when the objection is upheld
  remove: { from: ['listed'], to: 'removed' },
  expire: { from: ['listed'], to: 'removed' },
  'serve-notice': { from: ['notified'], to: 'notified' },
  'review-statement': { from: ['statement_recorded'], to: 'statement_recorded' },
  'extend-decision': {
    from: ['proposed', 'notified', 'statement_recorded', 'no_statement', 'approved'],
    to: 'proposed',
  }, // keeps the state
  'close-paid': { from: PRE_DECISION_STATES, to: 'not_listed_paid' },
  'set-parties': { from: PRE_DECISION_STATES, to: 'candidate' }, // keeps the state
  'confirm-extreme-link': {
    from: ['candidate', 'proposed', 'notified', 'statement_recorded', 'no_statement'],
    to: 'candidate',
  }, // keeps the state
  'serve-decision': { from: ['listed', 'removed'], to: 'listed' }, // keeps the state
  'record-publication': { from: ['listed'], to: 'listed' },
  'apply-early-removal': { from: ['listed'], to: 'listed' },
  'decide-early-removal': { from: ['listed'], to: 'listed' }, // 'removed' when granted
  'revoke-early-removal': { from: ['removed'], to: 'listed' },
  'record-remedy': { from: ['listed', 'removed'], to: 'listed' }, // keeps the state; 'removed' when set aside
};

/** Actions that record something on the case without moving it. */
export const KEEPS_STATE: ReadonlySet<CreditAction> = new Set<CreditAction>([
  'object',
  'mark-objection',
  'decide-objection',
  'serve-notice',
  'review-statement',
  'extend-decision',
  'set-parties',
  'confirm-extreme-link',
  'serve-decision',
  'record-publication',
  'apply-early-removal',
  'decide-early-removal',
  'record-remedy',
]);

export const STATE_ZH: Readonly<Record<CreditState, string>> = {
  candidate: '候选',
  proposed: '拟列入',
  notified: '已事先告知',
  statement_recorded: '已陈述申辩',
  no_statement: '未陈述申辩',
  approved: '已审批',
  listed: '已列入',
  removed: '已移出',
  rejected: '不予列入',
  withdrawn: '已撤回',
  not_listed_paid: '不予列入（已足额支付并书面承诺）',
};

export type RemovalKind = 'early' | 'expiry' | 'revoked' | 'set_aside';
export const REMOVAL_ZH: Readonly<Record<RemovalKind, string>> = {
  early: '提前移出（已支付工资、纠正满6个月并作出信用承诺）',
  expiry: '期满移出（列入满3年）',
  revoked: '撤销列入（异议成立或决定撤销）',
  set_aside: '列入决定被依法撤销（行政复议或行政诉讼）',
};

export interface Objection {
  text: string;
  receivedAt: string;
  markDue: string;
  decideDue: string;
  markedAt: string | null;
  decidedAt: string | null;
  outcome: 'upheld' | 'dismissed' | null;
  reason: string | null;
}

/** Everything the procedure decides on; stored as columns of `credit_cases`. */
export interface CaseState {
  state: CreditState;
  proposerId: number | null;
  proposerName: string | null;
  basis: string | null;
  noticeNo: string | null;
  noticeDate: string | null;
  statementDueAt: string | null;
  statement: string | null;
  approverId: number | null;
  approverName: string | null;
  listedById: number | null;
  decisionNo: string | null;
  authority: string | null;
  listedOn: string | null;
  expectedExitOn: string | null;
  removedOn: string | null;
  removalKind: RemovalKind | null;
  removalReason: string | null;
  closedReason: string | null;
  objection: Objection | null;
  /** Parties, service, clocks' facts, documents, remedies (issue 18): the rest of the case file. */
  file: CaseFile;
}

export function newCase(): CaseState {
  return {
    state: 'candidate',
    proposerId: null,
    proposerName: null,
    basis: null,
    noticeNo: null,
    noticeDate: null,
    statementDueAt: null,
    statement: null,
    approverId: null,
    approverName: null,
    listedById: null,
    decisionNo: null,
    authority: null,
    listedOn: null,
    expectedExitOn: null,
    removedOn: null,
    removalKind: null,
    removalReason: null,
    closedReason: null,
    objection: null,
    file: emptyFile(),
  };
}
