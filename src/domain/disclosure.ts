// 人社部令第29号《重大劳动保障违法行为社会公布办法》 (pure): which of the
// quarter's inspection cases are major violations to publish.
//
// Art. 5 lists: (1) wage arrears of large amount / refusal to pay referred
// for prosecution; (2) serious social-insurance violations; (3) serious
// working-time violations; (4) serious violations of protection of women
// and minors; (5) any use of child labor; (6) violations with serious social
// impact; (7) other major violations. The criteria chosen here, each
// configurable:
// - `wage_arrears` — art. 5(1): an order to pay (order = pay) whose amount
//   reaches the 拒不支付劳动报酬罪 standard (the credit config's figures), or
//   that was left unpaid past its due date (not rectified by the due date).
// - `child_labor` — art. 5(5): every case with `child_labor` (no threshold).
// - `illegal_dispatch` — art. 5(7): `illegal_dispatch` involving at least
//   `dispatchMinWorkers` workers (default 10, the collective-dispute size).
// - `occupational_injury` — art. 5(6)/(7): `occupational_injury` involving
//   at least `injuryMinWorkers` workers (default 3), or left unrectified past
//   its due date / transferred.
// A case belongs to the quarter of its inspection date, except an overdue
// order to pay (without the crime amount), which belongs to the quarter in
// which its due date passed.

import { type ChainRecord, collapseChains } from './inspection-chains.ts';

export type DisclosureCriterion = 'wage_arrears' | 'child_labor' | 'illegal_dispatch' | 'occupational_injury';

export interface DisclosureConfig {
  criteria: readonly DisclosureCriterion[];
  crimeAmountSingle: number;
  crimeAmountCollective: number;
  collectiveWorkers: number;
  dispatchMinWorkers: number;
  injuryMinWorkers: number;
}

export const DEFAULT_DISCLOSURE: Omit<DisclosureConfig, 'crimeAmountSingle' | 'crimeAmountCollective' | 'collectiveWorkers'> = Object.freeze({
  criteria: ['wage_arrears', 'child_labor', 'illegal_dispatch', 'occupational_injury'] as const,
  dispatchMinWorkers: 10,
  injuryMinWorkers: 3,
});

/** An inspection as the disclosure reads it: a chain record (inspection-chains.ts) with a numeric id. */
export interface DisclosureInspection extends Omit<ChainRecord, 'id' | 'at'> {
  id: number;
  /** Chains of follow-up inspections are per firm (inspection-chains.ts); absent, each record stands alone. */
  firmId?: number;
}

export interface DisclosureHit {
  inspection: DisclosureInspection;
  criteria: DisclosureCriterion[];
}

const CRITERION_ZH: Readonly<Record<DisclosureCriterion, string>> = {
  wage_arrears: '拖欠劳动报酬数额较大或经责令支付逾期未支付',
  child_labor: '使用童工',
  illegal_dispatch: '违法劳务派遣',
  occupational_injury: '工伤事故',
};
const VIOLATION_ZH: Readonly<Record<string, string>> = {
  wage_arrears: '拖欠工资', min_wage: '低于最低工资', no_contract: '未签劳动合同', social_insurance: '未缴社会保险', overtime: '超时加班',
  rest: '休息休假', illegal_dispatch: '违法派遣', occupational_injury: '工伤', discrimination: '就业歧视', child_labor: '童工', other: '其他',
};
const ORDER_ZH: Readonly<Record<string, string>> = { none: '无', rectify: '责令改正', pay: '责令支付' };
const STATUS_ZH: Readonly<Record<string, string>> = { open: '办理中', rectified: '已整改', overdue: '逾期未改', closed: '结案', transferred: '移送' };

export function reachesCrime(workers: number | null, amount: number | null, c: DisclosureConfig): boolean {
  if (amount === null) return false;
  const n = workers ?? 1;
  return (n <= 1 && amount >= c.crimeAmountSingle) || (n >= c.collectiveWorkers && amount >= c.crimeAmountCollective);
}

/** Unpaid / unrectified past the due date, as of `asOf` (YYYY-MM-DD). */
export function pastDueUnrectified(r: DisclosureInspection, asOf: string): boolean {
  return r.due !== null && r.due < asOf && (r.rectified === null ? true : r.rectified > r.due);
}

/** The criteria an inspection meets for the quarter [from, to], or null when it is not disclosed in it. */
export function disclosureCriteria(r: DisclosureInspection, from: string, to: string, c: DisclosureConfig): DisclosureCriterion[] | null {
  const on = (d: string | null) => d !== null && d >= from && d <= to;
  const out: DisclosureCriterion[] = [];
  const has = (v: string) => r.violations.includes(v);
  const want = (k: DisclosureCriterion) => c.criteria.includes(k);
  if (want('wage_arrears') && r.order === 'pay') {
    const crime = reachesCrime(r.workers, r.amount, c);
    // Overdue (not crime-sized): belongs to the quarter its due date passed in, judged at the quarter's end.
    const overdue = !crime && on(r.due) && r.due! < to && pastDueUnrectified(r, to);
    if ((crime && on(r.date)) || overdue) out.push('wage_arrears');
  }
  if (on(r.date)) {
    if (want('child_labor') && has('child_labor')) out.push('child_labor');
    if (want('illegal_dispatch') && has('illegal_dispatch') && (r.workers ?? 0) >= c.dispatchMinWorkers) out.push('illegal_dispatch');
    if (want('occupational_injury') && has('occupational_injury')
      && ((r.workers ?? 0) >= c.injuryMinWorkers || r.status === 'transferred' || pastDueUnrectified(r, to))) out.push('occupational_injury');
  }
  return out.length > 0 ? out : null;
}

export function selectDisclosures(rows: readonly DisclosureInspection[], from: string, to: string, c: DisclosureConfig): DisclosureHit[] {
  const hits: DisclosureHit[] = [];
  // A follow-up inspection of the same order is one case (its first record's date and id, its latest state).
  const byFirm = new Map<number | undefined, DisclosureInspection[]>();
  for (const r of rows) (byFirm.get(r.firmId) ?? byFirm.set(r.firmId, []).get(r.firmId)!).push(r);
  const cases = [...byFirm].flatMap(([firm, list]) => (firm === undefined ? list : collapseChains(list, to).map(({ chain: _, ...r }) => r)));
  for (const r of cases) {
    const criteria = disclosureCriteria(r, from, to, c);
    if (criteria) hits.push({ inspection: r, criteria });
  }
  return hits.sort((a, b) => a.inspection.date.localeCompare(b.inspection.date) || a.inspection.id - b.inspection.id);
}

/** 主要违法事实: what was found, on how many workers, for how much, when. */
export function factsText(h: DisclosureHit): string {
  const r = h.inspection;
  const vs = r.violations.map((v) => VIOLATION_ZH[v] ?? v).join('、') || '—';
  return `${r.date}检查发现：${vs}`
    + (r.workers !== null ? `，涉及劳动者${r.workers}人` : '')
    + (r.amount !== null ? `，涉及金额${r.amount}元` : '')
    + `（${h.criteria.map((k) => CRITERION_ZH[k]).join('；')}；案件编号${r.recordId}）`;
}

/** 处理情况: the order, its due date, status and rectification. */
export function handlingText(r: DisclosureInspection): string {
  const order = r.order ? ORDER_ZH[r.order] ?? r.order : '无';
  return `${order}${r.due ? `（限期${r.due}）` : ''}；状态：${r.status ? STATUS_ZH[r.status] ?? r.status : '未知'}；`
    + (r.rectified ? `${r.rectified}已整改` : '未整改');
}
