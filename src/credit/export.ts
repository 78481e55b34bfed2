// The list as files: CSV (UTF-8 with BOM, or GBK for older Excel) or JSON,
// in DOMAIN.md's field order; and the quarterly disclosure of 人社部令第29号.

import { CHAIN_WINDOW_DAYS } from '../domain/inspection-chains.ts';
import { dayNumber, formatDay } from '../domain/scoring/calendar.ts';
import iconv from 'iconv-lite';
import type { Db } from '../db/connect.ts';
import { csvLine } from '../domain/csv.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { Invalid } from '../domain/errors.ts';
import { listCases, listRecord } from './credit-read.ts';
import { firmInScope } from '../firms/firms-repo.ts';
import { dateOf, defaultCreditConfig, type CreditConfig } from '../domain/credit/index.ts';
import {
  DEFAULT_DISCLOSURE,
  type DisclosureConfig,
  type DisclosureIncident,
  factsText,
  handlingText,
  selectDisclosures,
} from '../domain/disclosure.ts';
import { msg } from '../domain/i18n/messages.ts';

export const RECORD_FIELDS = [
  '对象名称',
  '统一社会信用代码',
  '法定代表人',
  '列入事由',
  '列入依据',
  '决定机关',
  '文书号',
  '列入日期',
  '预计退出日期',
  '移出日期',
  '移出原因',
] as const;

export function toCsv(header: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return `${[csvLine(header), ...rows.map((r) => csvLine(header.map((h) => r[h])))].join('\r\n')}\r\n`;
}

