// The column tables of CONTRACT §2, and the header matching that lets a
// file use the English names or the Chinese headers, in any order.

export type RowKind = 'firms' | 'inspections' | 'petitions' | 'incidents';

export const ROW_KINDS: readonly RowKind[] = ['firms', 'inspections', 'petitions', 'incidents'];

export interface ColumnSpec {
  /** English name: the JSON key and the `field` of a rejection reason. */
  readonly name: string;
  /** Chinese header as printed in CONTRACT §2. */
  readonly zh: string;
  /**
   * true: the cell must be filled. 'firm-or-uscc': at least one of the
   * columns marked so must be filled.
   */
  readonly required: boolean | 'firm-or-uscc';
  /** Other headers seen in bureau templates that mean the same column. */
  readonly aliases?: readonly string[];
}

const USCC_ALIASES = ['社会信用代码', '信用代码', '统一代码'];

export const FIRM_COLUMNS: readonly ColumnSpec[] = [
  { name: 'name', zh: '单位名称', required: true, aliases: ['企业名称'] },
  { name: 'uscc', zh: '统一社会信用代码', required: false, aliases: USCC_ALIASES },
  { name: 'aliases', zh: '别名', required: false },
  { name: 'sector', zh: '行业', required: false },
  { name: 'role', zh: '类型', required: false },
  { name: 'parent', zh: '关联平台', required: false },
  { name: 'district', zh: '区', required: false },
  { name: 'street', zh: '街镇', required: false },
  { name: 'address', zh: '地址', required: false },
];

export const INSPECTION_COLUMNS: readonly ColumnSpec[] = [
  { name: 'record_id', zh: '检查编号', required: true },
  { name: 'firm', zh: '单位名称', required: 'firm-or-uscc', aliases: ['企业名称'] },
  { name: 'uscc', zh: '统一社会信用代码', required: 'firm-or-uscc', aliases: USCC_ALIASES },
  { name: 'date', zh: '检查日期', required: true },
  { name: 'kind', zh: '检查类型', required: false },
  { name: 'violations', zh: '违法事项', required: false },
  { name: 'workers', zh: '涉及人数', required: false },
  { name: 'amount', zh: '涉及金额', required: false },
  { name: 'order', zh: '处理措施', required: false },
  { name: 'due', zh: '整改期限', required: false },
  { name: 'rectified', zh: '整改完成日期', required: false },
  { name: 'status', zh: '状态', required: false },
  { name: 'district', zh: '区', required: false },
  { name: 'street', zh: '街镇', required: false },
  { name: 'inspector', zh: '检查人员', required: false },
  { name: 'notes', zh: '备注', required: false },
  // A follow-up inspection (复查) names the case it follows up, or the order's number (issue 14 item 10).
  { name: 'related', zh: '关联案号', required: false, aliases: ['原案号', '原检查编号', '关联检查编号', '复查原案号', '指令书编号', '责令支付指令书编号', '文书号'] },
];

export const PETITION_COLUMNS: readonly ColumnSpec[] = [
  { name: 'record_id', zh: '信访编号', required: true },
  { name: 'received', zh: '登记日期', required: true },
  { name: 'channel', zh: '渠道', required: false },
  { name: 'firm', zh: '被反映单位', required: 'firm-or-uscc' },
  { name: 'uscc', zh: '统一社会信用代码', required: 'firm-or-uscc', aliases: USCC_ALIASES },
  { name: 'category', zh: '诉求类别', required: false },
  { name: 'petitioners', zh: '人数', required: false },
  { name: 'repeat', zh: '重复信访', required: false },
  { name: 'summary', zh: '诉求摘要', required: false },
  { name: 'name', zh: '信访人', required: false },
  { name: 'phone', zh: '联系电话', required: false },
  { name: 'id_number', zh: '身份证号', required: false, aliases: ['身份证号码'] },
  { name: 'status', zh: '状态', required: false },
  { name: 'closed', zh: '办结日期', required: false },
];

// CONTRACT §2 gives the incident labels English names only; these Chinese
// headers are our choice, documented here so exports can use them.
export const INCIDENT_COLUMNS: readonly ColumnSpec[] = [
  { name: 'firm', zh: '单位名称', required: true, aliases: ['单位', '企业名称'] },
  { name: 'date', zh: '日期', required: true, aliases: ['事件日期'] },
  { name: 'kind', zh: '事件类型', required: false, aliases: ['类型'] },
];

export const COLUMNS: Readonly<Record<RowKind, readonly ColumnSpec[]>> = {
  firms: FIRM_COLUMNS,
  inspections: INSPECTION_COLUMNS,
  petitions: PETITION_COLUMNS,
  incidents: INCIDENT_COLUMNS,
};

/**
 * Header spelling that does not matter: width, case, spaces, and the '*'
 * that templates put on required columns ('*检查编号', 'Record ID').
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\s*＊]+/g, '')
    .replace(/-/g, '_')
    .toLowerCase();
}

const headerMaps = new Map<RowKind, Map<string, string>>();

function headerMap(kind: RowKind): Map<string, string> {
  let map = headerMaps.get(kind);
  if (map === undefined) {
    map = new Map();
    for (const col of COLUMNS[kind]) {
      for (const h of [col.name, col.zh, ...(col.aliases ?? [])]) {
        const key = headerKey(h);
        // First claim wins, so an alias never shadows a real header.
        if (!map.has(key)) map.set(key, col.name);
      }
      // 'Record ID' and 'record id' spell record_id with a space.
      map.set(headerKey(col.name).replace(/_/g, ''), col.name);
    }
    headerMaps.set(kind, map);
  }
  return map;
}

/** English column name for a header of `kind`, or null for an unknown column. */
export function mapHeader(kind: RowKind, header: string): string | null {
  const key = headerKey(header);
  const map = headerMap(kind);
  return map.get(key) ?? map.get(key.replace(/_/g, '')) ?? null;
}

export function columnSpec(kind: RowKind, name: string): ColumnSpec | undefined {
  return COLUMNS[kind].find((c) => c.name === name);
}

/**
 * Required columns that no header provides, for failing a whole file early
 * instead of rejecting each of its rows for the same reason.
 */
export function missingColumns(kind: RowKind, headers: readonly string[]): ColumnSpec[] {
  const present = new Set(headers.map((h) => mapHeader(kind, h)));
  const cols = COLUMNS[kind];
  const missing = cols.filter((c) => c.required === true && !present.has(c.name));
  const group = cols.filter((c) => c.required === 'firm-or-uscc');
  if (group.length > 0 && !group.some((c) => present.has(c.name))) missing.push(...group);
  return missing;
}
