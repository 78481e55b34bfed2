// Story cases (a) and (b): two delivery stations on the wage-arrears path
// (one all the way to an overdue order and a collective petition, one at
// the start of it) and a courier franchisee fining and banning its couriers.
// Day numbers count back from now; the escalation sits in the last 60 days.

import type { DemoCalendar } from './calendar.ts';
import type { DemoFirm } from './district.ts';
import { type DemoStory, type IncidentSpec, type InspectionSpec, type PetitionSpec, wan } from './record-model.ts';
import type { StoryCast } from './story-cast.ts';

export interface StorySink {
  inspections: InspectionSpec[];
  petitions: PetitionSpec[];
  incidents: IncidentSpec[];
  story: DemoStory[];
  quietSince: Map<string, number>;
}

type Ins = Omit<InspectionSpec, 'daysAgo' | 'firm'>;
type Pet = Omit<PetitionSpec, 'daysAgo' | 'firm'>;

/** Small builders so each case reads as a timeline. */
export function storyWriter(sink: StorySink, cal: DemoCalendar) {
  return {
    ins: (firm: DemoFirm, daysAgo: number, spec: Ins) => sink.inspections.push({ daysAgo, firm, ref: 'both', ...spec }),
    pet: (firm: DemoFirm, daysAgo: number, spec: Pet) => sink.petitions.push({ daysAgo, firm, ref: 'name', ...spec }),
    inc: (firm: DemoFirm, daysAgo: number, kind: IncidentSpec['kind']) => sink.incidents.push({ daysAgo, firm, kind }),
    tell: (firm: DemoFirm, kind: DemoStory['kind'], summary: string, days: number[], platformKey?: string) => {
      // Background noise keeps out of the story window of a story firm.
      sink.quietSince.set(firm.key, 75);
      const dates = [...new Set(days)].sort((a, b) => b - a).map((d) => cal.iso(d));
      sink.story.push({
        firmKey: firm.key,
        firmName: firm.name,
        uscc: firm.uscc,
        kind,
        summary,
        dates,
        ...(platformKey ? { platformKey } : {}),
      });
    },
  };
}