/** CSV bytes: UTF-8 with BOM (Excel recognises it), or GBK. */
export function encodeCsv(text: string, gbk: boolean): Buffer {
  return gbk ? iconv.encode(text, 'gbk') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** The current list, or with `history` every entry ever listed (removed ones with their exit). */
export async function exportList(db: Db, scope: Scope, history: boolean) {
  const rows = await listCases(db, scope, { states: history ? ['listed', 'removed'] : ['listed'], limit: 100_000 });
  return rows.map(listRecord);
}

/** YYYYQn → the first and last dates of the quarter. */
export function quarterRange(q: string): { from: string; to: string } {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m)
    throw new Invalid(
      `quarter: expected YYYYQn, e.g. 2026Q3, got ${JSON.stringify(q)}`,
      undefined,
      msg('credit.bad_quarter', { text: JSON.stringify(q) }),
    );
  const y = Number(m[1]);
  const n = Number(m[2]);
  const from = `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(y, n * 3, 0)).getUTCDate();
  return { from, to: `${y}-${String(n * 3).padStart(2, '0')}-${last}` };
}

export const DISCLOSURE_FIELDS = [
  '单位名称',
  '统一社会信用代码',
  '地址',
  '法定代表人',
  '主要违法事实',
  '处理情况',
] as const;
/** The column a draft carries (a quarter not yet over): it may not be published as it stands. */
export const DRAFT_FIELD = '稿件状态';
export const DRAFT_MARK = '草稿：季度尚未结束，不得公布';
export type DisclosureRow = Record<(typeof DISCLOSURE_FIELDS)[number], string | null> & { [DRAFT_FIELD]?: string };

/** Whether the quarter has ended by the Shanghai date of `asOf`. */
export function quarterOver(quarter: string, asOf: Date): boolean {
  return dateOf(asOf) > quarterRange(quarter).to;
}

/** The disclosure's parameters: the defaults, the credit config's figures and `disclosure` section, then `override`. */
export function disclosureConfigOf(credit: CreditConfig, override: Partial<DisclosureConfig> = {}): DisclosureConfig {
  return {
    ...DEFAULT_DISCLOSURE,
    crimeAmountSingle: credit.crimeAmountSingle,
    crimeAmountCollective: credit.crimeAmountCollective,
    collectiveWorkers: credit.collectiveWorkers,
    linkDays: credit.linkDays,
    ...credit.disclosure,
    ...override,
  };
}

/** Collective petitions and major opinion items of these firms (for the `social_impact` criterion). */
async function incidentsOf(
  db: Db,
  firmIds: number[],
  cfg: DisclosureConfig,
): Promise<Map<number, DisclosureIncident[]>> {
  const out = new Map<number, DisclosureIncident[]>();
  if (firmIds.length === 0 || !cfg.criteria.includes('social_impact')) return out;
  const [petitions, mentions] = await Promise.all([
    db
      .selectFrom('petitions')
      .select(['firm_id', 'record_id', 'received', 'petitioners'])
      .where('firm_id', 'in', firmIds)
      .where('petitioners', '>=', cfg.collectiveWorkers)
      .execute(),
    db
      .selectFrom('mentions')
      .innerJoin('feed_items', 'feed_items.id', 'mentions.item_id')
      .select(['mentions.firm_id', 'mentions.at', 'feed_items.title'])
      .where('mentions.firm_id', 'in', firmIds)
      .where('mentions.major', '=', true)
      .execute(),
  ]);
  const add = (firm: number, x: DisclosureIncident) => (out.get(firm) ?? out.set(firm, []).get(firm)!).push(x);
  for (const p of petitions)
    if (p.firm_id !== null)
      add(p.firm_id, { kind: 'petition', ref: p.record_id, date: String(p.received), people: p.petitioners });
  for (const m of mentions) add(m.firm_id, { kind: 'mention', ref: m.title, date: dateOf(m.at), people: null });
  return out;
}

/**
 * 人社部令第29号 quarterly disclosure: the quarter's major labor-law
 * violations with a processing decision found by inspection (criteria in
 * src/domain/disclosure.ts), then the credit-list cases decided (listed) in
 * the quarter; one row each. A quarter not over on `asOf` is refused unless
 * `draft`, and a draft's rows say so (DRAFT_FIELD).
 */
export async function disclosure(
  db: Db,
  scope: Scope,
  quarter: string,
  opts: { asOf: Date; credit?: CreditConfig; disclosure?: Partial<DisclosureConfig>; draft?: boolean },
): Promise<DisclosureRow[]> {
  const { from, to } = quarterRange(quarter);
  // 29号令 discloses a quarter's decided cases: a quarter not yet over is only ever a draft (issue 18 item 10).
  const early = !quarterOver(quarter, opts.asOf);
  if (early && !opts.draft) {
    throw new Invalid(
      `disclosure: quarter ${quarter} ends ${to} and is not over on ${dateOf(opts.asOf)}; generate it as a draft (--draft) or after it ends`,
      undefined,
      msg('credit.quarter_not_over', { text: quarter, date: to, today: dateOf(opts.asOf) }),
    );
  }
  const cfg = disclosureConfigOf(opts.credit ?? defaultCreditConfig, opts.disclosure);
  const insp = await db
    .selectFrom('inspections')
    .innerJoin('firms', 'firms.id', 'inspections.firm_id')
    .select([
      'inspections.id',
      'inspections.record_id',
      'inspections.date',
      'inspections.violations',
      'inspections.workers',
      'inspections.amount',
      'inspections.order',
      'inspections.due',
      'inspections.rectified',
      'inspections.status',
      'inspections.related',
      'firms.id as firm_id',
      'firms.name as firm_name',
      'firms.uscc as firm_uscc',
      'firms.address as firm_address',
      'firms.legal_representative as firm_legal_representative',
    ])
    .where(firmInScope(scope))
    // Candidates only: inspected in the quarter, or due in it.
    // and the inspections a follow-up in it may continue (CHAIN_WINDOW_DAYS before), so a chain is one case.
    .where((eb) =>
      eb.or([
        eb.and([
          eb('inspections.date', '>=', formatDay(dayNumber(from) - CHAIN_WINDOW_DAYS)),
          eb('inspections.date', '<=', to),
        ]),
        eb.and([eb('inspections.due', '>=', from), eb('inspections.due', '<=', to)]),
      ]),
    )
    .execute();
  const byId = new Map(insp.map((r) => [r.id, r]));
  const incidents = await incidentsOf(db, [...new Set(insp.map((r) => r.firm_id))], cfg);
  const hits = selectDisclosures(
    insp.map((r) => ({
      id: r.id,
      recordId: r.record_id,
      date: String(r.date),
      violations: r.violations,
      workers: r.workers,
      amount: r.amount === null ? null : Number(r.amount),
      order: r.order,
      due: r.due === null ? null : String(r.due),
      rectified: r.rectified === null ? null : String(r.rectified),
      status: r.status,
      firmId: r.firm_id,
      related: r.related,
      incidents: incidents.get(r.firm_id) ?? [],
    })),
    from,
    to,
    cfg,
  );
  const violations = hits.map((h) => {
    const f = byId.get(h.inspection.id)!;
    return {
      单位名称: f.firm_name,
      统一社会信用代码: f.firm_uscc,
      地址: f.firm_address,
      法定代表人: f.firm_legal_representative,
      主要违法事实: factsText(h),
      处理情况: handlingText(h.inspection),
    };
  });
  const rows = await listCases(db, scope, { states: ['listed', 'removed'], limit: 100_000 });
  const all: DisclosureRow[] = [
    ...violations,
    ...rows
      .filter((r) => r.listed_on !== null && r.listed_on >= from && r.listed_on <= to)
      .map((r) => ({
        单位名称: r.firm_name,
        统一社会信用代码: r.firm_uscc,
        地址: r.firm_address,
        法定代表人: r.firm_legal_representative,
        主要违法事实: r.reason,
        处理情况: `${r.authority ?? ''}于${r.listed_on}作出${r.decision_no ?? ''}决定，列入拖欠农民工工资失信联合惩戒对象名单${r.removed_on ? `（${r.removed_on}移出）` : ''}`,
      })),
  ];
  return early ? all.map((r) => ({ ...r, [DRAFT_FIELD]: DRAFT_MARK })) : all;
}
