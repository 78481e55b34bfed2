// The closed vocabularies of CONTRACT §2. Each cell may hold the English
// code or the Chinese label; a few aliases cover wordings users are known
// to type (e.g. the 12333 hotline by its number).

import { type ParseResult, fail, foldWidth, ok, quote } from './result.ts';
import { detach, splitMulti } from './text.ts';

export interface EnumDict<C extends string> {
  /** What the value is, for messages: 'sector', 'violation', ... */
  readonly what: string;
  readonly codes: readonly C[];
  /** Chinese label of each code. */
  readonly labels: Readonly<Record<C, string>>;
  parse(raw: string): ParseResult<C>;
  /** A multi-valued cell; an empty cell (or one of `emptyWords`) is []. */
  parseList(raw: string): ParseResult<C[]>;
}

/**
 * Case, width, spacing and underscores do not matter: 'Food Delivery',
 * 'food-delivery' and '热线 (12333)' find their codes. No two codes of one
 * vocabulary differ only in those, so nothing collides.
 */
function enumKey(raw: string): string {
  return foldWidth(raw)
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

// A qualifier in brackets is written either way: '12345(市民服务热线)' is
// '12345市民服务热线', '领导留言板(人民网)' is '领导留言板'. Tried only when
// the cell as written finds nothing, so a code never shadows another.
const unbracket = (key: string): string => key.replace(/[()[\]【】〔〕]/g, '');
const dropBracketed = (key: string): string => key.replace(/\([^()]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '');

function defineEnum<C extends string>(
  what: string,
  labels: Record<C, string>,
  aliases: Record<string, NoInfer<C>> = {},
  emptyWords: readonly string[] = [],
): EnumDict<C> {
  const codes = Object.keys(labels) as C[];
  // Cells nearly always hold a code or a label exactly as written in the
  // contract; `exact` answers those without normalizing the text first.
  const exact = new Map<string, C>();
  const lookup = new Map<string, C>();
  for (const code of codes) {
    exact.set(code, code).set(labels[code], code);
    lookup.set(enumKey(code), code).set(enumKey(labels[code]), code);
  }
  for (const [alias, code] of Object.entries(aliases)) lookup.set(enumKey(alias), code);
  const find = (raw: string): C | undefined => {
    const hit = exact.get(raw);
    if (hit !== undefined) return hit;
    const key = enumKey(raw);
    return lookup.get(key) ?? lookup.get(unbracket(key)) ?? lookup.get(dropBracketed(key));
  };
  const empties = new Set(emptyWords.map(enumKey));
  const expected = codes.map((c) => `${c} (${labels[c]})`).join(', ');

  const parse = (raw: string): ParseResult<C> => {
    const code = find(raw);
    return code === undefined ? fail(`unknown ${what} ${quote(raw.trim())}; expected one of ${expected}`) : ok(code);
  };
  // Lists repeat across rows ('拖欠工资、超时加班' on hundreds of them);
  // answers are remembered as frozen arrays and handed out as copies. Keys
  // and messages are detached copies, so that the memo does not keep the
  // file chunk a cell was cut from alive.
  const listMemo = new Map<string, ParseResult<readonly C[]>>();
  const parseList = (raw: string): ParseResult<C[]> => {
    let hit = listMemo.get(raw);
    if (hit === undefined) {
      hit = parseListUncached(raw);
      if (hit.ok) Object.freeze(hit.value);
      else hit = fail(detach(hit.message));
      if (listMemo.size >= 1024) listMemo.clear();
      listMemo.set(detach(raw), hit);
    }
    return hit.ok ? ok([...hit.value]) : hit;
  };
  const parseListUncached = (raw: string): ParseResult<C[]> => {
    const single = exact.get(raw);
    if (single !== undefined) return ok([single]);
    const parts = splitMulti(raw);
    if (!parts.ok) return parts;
    if (parts.value.length === 1 && empties.has(enumKey(parts.value[0]!))) return ok([]);
    const out = new Set<C>();
    const unknown: string[] = [];
    for (const part of parts.value) {
      const code = find(part);
      if (code === undefined) unknown.push(quote(part));
      else out.add(code);
    }
    if (unknown.length > 0) return fail(`unknown ${what} ${unknown.join(', ')}; expected ${expected}`);
    return ok([...out]);
  };
  return { what, codes, labels, parse, parseList };
}

export const SECTOR = defineEnum(
  'sector',
  {
    food_delivery: '外卖配送',
    ride_hailing: '网约车',
    courier: '快递',
    instant_delivery: '即时配送',
    live_streaming: '网络直播',
    freight: '货运',
    other: '其他',
  },
  { 外卖: 'food_delivery', 直播: 'live_streaming' },
);

export const FIRM_ROLE = defineEnum('firm role', {
  platform: '平台',
  franchisee: '加盟商',
  agent: '代理商',
  outsourcing: '外包',
  dispatch: '劳务派遣',
  other: '其他',
});

export const INSPECTION_KIND = defineEnum('inspection kind', {
  routine: '日常巡查',
  complaint: '举报投诉',
  campaign: '专项检查',
});

export const VIOLATION = defineEnum(
  'violation',
  {
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
    // 人社部令第29号 art. 5(4): the special protection of women workers and juvenile workers (女职工劳动保护特别规定, 未成年工特殊保护规定).
    women_minors: '女职工和未成年工特殊保护',
    other: '其他',
  },
  {
    欠薪: 'wage_arrears',
    女职工保护: 'women_minors',
    女职工特殊保护: 'women_minors',
    未成年工保护: 'women_minors',
    未成年工特殊保护: 'women_minors',
    女职工和未成年工保护: 'women_minors',
  },
  ['无', 'none'],
);

export const ORDER = defineEnum('order', { none: '无', rectify: '责令改正', pay: '责令支付' });

export const INSPECTION_STATUS = defineEnum('inspection status', {
  open: '办理中',
  rectified: '已整改',
  overdue: '逾期未改',
  closed: '结案',
  transferred: '移送',
});

export const PETITION_CHANNEL = defineEnum(
  'petition channel',
  {
    visit: '来访',
    letter: '来信',
    hotline: '热线',
    hotline_12345: '12345热线',
    leaders_board: '领导留言板',
    online: '网上信访',
  },
  {
    '12333': 'hotline',
    '热线(12333)': 'hotline',
    '12333热线': 'hotline',
    '12333热线电话': 'hotline',
    劳动保障热线: 'hotline',
    // The citizens' service hotline and the People's Daily leaders' message board forward
    // petitions about firms like any other channel (信访工作条例 art. 17 counts both).
    '12345': 'hotline_12345',
    '12345市民服务热线': 'hotline_12345',
    '12345热线电话': 'hotline_12345',
    市民热线: 'hotline_12345',
    市民服务热线: 'hotline_12345',
    '12345政务服务便民热线': 'hotline_12345',
    '12345便民服务热线': 'hotline_12345',
    人民网领导留言板: 'leaders_board',
    人民网留言板: 'leaders_board',
    留言板: 'leaders_board',
    领导留言: 'leaders_board',
    人民网地方领导留言板: 'leaders_board',
    地方领导留言板: 'leaders_board',
  },
);

export const PETITION_CATEGORY = defineEnum('petition category', {
  wage_arrears: '欠薪',
  social_insurance: '社保',
  injury: '工伤',
  account_ban: '封号',
  deduction: '扣款罚款',
  algorithm: '算法派单',
  hours: '工时',
  dismissal: '解除劳动关系',
  other: '其他',
});

export const PETITION_STATUS = defineEnum('petition status', { open: '办理中', closed: '办结' });

export const INCIDENT_KIND = defineEnum('incident kind', {
  strike: '停工',
  protest: '聚集',
  extreme: '极端事件',
  arrears: '欠薪事件',
  other: '其他',
});

type CodeOf<D> = D extends EnumDict<infer C> ? C : never;
export type Sector = CodeOf<typeof SECTOR>;
export type FirmRole = CodeOf<typeof FIRM_ROLE>;
export type InspectionKind = CodeOf<typeof INSPECTION_KIND>;
export type Violation = CodeOf<typeof VIOLATION>;
export type Order = CodeOf<typeof ORDER>;
export type InspectionStatus = CodeOf<typeof INSPECTION_STATUS>;
export type PetitionChannel = CodeOf<typeof PETITION_CHANNEL>;
export type PetitionCategory = CodeOf<typeof PETITION_CATEGORY>;
export type PetitionStatus = CodeOf<typeof PETITION_STATUS>;
export type IncidentKind = CodeOf<typeof INCIDENT_KIND>;