export function stationStories(cast: StoryCast, w: ReturnType<typeof storyWriter>): void {
  const a = cast.stationA;
  const aWorkers = 23;
  const aAmount = 186_400;
  w.ins(a, 300, { kind: 'routine', violations: [], order: 'none', status: 'closed', ref: 'auto' });
  w.ins(a, 170, {
    kind: 'campaign',
    violations: ['no_contract'],
    workers: 3,
    order: 'rectify',
    dueDaysAgo: 155,
    rectifiedDaysAgo: 161,
    status: 'rectified',
    ref: 'auto',
  });
  w.pet(a, 63, {
    channel: 'hotline',
    categories: ['wage_arrears'],
    petitioners: 1,
    repeat: false,
    summary: `反映${cast.stationAAlias}拖欠其三个月工资约2.4万元`,
    status: 'closed',
    closedDaysAgo: 56,
  });
  w.pet(a, 60, {
    channel: 'online',
    categories: ['wage_arrears'],
    petitioners: 2,
    repeat: false,
    summary: '两名骑手反映站点以“平台未结算”为由连续三个月未发工资',
    status: 'closed',
    closedDaysAgo: 56,
    ref: 'alias',
  });
  w.ins(a, 56, {
    kind: 'complaint',
    violations: ['wage_arrears', 'social_insurance'],
    workers: aWorkers,
    amount: aAmount,
    order: 'pay',
    dueDaysAgo: 41,
    status: 'overdue',
    notes: `骑手反映连续三个月工资未发放，涉及${aWorkers}人${wan(aAmount)}，已下达责令支付指令书`,
  });
  w.ins(a, 38, {
    kind: 'complaint',
    violations: ['wage_arrears'],
    workers: aWorkers,
    amount: aAmount,
    order: 'pay',
    dueDaysAgo: 41,
    status: 'overdue',
    notes: '复查：整改期限届满仍未支付，拟按拒不支付劳动报酬线索移送',
  });
  w.pet(a, 31, {
    channel: 'visit',
    categories: ['wage_arrears'],
    petitioners: aWorkers,
    repeat: false,
    status: 'open',
    summary: `${aWorkers}名骑手集体来访，反映站点拖欠三个月工资共计约${wan(aAmount)}，责令支付期限已过仍未支付`,
  });
  w.pet(a, 19, {
    channel: 'visit',
    categories: ['wage_arrears'],
    petitioners: 15,
    repeat: true,
    status: 'open',
    summary: '骑手再次集体来访讨薪，称站点负责人已失联',
    ref: 'alias',
  });
  w.pet(a, 2, {
    channel: 'hotline',
    categories: ['wage_arrears'],
    petitioners: 1,
    repeat: true,
    status: 'open',
    summary: '骑手家属来电反映欠薪仍未解决，当事人情绪激动',
  });
  w.inc(a, 31, 'arrears');
  w.inc(a, 19, 'protest');
  w.inc(a, 18, 'strike');
  w.inc(a, 1, 'extreme');
  w.tell(
    a,
    'wage-arrears',
    `${cast.stationAAlias}拖欠${aWorkers}名骑手工资${wan(aAmount)}，责令支付逾期未改，骑手集体来访、聚集讨薪，网传一名骑手欲轻生`,
    [56, 41, 38, 31, 19, 1],
  );

  const b = cast.stationB;
  const bWorkers = 11;
  const bAmount = 62_500;
  w.ins(b, 250, { kind: 'routine', violations: [], order: 'none', status: 'closed', ref: 'auto' });
  w.pet(b, 21, {
    channel: 'hotline',
    categories: ['wage_arrears'],
    petitioners: 1,
    repeat: false,
    summary: '反映配送站拖欠上月工资5,800元',
    status: 'open',
  });
  w.pet(b, 16, {
    channel: 'online',
    categories: ['wage_arrears'],
    petitioners: 3,
    repeat: false,
    summary: `三名骑手反映${cast.stationBAlias}工资一再推迟发放`,
    status: 'open',
    ref: 'alias',
  });
  w.ins(b, 12, {
    kind: 'complaint',
    violations: ['wage_arrears'],
    workers: bWorkers,
    amount: bAmount,
    order: 'pay',
    dueDaysAgo: -3,
    status: 'open',
    notes: '已下达责令支付指令书，限15日内支付',
  });
  w.pet(b, 6, {
    channel: 'visit',
    categories: ['wage_arrears'],
    petitioners: bWorkers,
    repeat: false,
    summary: `${bWorkers}名骑手集体来访，反映被拖欠工资约${wan(bAmount)}`,
    status: 'open',
  });
  w.pet(b, 3, {
    channel: 'hotline',
    categories: ['wage_arrears'],
    petitioners: 1,
    repeat: true,
    summary: '再次反映欠薪，称站点通知下月才能发放',
    status: 'open',
  });
  w.inc(b, 4, 'arrears');
  w.inc(b, 3, 'protest');
  w.tell(
    b,
    'wage-arrears',
    `${cast.stationBAlias}拖欠${bWorkers}名骑手工资${wan(bAmount)}，已责令限期支付（期限未到），骑手集体来访`,
    [21, 12, 6, 3],
  );

  const f = cast.franchisee;
  const brand = cast.brand(f);
  w.ins(f, 200, { kind: 'routine', violations: [], order: 'none', status: 'closed', ref: 'auto' });
  w.ins(f, 95, { kind: 'routine', violations: [], order: 'none', status: 'closed', ref: 'auto' });
  const fines: [number, PetitionSpec['channel'], PetitionSpec['categories'], number, boolean, string][] = [
    [58, 'hotline', ['deduction'], 1, false, '反映网点以派件超时为由每单罚款50元'],
    [50, 'online', ['account_ban'], 1, false, '对罚款提出申诉后工号被封，无法接单'],
    [44, 'hotline', ['deduction'], 2, false, '反映网点按投诉次数扣款，扣款无书面规定'],
    [37, 'online', ['deduction', 'account_ban'], 1, true, '再次反映被罚款并封号，网点称系平台规则'],
    [30, 'visit', ['deduction'], 4, false, `4名快递员来访，反映${brand}网点月均扣款800余元`],
    [24, 'hotline', ['account_ban'], 1, true, '工号被封后押金不退'],
    [16, 'online', ['deduction'], 1, true, '反映罚款仍在继续，本月被扣1,100元'],
    [11, 'visit', ['deduction', 'account_ban'], 7, true, '7名快递员集体来访，反映罚款、封号问题未解决'],
    [4, 'hotline', ['deduction'], 1, true, '反映网点新增“超时罚款”规则'],
  ];
  for (const [d, channel, categories, n, repeat, summary] of fines) {
    w.pet(f, d, {
      channel,
      categories,
      petitioners: n,
      repeat,
      summary,
      status: d > 40 ? 'closed' : 'open',
      ...(d > 40 ? { closedDaysAgo: d - 12 } : {}),
    });
  }
  w.ins(f, 26, {
    kind: 'complaint',
    violations: ['min_wage', 'other'],
    workers: 14,
    amount: 11_200,
    order: 'rectify',
    dueDaysAgo: -4,
    status: 'open',
    notes: '以罚代管：超时、投诉罚款无制度依据，扣款后部分快递员月收入低于最低工资标准',
  });
  w.inc(f, 13, 'protest');
  w.inc(f, 5, 'other');
  w.tell(
    f,
    'fines-and-bans',
    `${brand}加盟商${cast.shortName(f)}以罚代管：快递员反复信访罚款扣款、封号，7人集体来访，已责令改正`,
    [58, 37, 26, 11, 4],
  );
}
