// A FICTIONAL district for demos, screenshots and tests: every firm, person,
// address and code below is invented. Names are meant to look like the real
// thing (分公司 branches, （集团）, brand aliases that nest) so the name
// matcher and the jurisdiction filter have something realistic to chew on.
// Pure and seeded: the same seed always gives the same district.

import { orgCodeCheckChar, usccCheckChar } from '../domain/uscc.ts';
import { Random } from './prng.ts';

export type Sector =
  | 'food_delivery'
  | 'ride_hailing'
  | 'courier'
  | 'instant_delivery'
  | 'live_streaming'
  | 'freight'
  | 'other';
export type FirmRole = 'platform' | 'franchisee' | 'agent' | 'outsourcing' | 'dispatch' | 'other';
export type LinkKind = 'franchise' | 'agency' | 'outsourcing' | 'dispatch' | 'other';

export interface DemoFirm {
  key: string;
  name: string;
  uscc: string | null;
  aliases: string[];
  sector: Sector;
  role: FirmRole;
  district: string;
  street: string | null;
  address: string | null;
  legalRepresentative: string | null;
}
export interface DemoLink {
  platformKey: string;
  partnerKey: string;
  kind: LinkKind;
}
export interface DemoUser {
  name: string;
  role: 'inspector' | 'opinion_staff' | 'duty_officer' | 'approver' | 'manager' | 'admin';
  /** null = city level (sees every district). */
  district: string | null;
  /** Empty = the whole district. */
  streets: string[];
  displayName: string;
  password: string;
}
export interface DemoDistrict {
  label: string;
  district: string;
  streets: string[];
  firms: DemoFirm[];
  links: DemoLink[];
  users: DemoUser[];
}

export const DEMO_DISTRICT = '示范区';
export const NEIGHBOUR_DISTRICT = '邻区';
export const DEMO_LABEL = '示范区 · 演示数据（虚构）/ demo data (fictional) — 企业、人名、地址与代码均为虚构';

const PARTNER_COUNT = 300;
const NEIGHBOUR_EVERY = 20; // one partner in 20 sits in 邻区 → 15 of 300

const STREETS: readonly (readonly [string, readonly string[]])[] = [
  ['晨光路街道', ['晨光路', '朝霞路']],
  ['青枫街道', ['青枫路', '枫林支路']],
  ['望月街道', ['望月路', '银汉路']],
  ['云锦路街道', ['云锦路', '织云路']],
  ['白鹭湾街道', ['白鹭湾路', '芦汀路']],
  ['星河路街道', ['星河路', '北斗路']],
  ['新禾街道', ['新禾路', '稻香路']],
  ['松涛镇', ['松涛公路', '听涛路']],
  ['桃源镇', ['桃源公路', '落英路']],
];
const NEIGHBOUR_STREETS: readonly (readonly [string, readonly string[]])[] = [
  ['北苑街道', ['北苑路', '苑东路']],
  ['湖滨镇', ['湖滨公路', '临波路']],
];

// Real Shanghai division codes: a firm may be registered anywhere in the city.
const REGIONS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310115', '310117'];

