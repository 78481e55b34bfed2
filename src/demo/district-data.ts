// The fictional district's raw material: streets, platforms and their
// brand aliases, which partners each sector works through, name templates
// and the characters names are drawn from (district.ts builds from these).
// Every name here is invented.

import type { FirmRole, LinkKind, Sector } from './district.ts';

export const PARTNER_COUNT = 300;
export const NEIGHBOUR_EVERY = 20; // one partner in 20 sits in 邻区 → 15 of 300

export const STREETS: readonly (readonly [string, readonly string[]])[] = [
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
export const NEIGHBOUR_STREETS: readonly (readonly [string, readonly string[]])[] = [
  ['北苑街道', ['北苑路', '苑东路']],
  ['湖滨镇', ['湖滨公路', '临波路']],
];

// Real Shanghai division codes: a firm may be registered anywhere in the city.
export const REGIONS = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310115',
  '310117',
];

export const PLATFORMS: readonly { key: string; name: string; aliases: string[]; sector: Sector; weight: number }[] = [
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
export const ROLES_BY_SECTOR: Record<Sector, readonly (readonly [Exclude<FirmRole, 'platform'>, number])[]> = {
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

export const KIND_OF_ROLE: Record<Exclude<FirmRole, 'platform'>, LinkKind> = {
  franchisee: 'franchise',
  agent: 'agency',
  outsourcing: 'outsourcing',
  dispatch: 'dispatch',
  other: 'other',
};

// {z} is the trade name (字号); the second element is the short-alias suffix.
export type Template = readonly [string, string];
export const DELIVERY_AGENT: Template[] = [
  ['上海{z}配送服务有限公司', '配送'],
  ['上海{z}同城配送有限公司', '配送'],
  ['上海{z}餐饮配送有限公司', '配送'],
];
export const TEMPLATES: Record<
  Exclude<FirmRole, 'platform'>,
  Partial<Record<Sector, Template[]>> & { any: Template[] }
> = {
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

export const TRADE_CHARS =
  '锦程鑫达顺恒瑞盛宏泰嘉华兴通汇诚德丰源安捷骏驰途远航启明晟昊沐禾凯誉博优领众合益邦联拓睿弘信和融泓欣悦鸿翔峰越聚';
export const SURNAMES =
  '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈';
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力金健国云峰海波宁浩宇凡';
