// Raw points of one record before decay, repeat and spike. Every factor is a
// product of terms that never fall when the harm grows (more workers, a
// larger amount, one more violation, a higher severity), which is what makes
// the whole score monotonic; the schema keeps aggravating factors ≥ 1.

import type { Order, PetitionCategory, Violation } from '../values/enums.ts';
import { optionalDay } from './calendar.ts';
import type { ModelConfig } from './config.ts';
import type { InspectionEvidence, MentionEvidence, PetitionEvidence } from './types.ts';

/**
 * Where an order stands as of `at`: 'rectified' once rectified on or before
 * `at`; 'overdue' when its due day has fully passed (or the status says so
 * and no later due date contradicts it); otherwise 'open'.
 */
export type OrderState = 'none' | 'open' | 'rectified' | 'overdue';

/** A due date or an 逾期未改 status implies an order even when the cell was left empty. */
export function effectiveOrder(r: InspectionEvidence): Order {
  if (r.order !== null) return r.order;
  return r.due !== null || r.status === 'overdue' ? 'rectify' : 'none';
}

export function orderState(
  r: InspectionEvidence,
  order: Order,
  atDay: number,
  dueDay: number,
  rectifiedDay: number,
): OrderState {
  if (order === 'none') return 'none';
  if (rectifiedDay <= atDay) return 'rectified';
  // Without a date we cannot tell when it was rectified; trust the row, as
  // the importer does (a replay of the past may then under-score a little).
  if (Number.isNaN(rectifiedDay) && (r.status === 'rectified' || r.status === 'closed')) return 'rectified';
  if (dueDay < atDay) return 'overdue';
  if (r.status === 'overdue' && !(dueDay >= atDay)) return 'overdue';
  return 'open';
}

/** orderState with the record's own dates, as of the Shanghai day `atDay`. */
export function stateAt(r: InspectionEvidence, order: Order, atDay: number): OrderState {
  if (order === 'none') return 'none';
  return orderState(r, order, atDay, optionalDay(r.due, 'due', r.id), optionalDay(r.rectified, 'rectified', r.id));
}

/** Σ of the weights of the distinct violations (a repeated code counts once). */
export function violationBase(violations: readonly Violation[], weights: Readonly<Record<Violation, number>>): number {
  let sum = 0;
  outer: for (let i = 0; i < violations.length; i++) {
    const v = violations[i]!;
    // Lists hold a handful of codes, so a quadratic check beats allocating a Set.
    for (let j = 0; j < i; j++) if (violations[j] === v) continue outer;
    sum += weights[v] ?? 0;
  }
  return sum;
}

/** Size, order and state factors of an inspection; multiply by violationBase. */
export function inspectionFactor(
  r: InspectionEvidence,
  order: Order,
  state: OrderState,
  c: ModelConfig['inspection'],
): number {
  const workers = r.workers !== null && r.workers > 0 ? r.workers : 0;
  const amount = r.amount !== null && r.amount > 0 ? r.amount : 0;
  let f = (1 + c.workersLogFactor * Math.log1p(workers)) * (1 + c.amountLogFactor * Math.log1p(amount / c.amountUnit));
  f *= c.orderFactors[order];
  if (state !== 'none') f *= c.stateFactors[state];
  if (r.status === 'transferred') f *= c.transferredFactor;
  return f;
}

/** 1 + step · min(prior violating inspections in the window, maxCount). */
export function repeatFactor(prior: number, c: ModelConfig['inspection']['repeat']): number {
  return 1 + c.step * Math.min(prior, c.maxCount);
}

export function isCollective(r: PetitionEvidence, c: ModelConfig['petition']): boolean {
  return r.petitioners >= c.collectiveThreshold;
}

/**
 * The heaviest category in full plus a share of the others, so a petition
 * raising two claims weighs more than one but less than two petitions.
 */
export function petitionPoints(r: PetitionEvidence, c: ModelConfig['petition']): number {
  const w = c.categoryWeights;
  let max = 0;
  let sum = 0;
  const cats = r.categories;
  outer: for (let i = 0; i < cats.length; i++) {
    const cat: PetitionCategory = cats[i]!;
    for (let j = 0; j < i; j++) if (cats[j] === cat) continue outer;
    const x = w[cat] ?? 0;
    sum += x;
    if (x > max) max = x;
  }
  const base = cats.length === 0 ? w.other : max + c.extraCategoryShare * (sum - max);
  const people = Math.max(r.petitioners, 1);
  let p = base * (1 + c.petitionersLogFactor * Math.log(people));
  if (people >= c.collectiveThreshold) p *= c.collectiveFactor;
  if (r.repeat) p *= c.repeatFactor;
  return p;
}

/** Linear between the integer severities of the table; clamped to 0–5. */
export function severityPoints(severity: number, table: readonly number[]): number {
  if (!(severity > 0)) return table[0]!;
  if (severity >= 5) return table[5]!;
  const lo = Math.floor(severity);
  return table[lo]! + (severity - lo) * (table[lo + 1]! - table[lo]!);
}

export function credibilityOf(m: MentionEvidence, c: ModelConfig['opinion']): number {
  const x = m.credibility ?? c.defaultCredibility;
  return x > 0 ? Math.min(x, 5) : 0;
}

/** 1 + perCopy for each other copy published by `at`, at most 1 + max. */
export function reachFactor(m: MentionEvidence, atMs: number, c: ModelConfig['opinion']['reach']): number {
  const copies = m.copies;
  if (copies === undefined || copies.length === 0 || c.perCopy === 0) return 1;
  let n = 0;
  for (let i = 0; i < copies.length; i++) if (copies[i]! <= atMs) n++;
  return 1 + Math.min(c.max, c.perCopy * n);
}

/** Items about elsewhere or national ones neither fire hard triggers nor count toward a spike. */
export function isLocalMention(m: MentionEvidence): boolean {
  return m.place === undefined || m.place === 'local';
}

/** severity points × feed credibility × the strongest category factor × major. */
export function mentionPoints(m: MentionEvidence, c: ModelConfig['opinion']): number {
  const sev = severityPoints(m.maxSeverity, c.severityPoints);
  if (sev === 0) return 0;
  let cat = 1;
  for (let i = 0; i < m.categories.length; i++) {
    const f = c.categoryFactors[m.categories[i]!];
    if (f !== undefined && f > cat) cat = f;
  }
  return sev * credibilityOf(m, c) * cat * (m.major ? c.majorFactor : 1) * collectiveScale(m, c);
}

/** Collective action, head count and sum of an item; 1 for an item that names none. */
function collectiveScale(m: MentionEvidence, c: ModelConfig['opinion']): number {
  let f = m.collective === true ? c.collectiveFactor : 1;
  const people = m.people ?? 0;
  if (people >= 10) f *= 1 + c.peopleLogFactor * Math.log10(people / 10);
  const amount = m.amount ?? 0;
  if (amount > 0) f *= 1 + c.amountLogFactor * Math.log10(1 + amount / 10_000);
  return f;
}
