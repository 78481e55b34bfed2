// The everyday noise around the story: routine inspections that mostly find
// nothing, the odd minor violation put right before its deadline, single
// petitions spread over the year. Nothing here escalates, so the story
// firms stand out the way real cases do against a quiet district.

import type { PetitionCategory, PetitionChannel, Violation } from '../domain/values/index.ts';
import type { DemoDistrict, DemoFirm } from './district.ts';
import type { Random } from './prng.ts';
import { type FirmLike, type InspectionSpec, type PetitionSpec, thousands, workerNoun } from './record-model.ts';

/** Records are spread over days 1..LAST_DAY before now (the year, with margin). */
const LAST_DAY = 362;

const MINOR: readonly (readonly [Violation, number])[] = [
  ['no_contract', 4],
  ['social_insurance', 4],
  ['overtime', 3],
  ['rest', 2],
  ['other', 2],
  ['min_wage', 1],
];
const NOTHING_NOTES = ['现场检查未发现违法行为', '资料齐全', '已开展普法宣传', ''];
const MINOR_NOTES = ['已当场指出，限期整改', '企业承诺整改', '已约谈企业负责人', ''];

/** Picks firms by a fixed per-firm activity, so some firms are simply busier. */
export function activityPicker(firms: readonly FirmLike[], rnd: Random, platformWeight: number) {
  const weights = firms.map(
    (f) => [f, (f.role === 'platform' ? platformWeight : 1) * (0.4 + rnd.float() * 1.2)] as const,
  );
  return () => rnd.weighted(weights);
}

/** A day for a background record, kept older than the firm's story window. */
export function backgroundDay(rnd: Random, quietSince: number | undefined): number {
  const min = quietSince ?? 1;
  return rnd.int(min, LAST_DAY);
}

const round100 = (n: number) => Math.round(n / 100) * 100;

export function backgroundInspection(firm: FirmLike, daysAgo: number, rnd: Random): InspectionSpec {
  const base = { daysAgo, firm, ref: 'auto' as const };
  const r = rnd.float();
  if (r < 0.72) {
    const notes = rnd.pick(NOTHING_NOTES);
    return {
      ...base,
      kind: rnd.chance(0.8) ? 'routine' : 'campaign',
      violations: [],
      ...(rnd.chance(0.6) ? { order: 'none' as const } : {}),
      status: 'closed',
      ...(notes ? { notes } : {}),
    };
  }
  const arrears = r >= 0.92;
  const violations: Violation[] = arrears ? ['wage_arrears'] : [rnd.weighted(MINOR)];
  if (!arrears && rnd.chance(0.25)) {
    const second = rnd.weighted(MINOR);
    if (second !== violations[0]) violations.push(second);
  }
  const workers = arrears ? rnd.int(1, 4) : rnd.int(1, 8);
  const amount = arrears ? round100(workers * rnd.int(2_000, 8_000)) : undefined;
  const window = arrears ? rnd.int(7, 15) : rnd.int(10, 30);
  const dueDaysAgo = daysAgo - window;
  // Firms put things right a few days before the deadline; only a case
  // whose correction still lies ahead is open. Overdue is for the story.
  const rectifiedDaysAgo = daysAgo - rnd.int(2, window - 1);
  const done = rectifiedDaysAgo >= 1;
  const transferred = arrears && rnd.chance(0.03);
  const notes = arrears ? rnd.pick(['已责令限期支付', '企业已补发工资', '']) : rnd.pick(MINOR_NOTES);
  return {
    ...base,
    kind: arrears ? 'complaint' : rnd.pick(['routine', 'routine', 'campaign', 'complaint'] as const),
    violations,
    workers,
    ...(amount !== undefined ? { amount } : {}),
    order: arrears ? 'pay' : 'rectify',
    dueDaysAgo,
    ...(done && !transferred ? { rectifiedDaysAgo } : {}),
    status: transferred ? 'transferred' : done ? (rnd.chance(0.8) ? 'rectified' : 'closed') : 'open',
    ...(notes ? { notes } : {}),
  };
}

