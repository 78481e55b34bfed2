// Follow-up inspections of one order form one chain (issue 14 item 10). An
// inspector who finds wages unpaid issues an order to pay; when the deadline
// passes, a follow-up inspection (复查) records the same 23 workers and the
// same ¥186,400 again. Counting both doubled the firm's violations in the
// score, the credit case text and the digest. A chain is counted once, with
// the state of its latest record.
//
// A later inspection L of the same firm joins the chain of an earlier one E:
// - explicitly, when L's `related` (关联案号/原案号 column) names E's record id,
//   or both carry the same `related` value (e.g. one order number);
// - otherwise when E carries an order (pay or rectify), L comes within
//   CHAIN_WINDOW_DAYS of E, their violations share a kind, and they are the
//   same matter: the same due date, or (when one gives no due date) the
//   same workers and amount (within a tenth, as clerks round). Two
//   different due dates are two orders.

import { dayNumber } from './scoring/calendar.ts';

export const CHAIN_WINDOW_DAYS = 180;

export interface ChainRecord {
  id: string | number;
  recordId: string;
  /** YYYY-MM-DD */
  date: string;
  violations: readonly string[];
  workers: number | null;
  amount: number | null;
  order: string | null;
  due: string | null;
  rectified: string | null;
  status: string | null;
  /** 关联案号: the record id (or order number) this one follows up. */
  related?: string | null;
  /** When it was recorded (epoch ms), when the file gave a time of day. */
  at?: number | null;
}

/** "Recorded at or before the instant": a date alone counts from the start of its Shanghai day. */
export interface AsOf {
  /** YYYY-MM-DD, Shanghai. */
  date: string;
  /** Epoch ms; records with a time of day after it are not known yet. */
  ms?: number;
}

const known = (r: ChainRecord, asOf: AsOf | string | undefined): boolean => {
  if (asOf === undefined) return true;
  const a = typeof asOf === 'string' ? { date: asOf } : asOf;
  return r.date <= a.date && (a.ms === undefined || r.at === undefined || r.at === null || r.at <= a.ms);
};

const near = (a: number | null, b: number | null): boolean =>
  a !== null && b !== null && Math.abs(a - b) <= Math.max(a, b) * 0.1;

function sameMatter(e: ChainRecord, l: ChainRecord): boolean {
  if (e.order !== 'pay' && e.order !== 'rectify') return false;
  const gap = dayNumber(l.date) - dayNumber(e.date);
  if (!(gap >= 0 && gap <= CHAIN_WINDOW_DAYS)) return false;
  if (!l.violations.some((v) => e.violations.includes(v))) return false;
  // Two deadlines are two orders (a follow-up repeats the deadline or gives none).
  if (e.due !== null && l.due !== null) return e.due === l.due;
  return near(e.workers, l.workers) && near(e.amount, l.amount);
}

/**
 * One firm's inspections grouped into chains, each in (date, id) order;
 * chains in the order of their first record. Records dated after `asOf`
 * (YYYY-MM-DD) stay alone: a follow-up not made yet changes nothing.
 */
export function inspectionChains<T extends ChainRecord>(records: readonly T[], asOf?: AsOf | string): T[][] {
  if (records.length < 2) return records.map((r) => [r]);
  const sorted = [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id)));
  const chainOf = new Map<T, T[]>();
  const chains: T[][] = [];
  for (const l of sorted) {
    let chain: T[] | undefined;
    if (known(l, asOf)) {
      const ref = l.related?.trim() || null;
      for (let i = chains.length - 1; i >= 0 && !chain; i--) {
        const c = chains[i]!;
        if (!known(c[0]!, asOf)) continue;
        if (ref !== null && c.some((e) => e.recordId === ref || (e.related?.trim() || null) === ref)) chain = c;
      }
      for (let i = chains.length - 1; ref === null && i >= 0 && !chain; i--) {
        const c = chains[i]!;
        if (!known(c[0]!, asOf)) continue;
        if (c.some((e) => sameMatter(e, l))) chain = c;
      }
    }
    if (chain) chain.push(l);
    else chains.push((chain = [l]));
    chainOf.set(l, chain);
  }
  return chains;
}

/**
 * A chain as one record: the first record's identity and date (the order),
 * the latest record's state (status, rectified, order and due when it gives
 * them), the largest workers and amount, the union of violations.
 */
export function mergeChain<T extends ChainRecord>(chain: readonly T[]): T & { chain: string[] } {
  const first = chain[0]!;
  if (chain.length === 1) return { ...first, chain: [first.recordId] };
  const latest = chain[chain.length - 1]!;
  const max = (f: (r: T) => number | null) => chain.reduce<number | null>((m, r) => (f(r) === null ? m : m === null ? f(r) : Math.max(m, f(r)!)), null);
  const violations = [...new Set(chain.flatMap((r) => r.violations))];
  const rectified = [...chain].reverse().find((r) => r.rectified !== null)?.rectified ?? null;
  return {
    ...latest,
    id: first.id, recordId: first.recordId, date: first.date, at: first.at,
    violations, workers: max((r) => r.workers), amount: max((r) => r.amount),
    order: latest.order ?? first.order, due: latest.due ?? first.due, rectified, status: latest.status ?? first.status,
    chain: chain.map((r) => r.recordId),
  };
}

/** One firm's inspections with each chain counted once (see mergeChain). */
export function collapseChains<T extends ChainRecord>(records: readonly T[], asOf?: AsOf | string): Array<T & { chain: string[] }> {
  return inspectionChains(records, asOf).map(mergeChain);
}

/** Whether any chain can form: the cheap test that lets most firms skip the grouping. */
export function mayChain(records: readonly ChainRecord[]): boolean {
  if (records.length < 2) return false;
  return records.some((r) => r.order === 'pay' || r.order === 'rectify' || (r.related ?? null) !== null);
}
