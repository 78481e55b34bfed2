// Why a row was refused, in the reader's language. The importers' value
// parsers (../values/) write their reasons in English, and quarantined rows
// store them as written (the API, the CLI and the logs read them so); this
// table maps each shape of reason the parsers produce to Chinese. A test
// runs every parser failure through it, so a new shape cannot slip past.

import type { Lang } from './codes.ts';

// The vocabularies' names as the enum parsers write them ('unknown violation …').
const WHAT_ZH: Readonly<Record<string, string>> = {
  sector: '行业',
  'firm role': '企业类型',
  'inspection kind': '检查类别',
  violation: '违法事项',
  order: '处理决定',
  'inspection status': '办理状态',
  'petition channel': '信访渠道',
  'petition category': '诉求类别',
  'petition status': '办理状态',
  'incident kind': '事件类别',
};

/** The Chinese labels of an 'expected one of code (label), …' list. */
const labelsOf = (expected: string): string => {
  const labels = [...expected.matchAll(/\(([^()]+)\)/g)].map((m) => m[1]);
  return labels.length > 0 ? labels.join('、') : expected;
};

const SUB: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^a USCC has 18 characters, found (\d+)$/, (m) => `应为 18 位，实为 ${m[1]} 位`],
  [/^an ID number has 18 characters, found (\d+)$/, (m) => `应为 18 位，实为 ${m[1]} 位`],
  [/^15-digit first-generation ID numbers are not accepted.*$/, () => '不接受 15 位的一代身份证号，须为 18 位'],
  [
    /^characters 3–8 \(administrative-division code\) must be digits, found '(.)' at position (\d+)$/,
    (m) => `第 3–8 位（行政区划码）应为数字，第 ${m[2]} 位为“${m[1]}”`,
  ],
  [
    /^characters 1–17 must be digits, found '(.)' at position (\d+)$/,
    (m) => `第 1–17 位应为数字，第 ${m[2]} 位为“${m[1]}”`,
  ],
  [/^the last character must be a digit or 'X', found '(.)'$/, (m) => `最后一位应为数字或 X，实为“${m[1]}”`],
  [/^check character should be '(.)', found '(.)'$/, (m) => `校验位应为“${m[1]}”，实为“${m[2]}”`],
  [/^characters 7–14 \((\d+)\) are not a real date$/, (m) => `第 7–14 位（${m[1]}）不是真实日期`],
  [/^characters 9–17 .*$/, () => '第 9–17 位（组织机构代码）校验不符'],
];

const sub = (text: string): string => {
  for (const [re, f] of SUB) {
    const m = re.exec(text);
    if (m) return f(m);
  }
  return '校验不符';
};

const ZH: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^required value is missing$/, () => '必填项为空'],
  [/^empty date$/, () => '日期为空'],
  [/^not a real date: (.+)$/, (m) => `不是真实存在的日期：${m[1]}`],
  [
    /^not a date: (.+?); expected .*$/,
    (m) => `不是日期：${m[1]}（可写作 2026-11-03、2026/11/3、2026年11月3日，或带时间）`,
  ],
  [/^year (\d+) is out of range \((\d+)–(\d+)\): (.+)$/, (m) => `年份 ${m[1]} 超出范围（${m[2]}–${m[3]}）：${m[4]}`],
  [/^not a real time of day: (.+)$/, (m) => `不是有效的时刻：${m[1]}`],
  [/^not a valid UTC offset in (.+)$/, (m) => `时区偏移无效：${m[1]}`],
  [/^empty amount$/, () => '金额为空'],
  [/^not an amount: (.+?); expected .*$/, (m) => `不是金额：${m[1]}（可写作 12000、12,000元、1.2万）`],
  [/^an amount cannot be negative: (.+)$/, (m) => `金额不能为负数：${m[1]}`],
  [/^an amount is counted in fen at most.*: (.+)$/, (m) => `金额最多精确到分：${m[1]}`],
  [/^amount is implausibly large: (.+)$/, (m) => `金额大得不合常理：${m[1]}`],
  [/^empty number$/, () => '数字为空'],
  [/^not a whole number: (.+)$/, (m) => `不是整数：${m[1]}`],
  [/^number is too large: (.+)$/, (m) => `数字过大：${m[1]}`],
  [/^must be at most (\d+): (.+)$/, (m) => `不能大于 ${m[1]}：${m[2]}`],
  [/^not a yes\/no value: (.+?); .*$/, (m) => `不是“是/否”：${m[1]}`],
  [/^empty firm reference$/, () => '未填写企业'],
  [
    new RegExp(
      `^unknown (${Object.keys(WHAT_ZH)
        .sort((a, b) => b.length - a.length)
        .join('|')}) (.+); expected (?:one of )?(.*)$`,
    ),
    (m) => `未知的${WHAT_ZH[m[1]!]}：${m[2]}（可选：${labelsOf(m[3]!)}）`,
  ],
  [/^invalid USCC (\S+): (.+)$/, (m) => `统一社会信用代码 ${m[1]} 无效：${sub(m[2]!)}`],
  [/^invalid ID number: (.+)$/, (m) => `身份证号无效：${sub(m[1]!)}`],
  [/^either the firm name \((.+)\) or its USCC .* is required$/, (m) => `须填写企业名称（${m[1]}）或统一社会信用代码`],
  [/^a record must be an object of column values$/, () => '每条记录须为“列名：值”的对象'],
  [/^contains a NUL character .*$/, () => '含有无法保存的空字符（U+0000）'],
  [/^a JSON file must hold an array of objects$/, () => 'JSON 文件须为对象数组'],
  // The duty roster's CSV (../alerts/roster-schema.ts).
  [
    /^expected a (?:tier|whole number) from 1 to (\d+).*$/,
    (m) => `梯队应为 1 到 ${m[1]} 的整数（1 一线值班，2 备班，3 科室负责人）`,
  ],
  [/^required: a user id or login$/, () => '必填：用户编号或登录名'],
  [/^a user id must be a positive whole number, got (.+)$/, (m) => `用户编号应为正整数，实为 ${m[1]}`],
  [/^name the district the streets belong to.*$/, () => '填写街镇时须写明所属区；留空街镇表示全区'],
  [
    /^must be after start.*$/,
    () => '结束时间须晚于开始时间（跨夜班次结束于次日，如 2026-11-03 22:00 至 2026-11-04 08:00）',
  ],
  [/^a shift may last at most (\d+) days.*$/, (m) => `一个班次最长 ${m[1]} 天；请检查日期，或使用轮班`],
  [/^expected a time of day as HH:MM.*$/, () => '时刻应写作 HH:MM（00:00 至 23:59，如 08:30）'],
  [/^user: no active user (.+)$/, (m) => `没有在用的用户 ${m[1]}`],
  [/^(\w+): you may only staff (.+)$/, (m) => `只能为 ${m[2]} 排班`],
  [/^unreadable row$/, () => '无法读取此行'],
];

/** A stored reason in `lang`: English as stored, Chinese through the table (several reasons joined by '; ' each translated). */
export function reasonText(lang: Lang, message: string): string {
  if (lang === 'en') return message;
  return message.split('; ').length > 1 && !ZH.some(([re]) => re.test(message))
    ? message
        .split('; ')
        .map((part) => one(part))
        .join('；')
    : one(message);
}

function one(message: string): string {
  for (const [re, f] of ZH) {
    const m = re.exec(message);
    if (m) return f(m);
  }
  return '内容无法识别';
}