const PLATFORMS: readonly { key: string; name: string; aliases: string[]; sector: Sector; weight: number }[] = [
  {
    key: 'p-kuaitu',
    name: '上海快兔网络科技有限公司',
    aliases: ['快兔', '快兔外卖'],
    sector: 'food_delivery',
    weight: 9,
  },
  {
    key: 'p-kuaitu-errand',
    name: '上海快兔跑腿网络科技有限公司',
    aliases: ['快兔跑腿'],
    sector: 'instant_delivery',
    weight: 4,
  },
  {
    key: 'p-fandian',
    name: '上海饭点到家电子商务有限公司',
    aliases: ['饭点到家', '饭点'],
    sector: 'food_delivery',
    weight: 6,
  },
  {
    key: 'p-shandianfeng',
    name: '上海闪电蜂即时物流有限公司',
    aliases: ['闪电蜂'],
    sector: 'instant_delivery',
    weight: 3,
  },
  { key: 'p-lanjing', name: '上海蓝鲸速递有限公司', aliases: ['蓝鲸', '蓝鲸速递'], sector: 'courier', weight: 7 },
  { key: 'p-lanjing-freight', name: '上海蓝鲸货运科技有限公司', aliases: ['蓝鲸货运'], sector: 'freight', weight: 2 },
  { key: 'p-songshu', name: '上海松鼠快运物流有限公司', aliases: ['松鼠快运'], sector: 'courier', weight: 5 },
  { key: 'p-daxiang', name: '上海大象拉货供应链管理有限公司', aliases: ['大象拉货'], sector: 'freight', weight: 2 },
  {
    key: 'p-chengzi',
    name: '上海橙子出行科技有限公司',
    aliases: ['橙子出行', '橙子打车'],
    sector: 'ride_hailing',
    weight: 4,
  },
  {
    key: 'p-yunque',
    name: '上海云雀智行信息技术有限公司',
    aliases: ['云雀约车', '云雀'],
    sector: 'ride_hailing',
    weight: 3,
  },
  {
    key: 'p-yinghuo',
    name: '上海萤火互动文化传媒有限公司',
    aliases: ['萤火直播', '萤火'],
    sector: 'live_streaming',
    weight: 3,
  },
  {
    key: 'p-yezi',
    name: '上海椰子星球网络科技有限公司',
    aliases: ['椰子星球', '椰子直播'],
    sector: 'live_streaming',
    weight: 2,
  },
];

// Which kinds of partner each sector works through, by relative frequency.
const ROLES_BY_SECTOR: Record<Sector, readonly (readonly [Exclude<FirmRole, 'platform'>, number])[]> = {
  food_delivery: [
    ['agent', 5],
    ['franchisee', 2],
    ['outsourcing', 2],
    ['dispatch', 2],
  ],
  instant_delivery: [
    ['agent', 3],
    ['outsourcing', 2],
    ['dispatch', 2],
  ],
  courier: [
    ['franchisee', 6],
    ['outsourcing', 1],
    ['dispatch', 2],
  ],
  ride_hailing: [
    ['agent', 4],
    ['outsourcing', 1],
    ['dispatch', 1],
    ['other', 1],
  ],
  live_streaming: [
    ['agent', 5],
    ['outsourcing', 1],
    ['other', 1],
  ],
  freight: [
    ['franchisee', 2],
    ['agent', 2],
    ['dispatch', 1],
    ['other', 1],
  ],
  other: [['other', 1]],
};

const KIND_OF_ROLE: Record<Exclude<FirmRole, 'platform'>, LinkKind> = {
  franchisee: 'franchise',
  agent: 'agency',
  outsourcing: 'outsourcing',
  dispatch: 'dispatch',
  other: 'other',
};

// {z} is the trade name (字号); the second element is the short-alias suffix.
type Template = readonly [string, string];
const DELIVERY_AGENT: Template[] = [
  ['上海{z}配送服务有限公司', '配送'],
  ['上海{z}同城配送有限公司', '配送'],
  ['上海{z}餐饮配送有限公司', '配送'],
];
const TEMPLATES: Record<Exclude<FirmRole, 'platform'>, Partial<Record<Sector, Template[]>> & { any: Template[] }> = {
  agent: {
    food_delivery: DELIVERY_AGENT,
    instant_delivery: DELIVERY_AGENT,
    ride_hailing: [
      ['上海{z}汽车租赁有限公司', '租车'],
      ['上海{z}出行服务有限公司', '出行'],
      ['上海{z}汽车服务有限公司', '汽服'],
    ],
    live_streaming: [
      ['上海{z}文化传媒有限公司', '传媒'],
      ['上海{z}文化传播有限公司', '文化'],
      ['{z}（上海）网络科技有限公司', '网络'],
    ],
    any: [
      ['上海{z}物流有限公司', '物流'],
      ['上海{z}货运代理有限公司', '货代'],
    ],
  },
  franchisee: {
    courier: [
      ['上海{z}快递服务有限公司', '快递'],
      ['上海{z}速递有限公司', '速递'],
      ['上海{z}物流有限公司', '物流'],
    ],
    food_delivery: [['上海{z}餐饮管理有限公司', '餐饮']],
    any: [
      ['上海{z}供应链管理有限公司', '供应链'],
      ['上海{z}运输有限公司', '运输'],
    ],
  },
  outsourcing: {
    any: [
      ['上海{z}企业管理有限公司', '企管'],
      ['上海{z}人力资源服务有限公司', '人力'],
      ['{z}（上海）企业服务有限公司', '企服'],
      ['上海{z}商务服务有限公司', '商务'],
    ],
  },
  dispatch: {
    any: [
      ['上海{z}劳务派遣有限公司', '劳务'],
      ['上海{z}劳务服务有限公司', '劳务'],
      ['上海{z}人力资源有限公司', '人力'],
      ['{z}（上海）人力资源有限公司', '人力'],
    ],
  },
  other: {
    any: [
      ['上海{z}信息咨询有限公司', '咨询'],
      ['上海{z}科技有限公司', '科技'],
    ],
  },
};

