// The column tables of CONTRACT §2, and the header matching that lets a
// file use the English names or the Chinese headers, in any order.

import {
  type EnumDict,
  FIRM_ROLE,
  INCIDENT_KIND,
  INSPECTION_KIND,
  INSPECTION_STATUS,
  ORDER,
  PETITION_CATEGORY,
  PETITION_CHANNEL,
  PETITION_STATUS,
  SECTOR,
  VIOLATION,
} from '../../domain/values/enums.ts';

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
  /**
   * Other headers that mean the same column: the wordings of bureau
   * templates, case-management exports and 12345 work orders (issue 15
   * item 12). docs/formats.md lists them (generated from this table).
   */
  readonly aliases?: readonly string[];
  /** A typical cell, for docs/formats.md. */
  readonly example?: string;
  /** The closed vocabulary the cells take (code or Chinese label), for docs/formats.md. */
  readonly values?: EnumDict<string>;
  /** What the cell holds, when neither the name nor the vocabulary says (docs/formats.md). */
  readonly note?: string;
}

const USCC_ALIASES = ['社会信用代码', '信用代码', '统一代码', '统一社会信用代码证号'];
const FIRM_NAME_ALIASES = ['企业名称', '用人单位', '用人单位名称', '单位'];
const DISTRICT_ALIASES = ['所属区', '区县', '所在区', '行政区'];
const STREET_ALIASES = ['街道', '街道（镇）', '街道/镇', '所属街道', '所属街镇', '所在街道'];

export const FIRM_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'name',
    zh: '单位名称',
    required: true,
    aliases: ['企业名称', '用人单位名称', '名称'],
    example: '星火外卖平台科技有限公司',
    note: 'full registered name',
  },
  {
    name: 'uscc',
    zh: '统一社会信用代码',
    required: false,
    aliases: USCC_ALIASES,
    example: '91310105700010058E',
    note: '18 characters, GB 32100-2015 check digit verified',
  },
  {
    name: 'aliases',
    zh: '别名',
    required: false,
    aliases: ['简称', '品牌', '企业简称', '曾用名'],
    example: '星火外卖|星火',
    note: 'brand and short names; several separated by | 、 ；',
  },
  {
    name: 'sector',
    zh: '行业',
    required: false,
    aliases: ['所属行业', '行业类别', '业态'],
    example: '外卖配送',
    values: SECTOR,
  },
  {
    name: 'role',
    zh: '类型',
    required: false,
    aliases: ['合作类型', '合作模式', '用工模式', '企业角色'],
    example: '代理商',
    values: FIRM_ROLE,
  },
  {
    name: 'parent',
    zh: '关联平台',
    required: false,
    aliases: ['所属平台', '合作平台', '平台企业', '上级平台'],
    example: '星火外卖平台科技有限公司',
    note: 'name or USCC of the platform(s) this firm works for',
  },
  { name: 'district', zh: '区', required: false, aliases: DISTRICT_ALIASES, example: '示范区' },
  { name: 'street', zh: '街镇', required: false, aliases: STREET_ALIASES, example: '晨光路街道' },
  {
    name: 'address',
    zh: '地址',
    required: false,
    aliases: ['注册地址', '经营地址', '住所', '办公地址'],
    example: '晨光路 88 号',
  },
];

export const INSPECTION_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'record_id',
    zh: '检查编号',
    required: true,
    aliases: ['案件编号', '案号', '立案编号', '监察编号', '检查记录编号', '编号'],
    example: 'JC-2026-0117',
    note: "unique within the file's source",
  },
  {
    name: 'firm',
    zh: '单位名称',
    required: 'firm-or-uscc',
    aliases: [...FIRM_NAME_ALIASES, '被检查单位', '被检查单位名称', '当事人'],
    example: '星火晨光站有限公司',
  },
  {
    name: 'uscc',
    zh: '统一社会信用代码',
    required: 'firm-or-uscc',
    aliases: USCC_ALIASES,
    example: '91310105700010058E',
  },
  {
    name: 'date',
    zh: '检查日期',
    required: true,
    aliases: ['检查时间', '巡查日期', '立案日期', '受理日期'],
    example: '2026-11-03',
  },
  {
    name: 'kind',
    zh: '检查类型',
    required: false,
    aliases: ['检查方式', '案件来源', '检查类别'],
    example: '举报投诉',
    values: INSPECTION_KIND,
  },
  {
    name: 'violations',
    zh: '违法事项',
    required: false,
    aliases: ['违法行为', '违法情形', '违法类型', '主要违法行为', '违法事实', '存在问题'],
    example: '拖欠工资|未缴社会保险',
    values: VIOLATION,
    note: 'several separated by | 、 ；; empty or 无: nothing found',
  },
  {
    name: 'workers',
    zh: '涉及人数',
    required: false,
    aliases: ['涉及劳动者人数', '涉及职工人数', '涉及农民工人数', '人数'],
    example: '12',
  },
  {
    name: 'amount',
    zh: '涉及金额',
    required: false,
    aliases: ['涉案金额', '拖欠金额', '欠薪金额', '拖欠工资金额', '涉及金额（元）', '金额'],
    example: '1.2万',
    note: 'CNY: 12000, 12,000元, 1.2万, 1.2万元',
  },
  {
    name: 'order',
    zh: '处理措施',
    required: false,
    aliases: ['处理决定', '处理方式', '处理意见', '处理类型', '执法措施'],
    example: '责令支付',
    values: ORDER,
  },
  {
    name: 'due',
    zh: '整改期限',
    required: false,
    aliases: ['限期', '整改截止日期', '支付期限', '履行期限', '限期整改日期'],
    example: '2026-11-17',
  },
  {
    name: 'rectified',
    zh: '整改完成日期',
    required: false,
    aliases: ['整改完成时间', '完成整改日期', '履行日期', '支付完成日期'],
    example: '2026-11-15',
  },
  {
    name: 'status',
    zh: '状态',
    required: false,
    aliases: ['办理状态', '案件状态', '处理状态'],
    example: '逾期未改',
    values: INSPECTION_STATUS,
  },
  { name: 'district', zh: '区', required: false, aliases: DISTRICT_ALIASES, example: '示范区' },
  { name: 'street', zh: '街镇', required: false, aliases: STREET_ALIASES, example: '晨光路街道' },
  {
    name: 'inspector',
    zh: '检查人员',
    required: false,
    aliases: ['检查人', '监察员', '承办人', '经办人', '执法人员'],
    example: '张明',
  },
  { name: 'notes', zh: '备注', required: false, aliases: ['说明'], example: '' },
  // A follow-up inspection (复查) names the case it follows up, or the order's number (issue 14 item 10).
  {
    name: 'related',
    zh: '关联案号',
    required: false,
    aliases: ['原案号', '原检查编号', '关联检查编号', '复查原案号', '指令书编号', '责令支付指令书编号', '文书号'],
    example: 'JC-2026-0098',
    note: 'the case a follow-up inspection (复查) follows up',
  },
];

