// Generated inspection and petition files (CONTRACT §2) for the import
// benchmark: inspections with Chinese headers and a BOM (as Excel saves
// them), petitions with English headers. Values are written the ways the
// contract allows (three date styles, 1.2万 amounts, 、-separated
// violations, labels or codes) and records name their firm by full name,
// alias, a variant spelling or USCC, with a few that resolve to nothing.
// Files are written streaming, so a 200 MB file never sits in memory.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { ricCheckChar } from '../../src/domain/ric.ts';
import { type BenchFirm, DISTRICTS, STREETS } from './ingest-firms.ts';
import { type Rand, chance, int, pick, pickSome, prng } from './prng.ts';

export const INSPECTION_HEADERS = [
  '检查编号',
  '单位名称',
  '统一社会信用代码',
  '检查日期',
  '检查类型',
  '违法事项',
  '涉及人数',
  '涉及金额',
  '处理措施',
  '整改期限',
  '整改完成日期',
  '状态',
  '区',
  '街镇',
  '检查人员',
  '备注',
];
export const PETITION_HEADERS = [
  'record_id',
  'received',
  'channel',
  'firm',
  'uscc',
  'category',
  'petitioners',
  'repeat',
  'summary',
  'name',
  'phone',
  'id_number',
  'status',
  'closed',
];

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅小龙飞鹏辉宇浩然子涵欣怡佳琪俊杰文博晓东海燕春梅丹凤',
];
const INSPECTION_KINDS = ['日常巡查', '举报投诉', '专项检查', 'routine', 'complaint'];
const VIOLATIONS = [
  '拖欠工资',
  '低于最低工资',
  '未签劳动合同',
  '未缴社会保险',
  '超时加班',
  '休息休假',
  '违法派遣',
  '工伤',
  '就业歧视',
  '其他',
];
const STATUSES = ['办理中', '已整改', '逾期未改', '结案', '移送'];
const CHANNELS = ['来访', '来信', '热线', '网上信访', 'hotline', 'online'];
const CATEGORIES = ['欠薪', '社保', '工伤', '封号', '扣款罚款', '算法派单', '工时', '解除劳动关系', '其他'];
const WHO = ['骑手', '快递员', '网约车司机', '配送员', '分拣员', '主播', '站点员工', '货车司机'];
const COMPLAINT = [
  '自{m}月起拖欠工资约{n}元，多次催要未果',
  '被平台无故封号，押金{n}元至今未退',
  '每单被扣款罚款，{m}月累计扣除{n}元',
  '送餐途中摔伤，公司拒绝认定工伤并停发工资',
  '公司未缴纳社会保险，{m}月起被解除劳动关系',
  '系统派单时限过短，每天工作超过{h}小时',
];
const NOTES = ['', '', '', '现场已责令整改', '企业负责人不在场', '已约谈企业负责人', '复查时已整改', '涉及多名骑手'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A date in 2025-01-01 … 2026-10-28, written one of the three contract styles. */
function date(rand: Rand, offsetDays = 0, base?: number): { text: string; day: number } {
  const day = (base ?? int(rand, 0, 665)) + offsetDays;
  const d = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000);
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const r = rand();
  const text = r < 0.7 ? `${y}-${pad(m)}-${pad(dd)}` : r < 0.9 ? `${y}/${m}/${dd}` : `${y}年${m}月${dd}日`;
  return { text, day };
}

function amount(rand: Rand): string {
  const r = rand();
  if (r < 0.4) return `${(int(rand, 5, 990) / 10).toFixed(1)}万`;
  if (r < 0.6) return `${int(rand, 1, 99)},${pad(int(rand, 0, 999), 3)}元`;
  if (r < 0.8) return String(int(rand, 500, 99_999));
  return `${(int(rand, 5, 300) / 10).toFixed(1)}万元`;
}

const personName = (rand: Rand) =>
  pick(rand, SURNAMES) + pick(rand, GIVEN) + (chance(rand, 0.6) ? pick(rand, GIVEN) : '');
const phone = (rand: Rand) =>
  `1${pick(rand, ['3', '5', '7', '8', '9'])}${int(rand, 0, 9)}${pad(int(rand, 0, 9999), 4)}${pad(int(rand, 0, 9999), 4)}`;

/** An 18-character resident ID number with a real birth date and check character. */
function idNumber(rand: Rand): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + int(rand, 0, 38 * 365) * 86_400_000);
  const first17 = `3101${pad(int(rand, 1, 20))}${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1)}${pad(birth.getUTCDate())}${pad(int(rand, 0, 999), 3)}`;
  return first17 + ricCheckChar(first17);
}

