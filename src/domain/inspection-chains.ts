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

const known = (r: ChainRecord, a: AsOf | undefined): boolean =>
  a === undefined || (r.date <= a.date && (a.ms === undefined || r.at === undefined || r.at === null || r.at <= a.ms));

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
 * Records are handled by their position in date order (typed arrays, no
 * per-record maps or sets): the model groups every firm on every run.
 */
export function inspectionChains<T extends ChainRecord>(records: readonly T[], asOf?: AsOf | string): T[][] {
  if (records.length < 2) return records.map((r) => [r]);
  return chainsOf(groupChains(records, asOf));
}

/** The chains of a grouping as arrays of records. */
export function chainsOf<T>({ sorted, chainOf }: ChainGrouping<T>): T[][] {
  const chains: T[][] = [];
  for (let p = 0; p < sorted.length; p++) {
    const i = chainOf[p]!;
    if (i === chains.length) chains.push([sorted[p]!]);
    else chains[i]!.push(sorted[p]!);
  }
  return chains;
}

/** Chains as positions: `sorted` in (date, id) order, `chainOf[p]` the chain of sorted[p] (numbered as they start), `count` chains. */
export interface ChainGrouping<T> {
  sorted: readonly T[];
  chainOf: Int32Array;
  count: number;
}

/** inspectionChains without the arrays: most firms form no chain, and then nothing needs building. */
export function groupChains<T extends ChainRecord>(records: readonly T[], asOf?: AsOf | string): ChainGrouping<T> {
  const { sorted, day } = inDateOrder(records);
  const n = sorted.length;
  const at = asOf === undefined ? undefined : typeof asOf === 'string' ? { date: asOf } : asOf;
  const size: number[] = [];
  /** By position in `sorted`: its chain, how many chains existed once it was placed. */
  const chainOf = new Int32Array(n);
  const chainsBefore = new Int32Array(n);
  /** Record id or 关联案号 → the newest chain holding it; kept only when some record gives a reference. */
  const byRef = sorted.some((r) => ref(r) !== null) ? new Map<string, number>() : undefined;
  /** Orders by violation kind, and by violation kind then due date (null = none), oldest first. */
  const byKind = new Map<string, Bucket>();
  const byKindDue = new Map<string, Map<string | null, Bucket>>();
  const noteRef = (key: string | null, i: number) => {
    if (key !== null && (byRef!.get(key) ?? -1) < i) byRef!.set(key, i);
  };
  /** The best chain (> idx) among the window's orders that are `l`'s matter. */
  const consider = (w: Bucket | undefined, check: boolean, l: T, from: number, idx: number): number => {
    if (w === undefined) return idx;
    if (typeof w === 'number') {
      // One order alone (most due dates): the same test without a window.
      if (day[w]! < from || chainsBefore[w]! - 1 <= idx) return idx;
      const i = chainOf[w]!;
      return i > idx && (!check || sameOrder(sorted[w]!, l)) ? i : idx;
    }
    const items = w.since(from, day);
    // Newest first: an order made when only n chains existed belongs to one of them,
    // so once n - 1 ≤ the best chain found, no older order can beat it.
    for (let k = items.length - 1; k >= w.head; k--) {
      const e = items[k]!;
      if (chainsBefore[e]! - 1 <= idx) break;
      const i = chainOf[e]!;
      if (i > idx && (!check || sameOrder(sorted[e]!, l))) idx = i;
    }
    return idx;
  };
  for (let p = 0; p < n; p++) {
    const l = sorted[p]!;
    let idx = -1;
    const isKnown = known(l, at);
    const vs = l.violations;
    if (isKnown) {
      const r = byRef === undefined ? null : ref(l);
      if (r !== null) idx = byRef!.get(r) ?? -1;
      else {
        const from = day[p]! - CHAIN_WINDOW_DAYS;
        for (let a = 0; a < vs.length; a++) {
          const v = vs[a]!;
          if (vs.indexOf(v) < a) continue; // each kind once
          if (l.due !== null) {
            const dues = byKindDue.get(v);
            idx = consider(dues?.get(l.due), false, l, from, idx);
            idx = consider(dues?.get(null), true, l, from, idx);
          } else idx = consider(byKind.get(v), true, l, from, idx);
        }
      }
    }
    if (idx < 0) {
      idx = size.length;
      size.push(1);
    } else size[idx]!++;
    chainOf[p] = idx;
    chainsBefore[p] = size.length;
    // Only known records can be matched: one not made yet as of asOf stays alone.
    if (!isKnown) continue;
    if (byRef !== undefined) {
      noteRef(l.recordId, idx);
      noteRef(ref(l), idx);
    }
    if (l.order === 'pay' || l.order === 'rectify') {
      for (let a = 0; a < vs.length; a++) {
        const v = vs[a]!;
        if (vs.indexOf(v) < a) continue;
        pushTo(byKind, v, p);
        let dues = byKindDue.get(v);
        if (!dues) byKindDue.set(v, (dues = new Map()));
        pushTo(dues, l.due, p);
      }
    }
  }
  return { sorted, chainOf, count: size.length };
}

