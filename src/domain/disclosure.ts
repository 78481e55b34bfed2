// 人社部令第29号《重大劳动保障违法行为社会公布办法》 (pure): which of the
// quarter's inspection cases are major violations to publish. The text of
// 29号令 could not be found here, so its article numbers are unverified
// (src/domain/credit/articles.ts); the categories below follow MOHRSS's own
// summary of art. 5, which lists: (1) wage arrears of large amount / refusal
// to pay referred for prosecution; (2) social insurance not joined or not
// paid, serious; (3) working time, rest and leave, serious; (4) special
// protection of women and juvenile workers, serious; (5) any use of child
// labour; (6) a violation causing a serious adverse social impact; (7) other
// major violations.
//
// Only a violation with a processing decision (已经依法查处并作出处理决定;
// 劳动保障监察条例 art. 18: a penalty, an order to correct or a handling
// decision) is disclosed: a case still 办理中 (status open) or of unknown
// status is not, whatever else it shows (`decidedStatuses`).
//
// The criteria, each configurable (on/off in `criteria`, and its threshold):
// - `wage_arrears` — (1): an order to pay whose amount reaches the
//   拒不支付劳动报酬罪 standard (the credit config's figures), or that was
//   left unpaid past its due date (not rectified by the due date).
// - `social_insurance` — (2), `working_time` — (3) (overtime or rest),
//   `women_minors` — (4): serious = at least `…MinWorkers` workers, or
//   left unrectified past the due date, or transferred for prosecution.
// - `child_labor` — (5): every case with `child_labor` (no threshold).
// - `social_impact` — (6): a violation followed by a collective petition
//   (≥ collectiveWorkers petitioners) or a major opinion item about the
//   firm, dated from `linkDays` before the inspection to the quarter's end;
//   the row names them so the officer can check the link before publishing.
// - `illegal_dispatch` — (7): `illegal_dispatch` involving at least
//   `dispatchMinWorkers` workers (default 10, the collective-dispute size).
// - `occupational_injury` — (6)/(7): `occupational_injury` involving at
//   least `injuryMinWorkers` workers (default 3), or left unrectified past
//   its due date / transferred.
// A case belongs to the quarter of its inspection date, except an overdue
// order to pay (without the crime amount), which belongs to the quarter in
// which its due date passed.

import { type ChainRecord, collapseChains } from './inspection-chains.ts';
import type { ArticleKey } from './credit/articles.ts';

export const DISCLOSURE_CRITERIA = [
  'wage_arrears',
  'social_insurance',
  'working_time',
  'women_minors',
  'child_labor',
  'social_impact',
  'illegal_dispatch',
  'occupational_injury',
] as const;
export type DisclosureCriterion = (typeof DISCLOSURE_CRITERIA)[number];

/** Where each criterion comes from: 29号令 art. 5 and its item (unverified numbering, see articles.ts). */
export const CRITERION_SOURCE: Readonly<Record<DisclosureCriterion, { article: ArticleKey; item: string }>> = {
  wage_arrears: { article: 'disclosure', item: '（一）' },
  social_insurance: { article: 'disclosureSocialInsurance', item: '（二）' },
  working_time: { article: 'disclosureWorkingTime', item: '（三）' },
  women_minors: { article: 'disclosureWomenMinors', item: '（四）' },
  child_labor: { article: 'disclosure', item: '（五）' },
  social_impact: { article: 'disclosureSocialImpact', item: '（六）' },
  illegal_dispatch: { article: 'disclosure', item: '（七）' },
  occupational_injury: { article: 'disclosure', item: '（六）（七）' },
};

export interface DisclosureConfig {
  criteria: readonly DisclosureCriterion[];
  crimeAmountSingle: number;
  crimeAmountCollective: number;
  collectiveWorkers: number;
  dispatchMinWorkers: number;
  injuryMinWorkers: number;
  socialInsuranceMinWorkers: number;
  workingTimeMinWorkers: number;
  womenMinorsMinWorkers: number;
  /** A petition or opinion item counts for `social_impact` when dated this many days before the inspection or later. */
  linkDays: number;
  /** Inspection statuses that mean a processing decision was made (open = 办理中 is not one). */
  decidedStatuses: readonly string[];
}

export const DEFAULT_DISCLOSURE: Omit<
  DisclosureConfig,
  'crimeAmountSingle' | 'crimeAmountCollective' | 'collectiveWorkers' | 'linkDays'
