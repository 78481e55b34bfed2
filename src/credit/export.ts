// The list as files: CSV (UTF-8 with BOM, or GBK for older Excel) or JSON,
// in DOMAIN.md's field order; and the quarterly disclosure of 人社部令第29号.

import iconv from 'iconv-lite';
import type { Db } from '../db/connect.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { Invalid } from '../domain/errors.ts';
import { listCases, listRecord } from './credit-repo.ts';

export const RECORD_FIELDS = ['对象名称', '统一社会信用代码', '法定代表人', '列入事由', '列入依据', '决定机关', '文书号', '列入日期', '预计退出日期', '移出日期', '移出原因'] as const;

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv(header: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return [header.map(cell).join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n';
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
  if (!m) throw new Invalid(`quarter: expected YYYYQn, e.g. 2026Q3, got ${JSON.stringify(q)}`);
  const y = Number(m[1]);
  const n = Number(m[2]);
  const from = `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(y, n * 3, 0)).getUTCDate();
  return { from, to: `${y}-${String(n * 3).padStart(2, '0')}-${last}` };
}

export const DISCLOSURE_FIELDS = ['单位名称', '统一社会信用代码', '地址', '法定代表人', '主要违法事实', '处理情况'] as const;

/**
 * 人社部令第29号 quarterly disclosure: the wage-arrears cases of large
 * amount decided (listed) in the quarter, one row per case.
 */
export async function disclosure(db: Db, scope: Scope, quarter: string) {
  const { from, to } = quarterRange(quarter);
  const rows = await listCases(db, scope, { states: ['listed', 'removed'], limit: 100_000 });
  return rows.filter((r) => r.listed_on !== null && r.listed_on >= from && r.listed_on <= to).map((r) => ({
    单位名称: r.firm_name,
    统一社会信用代码: r.firm_uscc,
    地址: r.firm_address,
    法定代表人: r.firm_legal_representative,
    主要违法事实: r.reason,
    处理情况: `${r.authority ?? ''}于${r.listed_on}作出${r.decision_no ?? ''}决定，列入拖欠农民工工资失信联合惩戒对象名单${r.removed_on ? `（${r.removed_on}移出）` : ''}`,
  }));
}