/** How a record names its firm: [name cell, uscc cell, the firm meant]. */
function firmRef(rand: Rand, firms: readonly BenchFirm[]): [string, string, BenchFirm] {
  const f = pick(rand, firms);
  return [...firmCells(rand, f), f];
}

function firmCells(rand: Rand, f: BenchFirm): [string, string] {
  const r = rand();
  if (r < 0.02) return [`${f.name.slice(0, 4)}未登记商贸有限公司`, '']; // resolves to nothing
  if (r < 0.1 && f.uscc) return ['', f.uscc];
  if (r < 0.2 && f.uscc) return [f.name, f.uscc];
  if (r < 0.28 && f.aliases.length) return [f.aliases[0]!, ''];
  if (r < 0.33) return [f.name.replace('（', '(').replace('）', ')'), ''];
  return [f.name, ''];
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: string[]) => `${cells.map(csvCell).join(',')}\n`;

export function inspectionLine(rand: Rand, firms: readonly BenchFirm[], n: number): string {
  const [firm, uscc, meant] = firmRef(rand, firms);
  const d = date(rand);
  const found = chance(rand, 0.55);
  const violations = found ? pickSome(rand, VIOLATIONS.slice(0, 8), int(rand, 1, 3)).join('、') : '';
  const order = found ? pick(rand, ['责令改正', '责令支付', 'rectify']) : pick(rand, ['', '无']);
  const due = found ? date(rand, int(rand, 15, 45), d.day) : null;
  const rectified = due && chance(rand, 0.5) ? date(rand, int(rand, 5, 40), d.day) : null;
  const status = found ? (rectified ? '已整改' : pick(rand, STATUSES)) : '结案';
  const inspectors = `${personName(rand)}、${personName(rand)}`;
  return csvLine([
    `JC${2025 + Math.floor(d.day / 365)}-${pad(n, 7)}`,
    firm,
    uscc,
    d.text,
    pick(rand, INSPECTION_KINDS),
    violations,
    found ? String(int(rand, 1, 120)) : '',
    found && chance(rand, 0.7) ? amount(rand) : '',
    order,
    due?.text ?? '',
    rectified?.text ?? '',
    status,
    // An inspection is made in its firm's district (since issue 14 a record
    // resolves only to firms of the district it names); now and then another.
    chance(rand, 0.02) ? pick(rand, DISTRICTS) : meant.district,
    pick(rand, STREETS),
    inspectors,
    pick(rand, NOTES),
  ]);
}

export function petitionLine(rand: Rand, firms: readonly BenchFirm[], n: number): string {
  const [firm, uscc] = firmRef(rand, firms);
  const d = date(rand);
  const tel = phone(rand);
  const complaint = pick(rand, COMPLAINT)
    .replace('{m}', String(int(rand, 1, 12)))
    .replace('{n}', String(int(rand, 3, 300) * 100))
    .replace('{h}', String(int(rand, 11, 16)));
  const summary = `${pick(rand, WHO)}反映${complaint}，联系电话${tel}，请求协调处理。`;
  const closed = chance(rand, 0.4) ? date(rand, int(rand, 3, 60), d.day) : null;
  return csvLine([
    `XF-${pad(n, 8)}`,
    d.text,
    pick(rand, CHANNELS),
    firm,
    uscc,
    pick(rand, CATEGORIES),
    String(chance(rand, 0.8) ? 1 : int(rand, 2, 40)),
    pick(rand, ['是', '否', '否', '否']),
    summary,
    personName(rand),
    tel,
    idNumber(rand),
    closed ? '办结' : '办理中',
    closed?.text ?? '',
  ]);
}

export type RecordFileKind = 'inspections' | 'petitions';

/**
 * Writes a CSV of `kind` streaming to `path`: `rows` rows, or as many as it
 * takes to reach `minBytes`. Returns what was written.
 */
export async function writeRecordsCsv(
  path: string,
  kind: RecordFileKind,
  firms: readonly BenchFirm[],
  opts: { seed: number; rows?: number; minBytes?: number },
): Promise<{ rows: number; bytes: number }> {
  const rand = prng(opts.seed);
  const out = createWriteStream(path);
  const line = kind === 'inspections' ? inspectionLine : petitionLine;
  let chunk = kind === 'inspections' ? `\ufeff${INSPECTION_HEADERS.join(',')}\n` : `${PETITION_HEADERS.join(',')}\n`;
  let bytes = Buffer.byteLength(chunk);
  let rows = 0;
  const more = () => (opts.rows !== undefined ? rows < opts.rows : bytes < (opts.minBytes ?? 0));
  while (more()) {
    const text = line(rand, firms, ++rows);
    bytes += Buffer.byteLength(text);
    chunk += text;
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return { rows, bytes };
}