> = Object.freeze({
  criteria: DISCLOSURE_CRITERIA,
  dispatchMinWorkers: 10,
  injuryMinWorkers: 3,
  socialInsuranceMinWorkers: 10,
  workingTimeMinWorkers: 10,
  womenMinorsMinWorkers: 3,
  decidedStatuses: ['rectified', 'overdue', 'closed', 'transferred'],
});

/** A collective petition or a major opinion item about the firm (for `social_impact`). */
export interface DisclosureIncident {
  kind: 'petition' | 'mention';
  ref: string;
  date: string;
  people: number | null;
}

/** An inspection as the disclosure reads it: a chain record (inspection-chains.ts) with a numeric id. */
export interface DisclosureInspection extends Omit<ChainRecord, 'id' | 'at'> {
  id: number;
  /** Chains of follow-up inspections are per firm (inspection-chains.ts); absent, each record stands alone. */
  firmId?: number;
  /** The firm's collective petitions and major opinion items (any date; the selection applies the window). */
  incidents?: readonly DisclosureIncident[];
}

export interface DisclosureHit {
  inspection: DisclosureInspection;
  criteria: DisclosureCriterion[];
  /** For `social_impact`: the petitions and items it rests on. */
  incidents?: DisclosureIncident[];
}

const CRITERION_ZH: Readonly<Record<DisclosureCriterion, string>> = {
  wage_arrears: '拖欠劳动报酬数额较大或经责令支付逾期未支付',
  social_insurance: '不依法参加社会保险或者不依法缴纳社会保险费，情节严重',
  working_time: '违反工作时间和休息休假规定，情节严重',
  women_minors: '违反女职工和未成年工特殊劳动保护规定，情节严重',
  social_impact: '因劳动保障违法行为造成严重不良社会影响',
  child_labor: '使用童工',
  illegal_dispatch: '违法劳务派遣',
  occupational_injury: '工伤事故',
};
const VIOLATION_ZH: Readonly<Record<string, string>> = {
  wage_arrears: '拖欠工资',
  min_wage: '低于最低工资',
  no_contract: '未签劳动合同',
  social_insurance: '未缴社会保险',
  overtime: '超时加班',
  rest: '休息休假',
  illegal_dispatch: '违法派遣',
  occupational_injury: '工伤',
  discrimination: '就业歧视',
  child_labor: '童工',
  women_minors: '女职工和未成年工特殊保护',
  other: '其他',
};
const ORDER_ZH: Readonly<Record<string, string>> = { none: '无', rectify: '责令改正', pay: '责令支付' };
const STATUS_ZH: Readonly<Record<string, string>> = {
  open: '办理中',
  rectified: '已整改',
  overdue: '逾期未改',
  closed: '结案',
  transferred: '移送',
};

export function reachesCrime(workers: number | null, amount: number | null, c: DisclosureConfig): boolean {
  if (amount === null) return false;
  const n = workers ?? 1;
  return (n <= 1 && amount >= c.crimeAmountSingle) || (n >= c.collectiveWorkers && amount >= c.crimeAmountCollective);
}

/** Unpaid / unrectified past the due date, as of `asOf` (YYYY-MM-DD). */
export function pastDueUnrectified(r: DisclosureInspection, asOf: string): boolean {
  return r.due !== null && r.due < asOf && (r.rectified === null ? true : r.rectified > r.due);
}

/** Whether the case has a processing decision (not 办理中 / unknown). */
export function isDecided(r: DisclosureInspection, c: DisclosureConfig): boolean {
  return r.status !== null && c.decidedStatuses.includes(r.status);
}

/** The firm's incidents linked to the inspection: from `linkDays` before it to the quarter's end. */
export function linkedIncidents(r: DisclosureInspection, to: string, c: DisclosureConfig): DisclosureIncident[] {
  const from = shiftDays(r.date, -c.linkDays);
  return (r.incidents ?? []).filter(
    (x) => x.date >= from && x.date <= to && (x.kind === 'mention' || (x.people ?? 0) >= c.collectiveWorkers),
  );
}

