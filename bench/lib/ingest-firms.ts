// The firm directory the generated records refer to: registered names
// shaped like platform-economy firms, USCCs with valid check characters
// for most of them, and brand aliases for some, so that records resolve by
// name, by alias and by USCC as real files do.

import { orgCodeCheckChar, usccCheckChar } from '../../src/domain/uscc.ts';
import { type Rand, chance, int, pick } from './prng.ts';

export interface BenchFirm {
  name: string;
  uscc: string | null;
  aliases: string[];
  sector: string;
  role: string;
  district: string;
  street: string;
}

const BRAND = [
  ...'快兔蓝鲸金牛顺达闪送橙叮盒马云鸟象猫狮鹰熊鹿羚雀燕鲤虎豹狐龙凤星月阳晨曦乐享优品鲜速易捷通安信恒泰华盛鼎宏盈众联创天海川山河湖江溪林森禾麦稻橘柚桃梨莓芒椰茶',
];
const BUSINESS = [
  '跑腿',
  '外卖',
  '物流',
  '快递',
  '配送',
  '出行',
  '同城',
  '生鲜',
  '优选',
  '直播',
  '货运',
  '到家',
  '众包',
  '速运',
];
const REGIONS = ['上海', '浦东', '徐汇', '闵行', '嘉定', '松江', '杭州', '苏州', '南京', '无锡'];
const SUFFIX = [
  '网络科技有限公司',
  '科技有限公司',
  '物流有限公司',
  '信息技术有限公司',
  '劳务派遣有限公司',
  '人力资源有限公司',
  '供应链管理有限公司',
  '配送服务有限公司',
];
const SECTORS = ['外卖配送', '网约车', '快递', '即时配送', '网络直播', '货运', '其他'];
const ROLES = ['平台', '加盟商', '代理商', '外包', '劳务派遣', '其他'];
export const DISTRICTS = ['示范区', '浦江区', '东城区', '西湖区', '北苑区', '临港区'];
export const STREETS = ['晨光路街道', '松涛镇', '北苑街道', '人民路街道', '滨江街道', '新桥镇', '高新街道', '湖畔街道'];

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A USCC that passes GB 32100 and GB 11714 checks: 91 + division + org code + check. */
export function makeUscc(rand: Rand): string {
  let org = '';
  for (let i = 0; i < 8; i++) org += ORG_BODY[int(rand, 0, i < 2 ? 9 : ORG_BODY.length - 1)];
  org += orgCodeCheckChar(org);
  // GB 11714 check can be 'X' or digits; both are in the USCC charset.
  const first17 = `91${pick(rand, ['310101', '310104', '310105', '310112', '310115', '330106', '320505'])}${org}`;
  if (![...first17].every((c) => USCC_BODY.includes(c))) return makeUscc(rand);
  return first17 + usccCheckChar(first17);
}

/** n firms with distinct names, aliases distinct across firms. */
export function makeFirms(rand: Rand, n: number): BenchFirm[] {
  const firms: BenchFirm[] = [];
  const names = new Set<string>();
  const aliases = new Set<string>();
  const usccs = new Set<string>();
  while (firms.length < n) {
    const brand = pick(rand, BRAND) + pick(rand, BRAND);
    const business = pick(rand, BUSINESS);
    const name = `${brand}${business}（${pick(rand, REGIONS)}）${pick(rand, SUFFIX)}`;
    if (names.has(name)) continue;
    names.add(name);
    const alias = brand + business;
    const firmAliases = chance(rand, 0.5) && !aliases.has(alias) ? [alias] : [];
    firmAliases.forEach((a) => {
      aliases.add(a);
    });
    let uscc: string | null = null;
    if (chance(rand, 0.7)) {
      do uscc = makeUscc(rand);
      while (usccs.has(uscc));
      usccs.add(uscc);
    }
    firms.push({
      name,
      uscc,
      aliases: firmAliases,
      sector: pick(rand, SECTORS),
      role: pick(rand, ROLES),
      district: pick(rand, DISTRICTS),
      street: pick(rand, STREETS),
    });
  }
  return firms;
}

/** The firm directory as a CSV with Chinese headers (CONTRACT §2 firms). */
export function firmsCsv(firms: readonly BenchFirm[]): string {
  const lines = ['单位名称,统一社会信用代码,别名,行业,类型,区,街镇'];
  for (const f of firms)
    lines.push([f.name, f.uscc ?? '', f.aliases.join('|'), f.sector, f.role, f.district, f.street].join(','));
  return `\ufeff${lines.join('\n')}\n`;
}