const TRADE_CHARS =
  '锦程鑫达顺恒瑞盛宏泰嘉华兴通汇诚德丰源安捷骏驰途远航启明晟昊沐禾凯誉博优领众合益邦联拓睿弘信和融泓欣悦鸿翔峰越聚';
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力金健国云峰海波宁浩宇凡';

export function buildDemoDistrict(seed = 20261128): DemoDistrict {
  const rnd = new Random(seed);
  const usedNames = new Set<string>();
  const usedTrade = new Set<string>(['快兔', '饭点', '蓝鲸', '松鼠', '大象', '橙子', '云雀', '萤火', '椰子']);
  const usedUscc = new Set<string>();

  const uscc = (): string => {
    for (;;) {
      const org = rnd.chance(0.6)
        ? `MA1${rnd.chars('0123456789ABCDEFGHJKLMNPQRTUWXY', 5)}`
        : rnd.chars('123456789', 1) + rnd.chars('0123456789', 7);
      const first17 = `91${rnd.pick(REGIONS)}${org}${orgCodeCheckChar(org)}`;
      const code = first17 + usccCheckChar(first17);
      if (!usedUscc.has(code)) {
        usedUscc.add(code);
        return code;
      }
    }
  };
  const person = (): string => rnd.chars(SURNAMES, 1) + rnd.chars(GIVEN, rnd.chance(0.7) ? 2 : 1);
  const place = (district: string, streets: typeof STREETS) => {
    const [street, roads] = rnd.pick(streets);
    const floor = rnd.chance(0.5) ? `${rnd.int(2, 12)}楼` : `${rnd.int(1, 9)}0${rnd.int(1, 9)}室`;
    return { district, street, address: `上海市${district}${rnd.pick(roads)}${rnd.int(1, 1200)}号${floor}` };
  };

  const firms: DemoFirm[] = PLATFORMS.map((p) => ({
    key: p.key,
    name: p.name,
    uscc: uscc(),
    aliases: [...p.aliases],
    sector: p.sector,
    role: 'platform',
    ...place(DEMO_DISTRICT, STREETS),
    legalRepresentative: person(),
  }));
  for (const f of firms) usedNames.add(f.name);
  const links: DemoLink[] = [];

  for (let i = 0; i < PARTNER_COUNT; i++) {
    const platform = rnd.weighted(PLATFORMS.map((p) => [p, p.weight] as const));
    const role = rnd.weighted(ROLES_BY_SECTOR[platform.sector]);
    const byRole = TEMPLATES[role];
    const templates = byRole[platform.sector] ?? byRole.any;
    let trade = '';
    let name = '';
    let template: Template = templates[0]!;
    do {
      trade = rnd.chars(TRADE_CHARS, 2);
      template = rnd.pick(templates);
      name = template[0].replace('{z}', trade);
      if (rnd.chance(0.06)) name = name.replace('有限公司', '（集团）有限公司');
    } while (usedTrade.has(trade) || usedNames.has(name) || trade[0] === trade[1]);

    const neighbour = i % NEIGHBOUR_EVERY === 7;
    const loc = neighbour ? place(NEIGHBOUR_DISTRICT, NEIGHBOUR_STREETS) : place(DEMO_DISTRICT, STREETS);
    const aliases = [trade + template[1]];
    // Branches keep the head office's name as an alias: that is how people write them.
    if (rnd.chance(0.12)) {
      aliases.push(name);
      name = `${name}${loc.street.replace(/(街道|镇)$/u, '').replace(/路$/u, '')}分公司`;
    }
    if (role === 'agent' && (platform.sector === 'food_delivery' || platform.sector === 'instant_delivery')) {
      aliases.push(`${platform.aliases[0]}${loc.street.replace(/(街道|镇)$/u, '')}站`);
    }
    usedTrade.add(trade);
    usedNames.add(name);

    const located = rnd.chance(0.95);
    const key = `f-${String(i + 1).padStart(3, '0')}`;
    firms.push({
      key,
      name,
      uscc: rnd.chance(0.85) ? uscc() : null,
      aliases,
      sector: platform.sector,
      role,
      district: loc.district,
      street: located ? loc.street : null,
      address: located && rnd.chance(0.94) ? loc.address : null,
      legalRepresentative: rnd.chance(0.92) ? person() : null,
    });
    links.push({ platformKey: platform.key, partnerKey: key, kind: KIND_OF_ROLE[role] });

    // Dispatch and outsourcing firms often serve two platforms in a sector family.
    const p2 = role === 'dispatch' || role === 'outsourcing' ? 0.35 : 0.05;
    if (rnd.chance(p2)) {
      const others = PLATFORMS.filter((p) => p.key !== platform.key && family(p.sector) === family(platform.sector));
      if (others.length > 0)
        links.push({ platformKey: rnd.pick(others).key, partnerKey: key, kind: KIND_OF_ROLE[role] });
    }
  }

  return {
    label: DEMO_LABEL,
    district: DEMO_DISTRICT,
    streets: STREETS.map(([s]) => s),
    firms,
    links,
    users: demoUsers(),
  };
}

