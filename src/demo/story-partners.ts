// Story cases (c) and (d): a labor-dispatch company whose riders stop work
// over unpaid wages, and a platform whose partners pile up problems
// (overtime and an accident, unpaid social insurance, small-scale arrears)
// while riders petition the platform itself about algorithms and bans.
// Plus two firms with almost no prior signal that still have an incident,
// so a backtest shows misses as well as hits.

import type { DemoCalendar } from './calendar.ts';
import type { PetitionSpec, StoryPart } from './record-model.ts';
import type { StoryCast } from './story-cast.ts';
import { type StorySink, stationStories, storyWriter } from './story-stations.ts';

type PetRow = [
  daysAgo: number,
  channel: PetitionSpec['channel'],
  categories: PetitionSpec['categories'],
  petitioners: number,
  repeat: boolean,
  summary: string,
];

export function buildStory(cast: StoryCast, cal: DemoCalendar): StoryPart {
  const sink: StorySink = { inspections: [], petitions: [], incidents: [], story: [], quietSince: new Map() };
  const w = storyWriter(sink, cal);
  const pets = (firm: Parameters<typeof w.pet>[0], rows: PetRow[]) => {
    for (const [d, channel, categories, petitioners, repeat, summary] of rows) {
      const closed = d > 30;
      w.pet(firm, d, {
        channel,
        categories,
        petitioners,
        repeat,
        summary,
        status: closed ? 'closed' : 'open',
        ...(closed ? { closedDaysAgo: d - 14 } : {}),
      });
    }
  };

  stationStories(cast, w);

  const c = cast.dispatch;
  const cBrand = cast.brand(c);
  w.ins(c, 280, { kind: 'routine', violations: [], order: 'none', status: 'closed', ref: 'auto' });
  w.ins(c, 130, {
    kind: 'campaign',
    violations: ['no_contract'],
    workers: 5,
    order: 'rectify',
    dueDaysAgo: 115,
    rectifiedDaysAgo: 118,
    status: 'rectified',
    ref: 'auto',
  });
  w.ins(c, 52, {
    kind: 'campaign',
    violations: ['illegal_dispatch', 'no_contract'],
    workers: 18,
    order: 'rectify',
    dueDaysAgo: 22,
    status: 'overdue',
    notes: `将骑手以“劳务外包”名义派往${cBrand}配送，未签劳动合同`,
  });
  pets(c, [
    [25, 'hotline', ['wage_arrears'], 1, false, '反映公司拖欠上月工资'],
    [23, 'online', ['wage_arrears'], 5, false, `5名骑手反映被派往${cBrand}配送，公司拖欠上月工资`],
    [17, 'visit', ['wage_arrears'], 14, false, '停工骑手代表14人来访，要求结清两个月工资'],
    [9, 'hotline', ['dismissal'], 1, false, '反映参与停工后被公司解除劳动关系'],
  ]);
  w.ins(c, 16, {
    kind: 'complaint',
    violations: ['wage_arrears'],
    workers: 31,
    amount: 93_000,
    order: 'pay',
    dueDaysAgo: -1,
    status: 'open',
    notes: '骑手停工后立案，已责令限期支付',
  });
  w.inc(c, 22, 'arrears');
  w.inc(c, 18, 'strike');
  w.inc(c, 17, 'protest');
  w.tell(
    c,
    'stoppage',
    `劳务派遣公司${cast.shortName(c)}拖欠31名骑手工资9.3万元，骑手停工罢送，14人集体来访，已责令限期支付`,
    [52, 23, 18, 17, 16],
  );

  const p = cast.platform;
  const pBrand = cast.brand(p);
  w.ins(p, 320, { kind: 'routine', violations: [], order: 'none', status: 'closed', ref: 'auto' });
  w.ins(p, 200, { kind: 'campaign', violations: [], order: 'none', status: 'closed', ref: 'auto' });
  w.ins(p, 20, {
    kind: 'campaign',
    violations: ['other'],
    order: 'rectify',
    dueDaysAgo: -10,
    status: 'open',
    notes: '专项检查：订单分配与计件单价规则未向骑手公示，超时罚款以罚代管',
  });
  pets(p, [
    [47, 'online', ['algorithm'], 1, false, '反映平台压缩配送时间，超时即扣款'],
    [40, 'hotline', ['account_ban'], 1, false, '反映账号被平台无故封禁'],
    [33, 'online', ['algorithm', 'deduction'], 1, false, '反映派单规则调整后超时罚款增多'],
    [27, 'online', ['account_ban'], 1, true, '再次反映封号申诉无人处理'],
    [14, 'hotline', ['algorithm'], 2, false, '反映恶劣天气下平台未延长配送时限'],
    [7, 'visit', ['algorithm', 'deduction'], 6, false, '6名骑手来访，反映平台压缩配送时间、超时扣款'],
  ]);
  w.inc(p, 6, 'protest');
  w.tell(
    p,
    'platform-partners',
    `${pBrand}平台：3家合作商先后出现超时加班与交通事故、未缴社保、欠薪，骑手就算法派单、封号反复信访`,
    [47, 35, 34, 20, 9, 7, 6],
  );

  const [p0, p1, p2] = cast.partners;
  w.ins(p0, 34, {
    kind: 'complaint',
    violations: ['overtime', 'rest'],
    workers: 20,
    order: 'rectify',
    dueDaysAgo: 4,
    status: 'overdue',
    notes: '骑手日均在线12小时以上，每月休息不足2天',
  });
  pets(p0, [
    [40, 'hotline', ['hours'], 1, false, '反映每天工作超过12小时，无休息日'],
    [29, 'online', ['algorithm'], 1, false, '反映站点按平台算法加派订单，超时扣款'],
    [8, 'hotline', ['injury'], 1, false, '骑手送餐途中发生交通事故受伤，站点未申报职业伤害保障'],
  ]);
  w.inc(p0, 9, 'other');
  w.tell(
    p0,
    'partner',
    `${pBrand}合作配送站${cast.shortName(p0)}：超时加班逾期未改，一名骑手送餐途中发生交通事故`,
    [40, 34, 9, 8],
    p.key,
  );

  w.ins(p1, 46, {
    kind: 'campaign',
    violations: ['social_insurance', 'no_contract'],
    workers: 40,
    order: 'rectify',
    dueDaysAgo: 16,
    status: 'overdue',
    notes: '外包骑手40人未缴社会保险，未签劳动合同',
  });
  pets(p1, [
    [36, 'online', ['social_insurance'], 1, false, '反映公司未缴纳社会保险'],
    [21, 'hotline', ['social_insurance'], 2, false, '反映入职半年社保仍未缴纳'],
    [10, 'visit', ['social_insurance'], 9, false, '9名骑手来访，要求补缴社会保险'],
  ]);
  w.inc(p1, 10, 'protest');
  w.tell(
    p1,
    'partner',
    `${pBrand}外包商${cast.shortName(p1)}：40名骑手未缴社保、逾期未改，9人来访`,
    [46, 16, 10],
    p.key,
  );

  w.ins(p2, 35, {
    kind: 'complaint',
    violations: ['wage_arrears'],
    workers: 8,
    amount: 31_200,
    order: 'pay',
    dueDaysAgo: 20,
    status: 'overdue',
    notes: '拖欠8名骑手工资，责令支付逾期未履行',
  });
  pets(p2, [
    [38, 'hotline', ['wage_arrears'], 1, false, '反映公司拖欠工资3,900元'],
    [28, 'visit', ['wage_arrears'], 8, false, '8名骑手来访，反映被拖欠工资共计约3.12万元'],
  ]);
  w.inc(p2, 20, 'arrears');
  w.tell(
    p2,
    'partner',
    `${pBrand}派遣商${cast.shortName(p2)}：拖欠8名骑手工资3.12万元，责令支付逾期未改`,
    [38, 35, 28, 20],
    p.key,
  );

  const [q0, q1] = cast.quiet;
  w.inc(q0, 27, 'strike');
  w.inc(q1, 9, 'protest');
  w.tell(q0, 'unforeseen', `${cast.shortName(q0)}：此前几无信号，司机突然停运（回测中的漏报）`, [27]);
  w.tell(q1, 'unforeseen', `${cast.shortName(q1)}：此前几无信号，快递员聚集（回测中的漏报）`, [9]);
  // Quiet firms must look quiet for a long while before their incident.
  sink.quietSince.set(q0.key, 120);
  sink.quietSince.set(q1.key, 120);
  return sink;
}