const ref = (r: ChainRecord): string | null => r.related?.trim() || null;

function byDateId(a: ChainRecord, b: ChainRecord): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id);
}

/**
 * The records in (date, id) order and their day numbers. Dates and ids read
 * as numbers once (a firm's records come in id order, not date order), and
 * the sort runs on numbers; odd records (a malformed date, an id that is not
 * an integer) sort with the string comparison, as they always did.
 */
function inDateOrder<T extends ChainRecord>(records: readonly T[]): { sorted: readonly T[]; day: Float64Array } {
  const n = records.length;
  const day = new Float64Array(n);
  const id = new Float64Array(n);
  let plain = true;
  let ordered = true;
  let minDay = Infinity;
  let maxDay = -Infinity;
  let minId = Infinity;
  let maxId = -Infinity;
  for (let k = 0; k < n; k++) {
    const r = records[k]!;
    const d = k > 0 && r.date === records[k - 1]!.date ? day[k - 1]! : dayNumber(r.date);
    const i = Number(r.id);
    day[k] = d;
    id[k] = i;
    if (!Number.isSafeInteger(i) || Number.isNaN(d)) plain = false;
    if (k > 0 && (d < day[k - 1]! || (d === day[k - 1]! && !(i >= id[k - 1]!)))) ordered = false;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
    if (i < minId) minId = i;
    if (i > maxId) maxId = i;
  }
  if (plain && ordered) return { sorted: records, day };
  const ids = maxId - minId + 1;
  if (plain && (maxDay - minDay + 1) * ids * n < 2 ** 53) {
    // One number per record, (day, id, position), sorted natively: no comparator calls.
    const key = new Float64Array(n);
    for (let k = 0; k < n; k++) key[k] = ((day[k]! - minDay) * ids + (id[k]! - minId)) * n + k;
    key.sort();
    const sorted = new Array<T>(n);
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const p = key[k]! % n;
      sorted[k] = records[p]!;
      out[k] = day[p]!;
    }
    return { sorted, day: out };
  }
  const sorted = [...records].sort(byDateId);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++)
    out[k] = k > 0 && sorted[k]!.date === sorted[k - 1]!.date ? out[k - 1]! : dayNumber(sorted[k]!.date);
  return { sorted, day: out };
}

/** A bucket's orders: one position, or a window once it holds two (most buckets never do). */
type Bucket = number | Window;

function pushTo<K>(m: Map<K, Bucket>, k: K, p: number): void {
  const w = m.get(k);
  if (w === undefined) m.set(k, p);
  else if (typeof w === 'number') {
    const both = new Window();
    both.push(w);
    both.push(p);
    m.set(k, both);
  } else w.push(p);
}

/** Positions of records in date order; those older than the window are dropped from the front as the dates advance. */
class Window {
  private items: number[] = [];
  /** The first position still in the window. */
  head = 0;
  push(p: number): void {
    this.items.push(p);
  }
  /** Drops the records before day `from` (days never decrease between calls); the window is items[head..]. */
  since(from: number, day: Float64Array): readonly number[] {
    while (this.head < this.items.length && day[this.items[this.head]!]! < from) this.head++;
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
  const max = (f: (r: T) => number | null) =>
    chain.reduce<number | null>((m, r) => (f(r) === null ? m : m === null ? f(r) : Math.max(m, f(r)!)), null);
  const violations = [...new Set(chain.flatMap((r) => r.violations))];
  const rectified = [...chain].reverse().find((r) => r.rectified !== null)?.rectified ?? null;
  return {
    ...latest,
    id: first.id,
    recordId: first.recordId,
    date: first.date,
    at: first.at,
    violations,
    workers: max((r) => r.workers),
    amount: max((r) => r.amount),
    order: latest.order ?? first.order,
    due: latest.due ?? first.due,
    rectified,
    status: latest.status ?? first.status,
    chain: chain.map((r) => r.recordId),
  };
}

/** One firm's inspections with each chain counted once (see mergeChain). */
export function collapseChains<T extends ChainRecord>(
  records: readonly T[],
  asOf?: AsOf | string,
): Array<T & { chain: string[] }> {
  return inspectionChains(records, asOf).map(mergeChain);
}

/** Whether any chain can form: the cheap test that lets most firms skip the grouping. */
export function mayChain(records: readonly ChainRecord[]): boolean {
  if (records.length < 2) return false;
  return records.some((r) => r.order === 'pay' || r.order === 'rectify' || (r.related ?? null) !== null);
}
