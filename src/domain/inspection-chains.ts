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

/** The same matter, for an order already known to be within CHAIN_WINDOW_DAYS before `l`. */
function sameOrder(e: ChainRecord, l: ChainRecord): boolean {
  if (e.due !== null && l.due !== null) return e.due === l.due && l.violations.some((v) => e.violations.includes(v));
  return near(e.workers, l.workers) && near(e.amount, l.amount) && l.violations.some((v) => e.violations.includes(v));
}

/**
 * One firm's inspections grouped into chains, each in (date, id) order;
 * chains in the order of their first record. Records dated after `asOf`
 * (YYYY-MM-DD) stay alone: a follow-up not made yet changes nothing.
 *
 * A record joins the newest chain that matches it. The matches are found
 * through indexes rather than by comparing with every earlier record (a busy
 * firm holds tens of thousands of inspections): references by key, and the
 * orders of the last CHAIN_WINDOW_DAYS by violation kind and due date, so
 * the work per record is the number of orders that could be its matter.
 */
export function inspectionChains<T extends ChainRecord>(records: readonly T[], asOf?: AsOf | string): T[][] {
  if (records.length < 2) return records.map((r) => [r]);
  const sorted = [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id)));
  const chains: T[][] = [];
  const chainIndex = new Map<T, number>();
  const days = new Map<string, number>();
  const dayOf = (r: T) => {
    let d = days.get(r.date);
    if (d === undefined) days.set(r.date, (d = dayNumber(r.date)));
    return d;
  };
  /** How many chains existed once a record was placed (its chain is one of them). */
  const chainsBefore = new Map<T, number>();
  /** Record id or 关联案号 → the newest chain holding it. */
  const byRef = new Map<string, number>();
  /** Orders by violation kind, and by violation kind and due date ('' = none), oldest first. */
  const byKind = new Map<string, Window<T>>();
  const byKindDue = new Map<string, Window<T>>();
  const windowOf = (m: Map<string, Window<T>>, k: string) => {
    let w = m.get(k);
    if (!w) m.set(k, (w = new Window<T>()));
    return w;
  };
  const noteRef = (key: string | null, i: number) => {
    if (key !== null && (byRef.get(key) ?? -1) < i) byRef.set(key, i);
  };
  for (const l of sorted) {
    let idx = -1;
    const isKnown = known(l, asOf);
    if (isKnown) {
      const ref = l.related?.trim() || null;
      if (ref !== null) idx = byRef.get(ref) ?? -1;
      else {
        const from = dayOf(l) - CHAIN_WINDOW_DAYS;
        const consider = (w: Window<T> | undefined, check: boolean) => {
          if (!w) return;
          const items = w.since(from, dayOf);
          // Newest first: an order made when only n chains existed belongs to one of them,
          // so once n - 1 ≤ the best chain found, no older order can beat it.
          for (let k = items.length - 1; k >= w.head; k--) {
            const e = items[k]!;
            if (chainsBefore.get(e)! - 1 <= idx) break;
            const i = chainIndex.get(e)!;
            if (i > idx && (!check || sameOrder(e, l))) idx = i;
          }
        };
        for (const v of new Set(l.violations)) {
          if (l.due !== null) {
            consider(byKindDue.get(dueKey(v, l.due)), false);
            consider(byKindDue.get(dueKey(v, null)), true);
          } else consider(byKind.get(v), true);
        }
      }
    }
    if (idx < 0) {
      idx = chains.length;
      chains.push([l]);
    } else chains[idx]!.push(l);
    chainIndex.set(l, idx);
    chainsBefore.set(l, chains.length);
    // Only known records can be matched: one not made yet as of asOf stays alone.
    if (!isKnown) continue;
    noteRef(l.recordId, idx);
    noteRef(l.related?.trim() || null, idx);
    if (l.order === 'pay' || l.order === 'rectify') {
      for (const v of new Set(l.violations)) {
        windowOf(byKind, v).push(l);
        windowOf(byKindDue, dueKey(v, l.due)).push(l);
      }
    }
  }
  return chains;
}

/** An order's bucket key: violation kind and due date (none apart from any date). */
const dueKey = (v: string, due: string | null) => (due === null ? `${v}\u0000none` : `${v}\u0001${due}`);

/** Records in date order; those older than the window are dropped from the front as the dates advance. */
class Window<T> {
  private items: T[] = [];
  /** The first record still in the window. */
  head = 0;
  push(r: T): void {
    this.items.push(r);
  }
  /** Drops the records before day `from` (days never decrease between calls); the window is items[head..]. */
  since(from: number, day: (r: T) => number): readonly T[] {
    while (this.head < this.items.length && day(this.items[this.head]!) < from) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items;
  }
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
