// The candidate rule of 人社部令第45号 art. 5: an order to pay wages within
// a deadline that passed unpaid, AND either the arrears reach the
// 拒不支付劳动报酬罪 amount, or they are linked to a group incident (a
// collective wage petition) or an extreme incident (a major opinion item).
// A candidate is a suggestion to a person, never a decision.

import { collapseChains } from '../inspection-chains.ts';
import { dayNumber, formatDay, shanghaiDate } from '../scoring/calendar.ts';
import type { CreditConfig } from './config.ts';

export interface CandidateInspection {
  id: number;
  recordId: string;
  date: string;
  order: string | null;
  due: string | null;
  rectified: string | null;
  status: string | null;
  workers: number | null;
  amount: number | null;
  /** With `related`, what tells a follow-up inspection of the same order (inspection-chains.ts). */
  violations?: readonly string[];
  related?: string | null;
}

export interface CandidatePetition {
  id: number;
  recordId: string;
  received: string;
  categories: readonly string[];
  petitioners: number;
}

export interface CandidateMention {
  id: number;
  itemId: number;
  at: string;
  major: boolean;
  categories: readonly string[];
  title?: string | null;
}

export type CandidateCondition = 'crime_amount' | 'collective_petition' | 'extreme_event';

export interface CandidateEvidence {
  /** One entry per order: follow-up inspections of it are listed in `followUps`, not counted again. */
  orders: Array<{
    id: number;
    recordId: string;
    date: string;
    due: string;
    workers: number | null;
    amount: number | null;
    reachesCrimeAmount: boolean;
    followUps?: string[];
  }>;
  petitions: Array<{ id: number; recordId: string; received: string; petitioners: number }>;
  mentions: Array<{ id: number; itemId: number; at: string; title: string | null }>;
  totalAmount: number;
  totalWorkers: number;
  thresholds: { single: number; collective: number; collectiveWorkers: number };
}

export interface Candidate {
  conditions: CandidateCondition[];
  evidence: CandidateEvidence;
  /** The overdue orders' record ids, sorted: a new order makes a new candidate. */
  key: string;
  /** A reason in words for the 列入事由. */
  reason: string;
}

const WAGE_CATEGORIES = new Set(['wage_arrears', '欠薪', '拖欠工资']);

/** Whether the stored order is a pay order whose deadline passed unpaid as of the day `today`. */
export function isOverduePayOrder(r: CandidateInspection, today: number): boolean {
  if (r.order !== 'pay' || r.due === null) return false;
  const due = dayNumber(r.due);
  if (Number.isNaN(due) || due >= today) return false;
  if (r.rectified !== null && dayNumber(r.rectified) <= today) return false;
  return !(r.rectified === null && (r.status === 'rectified' || r.status === 'closed'));
}

/** One worker owed the single figure, or ≥ N workers owed the collective figure in total (2–9 workers: the split is unknown, so no). */
export function reachesCrimeAmount(workers: number | null, amount: number | null, c: CreditConfig): boolean {
  if (amount === null) return false;
  const n = workers ?? 1;
  return (n <= 1 && amount >= c.crimeAmountSingle) || (n >= c.collectiveWorkers && amount >= c.crimeAmountCollective);
}

/**
 * Evaluates one firm's records as of the Shanghai date `today`
 * (YYYY-MM-DD). Null when art. 5 is not met. Petitions and mentions count
 * as linked when dated from `linkDays` before the earliest overdue order on.
 */