export const PETITION_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'record_id',
    zh: '信访编号',
    required: true,
    aliases: ['信访件编号', '件号', '登记编号', '受理编号', '工单编号', '工单号'],
    example: 'XF-2026-0451',
  },
  {
    name: 'received',
    zh: '登记日期',
    required: true,
    aliases: ['信访日期', '来访日期', '受理日期', '登记时间', '受理时间', '来信来访日期'],
    example: '2026年11月18日',
  },
  {
    name: 'channel',
    zh: '渠道',
    required: false,
    aliases: ['信访形式', '信访渠道', '来源渠道', '来源', '信访方式'],
    example: '12345热线',
    values: PETITION_CHANNEL,
  },
  {
    name: 'firm',
    zh: '被反映单位',
    required: 'firm-or-uscc',
    aliases: ['被投诉单位', '被反映单位名称', '被投诉单位名称', '涉及单位', ...FIRM_NAME_ALIASES, '单位名称'],
    example: '青石劳务派遣有限公司',
  },
  { name: 'uscc', zh: '统一社会信用代码', required: 'firm-or-uscc', aliases: USCC_ALIASES, example: '' },
  {
    name: 'category',
    zh: '诉求类别',
    required: false,
    aliases: ['诉求类型', '问题类别', '反映问题类别', '信访事项类别', '投诉类别'],
    example: '欠薪',
    values: PETITION_CATEGORY,
  },
  {
    name: 'petitioners',
    zh: '人数',
    required: false,
    aliases: ['信访人数', '来访人数', '涉及人数'],
    example: '15',
    note: 'integer, default 1',
  },
  {
    name: 'repeat',
    zh: '重复信访',
    required: false,
    aliases: ['是否重复信访', '是否重复'],
    example: '否',
    note: '是/否, yes/no, true/false',
  },
  {
    name: 'summary',
    zh: '诉求摘要',
    required: false,
    aliases: ['反映内容', '诉求内容', '主要诉求', '信访事项', '内容摘要', '诉求'],
    example: '骑手集体反映拖欠工资',
    note: 'free text (may contain personal data: masked)',
  },
  {
    name: 'name',
    zh: '信访人',
    required: false,
    aliases: ['信访人姓名', '姓名', '投诉人', '反映人'],
    example: '李某某',
    note: 'personal data: stored sealed, shown masked',
  },
  {
    name: 'phone',
    zh: '联系电话',
    required: false,
    aliases: ['电话', '手机', '手机号', '手机号码', '联系方式'],
    example: '',
    note: 'personal data: stored sealed, shown masked',
  },
  {
    name: 'id_number',
    zh: '身份证号',
    required: false,
    aliases: ['身份证号码', '证件号码'],
    example: '',
    note: 'personal data: stored sealed, shown masked',
  },
  {
    name: 'status',
    zh: '状态',
    required: false,
    aliases: ['办理状态', '处理状态'],
    example: '办理中',
    values: PETITION_STATUS,
  },
  { name: 'closed', zh: '办结日期', required: false, aliases: ['办结时间', '结案日期'], example: '' },
];

// CONTRACT §2 gives the incident labels English names only; these Chinese
// headers are our choice, documented here so exports can use them.
export const INCIDENT_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'firm',
    zh: '单位名称',
    required: true,
    aliases: ['单位', '企业名称'],
    example: '星火外卖平台科技有限公司',
    note: 'name or USCC',
  },
  { name: 'date', zh: '日期', required: true, aliases: ['事件日期'], example: '2026-11-19' },
  { name: 'kind', zh: '事件类型', required: false, aliases: ['类型'], example: '停工', values: INCIDENT_KIND },
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