const PLATFORM_CATEGORIES: readonly (readonly [PetitionCategory, number])[] = [
  ['account_ban', 3],
  ['deduction', 3],
  ['algorithm', 3],
  ['injury', 1],
  ['hours', 1],
  ['other', 1],
];
const PARTNER_CATEGORIES: readonly (readonly [PetitionCategory, number])[] = [
  ['wage_arrears', 4],
  ['social_insurance', 2],
  ['dismissal', 2],
  ['deduction', 1.5],
  ['hours', 1],
  ['injury', 1],
  ['account_ban', 0.5],
  ['other', 1],
];
const CHANNELS: readonly (readonly [PetitionChannel, number])[] = [
  ['hotline', 45],
  ['online', 30],
  ['visit', 15],
  ['letter', 10],
];

function summary(category: PetitionCategory, noun: string, rnd: Random): string {
  const money = () => thousands(round100(rnd.int(800, 12_000)));
  switch (category) {
    case 'wage_arrears':
      return rnd.pick([
        `反映公司拖欠工资${money()}元`,
        `反映被拖欠工资${money()}元，多次催要未果`,
        `离职后工资${money()}元未结清`,
      ]);
    case 'social_insurance':
      return rnd.pick(['反映公司未为其缴纳社会保险', '反映社保缴费基数低于实际工资']);
    case 'injury':
      return rnd.pick([`${noun}工作中受伤，要求认定工伤`, '反映受伤后公司不承担医疗费用']);
    case 'account_ban':
      return rnd.pick(['反映账号被无故封禁，申诉无回复', '反映因一次差评被封号']);
    case 'deduction':
      return rnd.pick([`反映被无故扣款${rnd.int(50, 600)}元`, '反映罚款规则不透明']);
    case 'algorithm':
      return rnd.pick(['反映派单不合理，配送时限过短', '反映抽成比例调整未公示']);
    case 'hours':
      return '反映每天工作时间过长，无休息日';
    case 'dismissal':
      return rnd.pick(['反映被公司无故解除劳动关系，未支付经济补偿', '反映被口头辞退']);
    default:
      return rnd.pick(['咨询劳动合同相关问题', '反映公司未提供劳动合同文本']);
  }
}

export function backgroundPetition(firm: FirmLike, daysAgo: number, rnd: Random): PetitionSpec {
  const platform = firm.role === 'platform';
  const category = rnd.weighted(platform ? PLATFORM_CATEGORIES : PARTNER_CATEGORIES);
  const r = rnd.float();
  const petitioners = r < 0.85 ? 1 : r < 0.97 ? rnd.int(2, 3) : rnd.int(4, 6);
  const closed = daysAgo > 15 ? rnd.chance(0.92) : rnd.chance(0.3);
  const closedDaysAgo = Math.max(0, daysAgo - rnd.int(3, 45));
  return {
    daysAgo,
    firm,
    channel: rnd.weighted(CHANNELS),
    categories: [category],
    petitioners,
    repeat: rnd.chance(0.04),
    summary: summary(category, workerNoun(firm.sector), rnd),
    status: closed ? 'closed' : 'open',
    ...(closed ? { closedDaysAgo } : {}),
    ref: 'auto',
  };
}

const GHOST_TRADES = [
  '春木',
  '秋水',
  '金石',
  '北辰',
  '东岳',
  '南湖',
  '西岭',
  '青禾',
  '白杨',
  '紫荆',
  '丹桂',
  '碧波',
  '乐途',
  '佳运',
];
const GHOST_TEMPLATES = [
  '上海{z}配送服务有限公司',
  '上海{z}劳务派遣有限公司',
  '上海{z}快递服务有限公司',
  '上海{z}人力资源有限公司',
  '上海{z}物流有限公司',
];

/** Firms the registry does not have: their records stay unresolved until a user links them. */
export function ghostFirms(district: DemoDistrict, rnd: Random, count: number): FirmLike[] {
  const known = new Set(
    district.firms.flatMap((f: DemoFirm) => [f.name, ...f.aliases]).map((s) => s.replace(/\s/g, '')),
  );
  const out: FirmLike[] = [];
  for (const trade of GHOST_TRADES) {
    if (out.length >= count) break;
    const name = rnd.pick(GHOST_TEMPLATES).replace('{z}', trade);
    if (known.has(name) || [...known].some((k) => k.includes(trade))) continue;
    out.push({
      key: null,
      name,
      uscc: null,
      aliases: [],
      district: district.district,
      street: rnd.pick(district.streets),
      sector: name.includes('快递') ? 'courier' : 'food_delivery',
    });
  }
  return out;
}