export function evaluateCandidate(
  records: {
    inspections: readonly CandidateInspection[];
    petitions: readonly CandidatePetition[];
    mentions: readonly CandidateMention[];
  },
  today: string,
  config: CreditConfig,
): Candidate | null {
  const day = dayNumber(today);
  // A follow-up inspection of the same order is the same arrears: one order, counted once.
  const orders0 = collapseChains(
    records.inspections.map((r) => ({ ...r, violations: r.violations ?? [] })),
    today,
  );
  const overdue = orders0.filter((r) => isOverduePayOrder(r, day)).sort((a, b) => a.id - b.id);
  if (overdue.length === 0) return null;
  const from = formatDay(Math.min(...overdue.map((r) => dayNumber(r.date))) - config.linkDays);
  const orders = overdue.map((r) => ({
    id: r.id,
    recordId: r.recordId,
    date: r.date,
    due: r.due!,
    workers: r.workers,
    amount: r.amount,
    reachesCrimeAmount: reachesCrimeAmount(r.workers, r.amount, config),
    ...(r.chain.length > 1 ? { followUps: r.chain.slice(1) } : {}),
  }));
  const petitions = records.petitions
    .filter(
      (p) =>
        p.petitioners >= config.collectiveWorkers &&
        p.categories.some((c) => WAGE_CATEGORIES.has(c)) &&
        p.received >= from &&
        p.received <= today,
    )
    .map((p) => ({ id: p.id, recordId: p.recordId, received: p.received, petitioners: p.petitioners }));
  const mentions = records.mentions
    .filter((m) => {
      const d = shanghaiDate(new Date(m.at));
      return m.major && d >= from && d <= today;
    })
    .map((m) => ({ id: m.id, itemId: m.itemId, at: m.at, title: m.title ?? null }));
  const conditions: CandidateCondition[] = [];
  if (orders.some((o) => o.reachesCrimeAmount)) conditions.push('crime_amount');
  if (petitions.length > 0) conditions.push('collective_petition');
  if (mentions.length > 0) conditions.push('extreme_event');
  if (conditions.length === 0) return null;
  const totalAmount = orders.reduce((s, o) => s + (o.amount ?? 0), 0);
  const totalWorkers = orders.reduce((s, o) => s + (o.workers ?? 0), 0);
  return {
    conditions,
    evidence: {
      orders,
      petitions,
      mentions,
      totalAmount,
      totalWorkers,
      thresholds: {
        single: config.crimeAmountSingle,
        collective: config.crimeAmountCollective,
        collectiveWorkers: config.collectiveWorkers,
      },
    },
    key: orders.map((o) => o.id).join(','),
    reason: candidateReason('zh', orders, conditions, totalAmount, totalWorkers),
  };
}

const CONDITIONS: Record<'zh' | 'en', Record<CandidateCondition, string>> = {
  zh: {
    crime_amount: '拖欠数额达到拒不支付劳动报酬罪数额标准',
    collective_petition: '引发群体性事件（集体信访）',
    extreme_event: '引发极端事件（重大舆情）',
  },
  en: {
    crime_amount: 'the arrears reach the amount standard of the crime of refusing to pay wages',
    collective_petition: 'they caused a group incident (collective petition)',
    extreme_event: 'they caused an extreme incident (major public opinion)',
  },
};

/** Why a firm is a candidate, in the reader's language (the Chinese text is stored with the case). */
export function candidateReason(
  lang: 'zh' | 'en',
  orders: ReadonlyArray<{ due: string }>,
  conditions: readonly CandidateCondition[],
  amount: number,
  workers: number,
): string {
  if (lang === 'en') {
    const dues = orders.map((o) => o.due).join(', ');
    return `Ordered to pay by ${dues} and still unpaid after the deadline: ${workers} workers, ¥${amount}; ${conditions.map((c) => CONDITIONS.en[c]).join('; ')}`;
  }
  const dues = orders.map((o) => o.due).join('、');
  return `经责令限期支付（期限${dues}）逾期仍未支付劳动报酬，涉及${workers}人、${amount}元；${conditions.map((c) => CONDITIONS.zh[c]).join('；')}`;
}

export const LEGAL_BASIS = '《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人力资源社会保障部令第45号）第五条';

/** A case's 列入事由 in `lang`: the stored Chinese sentence, or for English readers the same facts from its stored evidence. */
export function caseReasonText(
  lang: 'zh' | 'en',
  c: { reason: string; conditions: unknown; evidence: unknown },
): string {
  const ev = c.evidence as { orders?: Array<{ due: string }>; totalAmount?: number; totalWorkers?: number } | null;
  if (lang === 'zh' || !ev?.orders || ev.totalAmount === undefined) return c.reason;
  return candidateReason('en', ev.orders, c.conditions as CandidateCondition[], ev.totalAmount, ev.totalWorkers ?? 0);
}