function shiftDays(d: string, n: number): string {
  const t = Date.parse(`${d}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The criteria an inspection meets for the quarter [from, to], or null when it is not disclosed in it. */
export function disclosureCriteria(
  r: DisclosureInspection,
  from: string,
  to: string,
  c: DisclosureConfig,
): DisclosureCriterion[] | null {
  // 29号令: only violations with a processing decision are disclosed.
  if (!isDecided(r, c)) return null;
  const on = (d: string | null) => d !== null && d >= from && d <= to;
  const out: DisclosureCriterion[] = [];
  const has = (v: string) => r.violations.includes(v);
  const want = (k: DisclosureCriterion) => c.criteria.includes(k);
  const serious = (min: number) => (r.workers ?? 0) >= min || r.status === 'transferred' || pastDueUnrectified(r, to);
  if (want('wage_arrears') && r.order === 'pay') {
    const crime = reachesCrime(r.workers, r.amount, c);
    // Overdue (not crime-sized): belongs to the quarter its due date passed in, judged at the quarter's end.
    const overdue = !crime && on(r.due) && r.due! < to && pastDueUnrectified(r, to);
    if ((crime && on(r.date)) || overdue) out.push('wage_arrears');
  }
  if (on(r.date)) {
    if (want('social_insurance') && has('social_insurance') && serious(c.socialInsuranceMinWorkers))
      out.push('social_insurance');
    if (want('working_time') && (has('overtime') || has('rest')) && serious(c.workingTimeMinWorkers))
      out.push('working_time');
    if (want('women_minors') && has('women_minors') && serious(c.womenMinorsMinWorkers)) out.push('women_minors');
    if (want('child_labor') && has('child_labor')) out.push('child_labor');
    if (want('social_impact') && r.violations.length > 0 && linkedIncidents(r, to, c).length > 0)
      out.push('social_impact');
    if (want('illegal_dispatch') && has('illegal_dispatch') && (r.workers ?? 0) >= c.dispatchMinWorkers)
      out.push('illegal_dispatch');
    if (want('occupational_injury') && has('occupational_injury') && serious(c.injuryMinWorkers))
      out.push('occupational_injury');
  }
  return out.length > 0 ? out : null;
}

export function selectDisclosures(
  rows: readonly DisclosureInspection[],
  from: string,
  to: string,
  c: DisclosureConfig,
): DisclosureHit[] {
  const hits: DisclosureHit[] = [];
  // A follow-up inspection of the same order is one case (its first record's date and id, its latest state).
  const byFirm = new Map<number | undefined, DisclosureInspection[]>();
  for (const r of rows) (byFirm.get(r.firmId) ?? byFirm.set(r.firmId, []).get(r.firmId)!).push(r);
  const cases = [...byFirm].flatMap(([firm, list]) =>
    firm === undefined ? list : collapseChains(list, to).map(({ chain: _, ...r }) => r),
  );
  for (const r of cases) {
    const criteria = disclosureCriteria(r, from, to, c);
    if (criteria)
      hits.push({
        inspection: r,
        criteria,
        ...(criteria.includes('social_impact') ? { incidents: linkedIncidents(r, to, c) } : {}),
      });
  }
  return hits.sort((a, b) => a.inspection.date.localeCompare(b.inspection.date) || a.inspection.id - b.inspection.id);
}

/** 主要违法事实: what was found, on how many workers, for how much, when. */
export function factsText(h: DisclosureHit): string {
  const r = h.inspection;
  const vs = r.violations.map((v) => VIOLATION_ZH[v] ?? v).join('、') || '—';
  return (
    `${r.date}检查发现：${vs}` +
    (r.workers !== null ? `，涉及劳动者${r.workers}人` : '') +
    (r.amount !== null ? `，涉及金额${r.amount}元` : '') +
    (h.incidents && h.incidents.length > 0
      ? `；此后${h.incidents.map((x) => (x.kind === 'petition' ? `集体信访${x.ref}（${x.date}，${x.people ?? '—'}人）` : `舆情“${x.ref}”（${x.date}）`)).join('、')}`
      : '') +
    `（${h.criteria.map((k) => CRITERION_ZH[k]).join('；')}；案件编号${r.recordId}）`
  );
}

/** 处理情况: the order, its due date, status and rectification. */
export function handlingText(r: DisclosureInspection): string {
  const order = r.order ? (ORDER_ZH[r.order] ?? r.order) : '无';
  return (
    `${order}${r.due ? `（限期${r.due}）` : ''}；状态：${r.status ? (STATUS_ZH[r.status] ?? r.status) : '未知'}；` +
    (r.rectified ? `${r.rectified}已整改` : '未整改')
  );
}