function family(s: Sector): string {
  return s === 'food_delivery' || s === 'instant_delivery' || s === 'courier'
    ? 'delivery'
    : s === 'live_streaming'
      ? 'streaming'
      : 'transport';
}

/** Fixed, printable, obviously demo-only credentials; never used outside demo mode. */
function demoUsers(): DemoUser[] {
  const [s1, s2, s3, s4, s5, s6, s7, s8, s9] = STREETS.map(([s]) => s);
  const u = (
    name: string,
    role: DemoUser['role'],
    district: string | null,
    streets: (string | undefined)[],
    displayName: string,
    password: string,
  ): DemoUser => ({
    name,
    role,
    district,
    streets: streets.filter((s): s is string => s !== undefined),
    displayName,
    password,
  });
  return [
    u('demo_inspector', 'inspector', DEMO_DISTRICT, [s1, s2, s3, s4], '演示监察员（甲）', 'demo-inspector-2026'),
    u('demo_inspector2', 'inspector', DEMO_DISTRICT, [s5, s6, s7, s8, s9], '演示监察员（乙）', 'demo-inspector2-2026'),
    u(
      'demo_inspector_neighbour',
      'inspector',
      NEIGHBOUR_DISTRICT,
      NEIGHBOUR_STREETS.map(([s]) => s),
      '邻区演示监察员',
      'demo-neighbour-2026',
    ),
    u('demo_opinion', 'opinion_staff', DEMO_DISTRICT, [], '演示舆情处置', 'demo-opinion-2026'),
    u('demo_duty', 'duty_officer', DEMO_DISTRICT, [], '演示值班员', 'demo-duty-2026'),
    u('demo_approver', 'approver', DEMO_DISTRICT, [], '演示审批人', 'demo-approver-2026'),
    u('demo_manager', 'manager', DEMO_DISTRICT, [], '演示科室领导', 'demo-manager-2026'),
    u('demo_admin', 'admin', null, [], '演示系统管理员', 'demo-admin-2026'),
  ];
}
