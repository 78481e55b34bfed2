// The public-opinion side of the demo story: what local news, a rider forum,
// the bureau's notices and a GBK-encoded portal say about the story firms
// in the last 30 days. Exactly one item is an extreme event, less than two
// days old and worded soberly, so the "major opinion, same day" path has
// something real to show; no other item may use an extreme-event term.

import type { StoryCast } from './story-cast.ts';

export type FeedSlug = 'local-news' | 'rider-forum' | 'gov-notices' | 'gbk-portal';

export interface FeedItemSpec {
  slug: FeedSlug;
  /** Hours before now. */
  hoursAgo: number;
  title: string;
  description: string;
}

export function storyFeedItems(cast: StoryCast): FeedItemSpec[] {
  const a = cast.stationAAlias;
  const aBrand = cast.brand(cast.stationA);
  const aStreet = cast.stationA.street ?? '属地';
  const b = cast.stationBAlias;
  const bBrand = cast.brand(cast.stationB);
  const f = cast.shortName(cast.franchisee);
  const fBrand = cast.brand(cast.franchisee);
  const c = cast.shortName(cast.dispatch);
  const cBrand = cast.brand(cast.dispatch);
  const p = cast.brand(cast.platform);
  const [p0, p1, p2] = cast.partners.map((x) => cast.shortName(x)) as [string, string, string];
  const item = (slug: FeedSlug, days: number, hour: number, title: string, description: string): FeedItemSpec => ({
    slug,
    hoursAgo: days * 24 + hour,
    title,
    description,
  });

  return [
    // (a) the station that does not pay: forum first, then news, notices, portal.
    item(
      'rider-forum',
      26,
      5,
      `${a}三个月没发工资了，兄弟们怎么办`,
      '站长说平台还没结算，一直拖着。欠薪三个月，房租都交不上了。',
    ),
    item(
      'rider-forum',
      20,
      2,
      `今天二十多个兄弟在${a}门口聚集讨薪`,
      `${aBrand}的骑手都来了，站长一直不露面，街道的人来了解了情况。`,
    ),
    item(
      'local-news',
      19,
      3,
      `二十余名外卖骑手聚集${a}讨薪 街道已介入调解`,
      `二十余名${aBrand}骑手聚集在${a}门口，反映站点拖欠三个月工资。${aStreet}、派出所和区人社局到场调解，站点负责人承诺限期支付。`,
    ),
    item(
      'local-news',
      18,
      6,
      `${a}部分骑手停工等待欠薪处理结果`,
      `据了解，该站点仍有部分骑手停工，区人社局表示已对站点下达责令支付指令书。`,
    ),
    item(
      'gbk-portal',
      18,
      1,
      `${a}骑手讨薪事件追踪：区人社局已责令支付`,
      '区人社局表示，企业逾期未支付的，将依法进一步处理。',
    ),
    item(
      'gov-notices',
      16,
      4,
      `区人社局依法督办${cast.stationA.name}拖欠劳动报酬案件`,
      `针对${cast.stationA.name}（${a}）拖欠骑手劳动报酬问题，区人社局已下达责令支付指令书。企业逾期未履行，现依法督办。`,
    ),
    item('rider-forum', 2, 9, `${a}的事有后续吗？`, '听说人社局已经立案了，大家有消息的说一声。'),
    item(
      'local-news',
      0,
      20,
      `网传${a}一名骑手欲轻生，警方已介入`,
      `有网友发帖称，${a}一名骑手因工资长期被拖欠，在站点所在楼顶情绪激动、欲轻生。记者从属地派出所获悉，民警已到场处置，当事人情绪已稳定，已由家属陪同离开。区人社局表示，已督促企业尽快支付拖欠工资。`,
    ),
    // The second station, early on the same path.
    item('rider-forum', 8, 3, `${b}也开始拖欠工资了`, '说好月底发，又拖到下个月，问站长就说等平台打款。'),
    item(
      'gbk-portal',
      5,
      4,
      `${bBrand}骑手反映配送站欠薪 人社部门已受理`,
      `${b}十余名骑手反映被拖欠工资约6万元，区人社局已责令企业限期支付。`,
    ),
    // (b) the franchisee that fines and bans.
    item(
      'rider-forum',
      24,
      7,
      `${f}网点派件超时一单罚50，申诉还被封号`,
      `在${fBrand}网点干了两年，现在超时一单罚50，申诉完工号就被封了。`,
    ),
    item(
      'rider-forum',
      15,
      1,
      `又被${f}扣款了，这个月罚了八百多`,
      '投诉一次扣200，超时一单扣50，到手工资比最低工资还少。',
    ),
    item(
      'gbk-portal',
      13,
      2,
      `${fBrand}${f}网点快递员集体反映罚款扣款、封号问题`,
      '<p>多名快递员反映网点以罚代管，罚款扣款无书面依据，申诉后即被封号。</p><p>区人社局已受理并开展调查。</p>',
    ),
    item(
      'local-news',
      12,
      5,
      `快递员称被“以罚代管”：${fBrand}加盟网点频繁罚款、封号`,
      `${f}网点多名快递员称，网点按超时、投诉次数罚款，申诉后被封号，部分人月收入低于最低工资。`,
    ),
    // (c) the dispatch company whose riders stop work.
    item('rider-forum', 18, 9, `${c}派到${cBrand}的兄弟们今天集体罢送了`, '两个月工资没发，今天大家都不接单了。'),
    item(
      'local-news',
      18,
      2,
      `因工资发放问题 数十名骑手罢送 ${c}称正在筹款`,
      `数十名由${c}派往${cBrand}的骑手停工一天，要求结清两个月工资。公司称正在筹款，将尽快发放。`,
    ),
    item(
      'gbk-portal',
      17,
      3,
      `${c}罢送事件：骑手停工一天，${cBrand}称订单已调度`,
      `<p>${cBrand}表示已调度其他运力，保障订单配送。</p>`,
    ),
    item(
      'gov-notices',
      15,
      6,
      `区人社局就${cast.dispatch.name}骑手停工事件开展调查`,
      '区人社局已立案调查，并责令企业限期支付拖欠工资。',
    ),
    // (d) the platform whose partners pile up problems.
    item(
      'rider-forum',
      22,
      4,
      `${p}算法又改了，超时罚款越来越多`,
      '配送时间又压缩了五分钟，困在系统里，一天被扣好几单。',
    ),
    item(
      'rider-forum',
      14,
      6,
      `${p2}欠薪，八个人三万多，站长不接电话`,
      '我们八个人被拖欠工资三万多，去站点找也找不到人。',
    ),
    item('rider-forum', 11, 2, `${p1}的社保到底交没交？`, '入职半年，查了一下社保一分没交。'),
    item(
      'local-news',
      9,
      3,
      `${p}骑手送餐途中发生交通事故 受伤骑手已送医`,
      `${p0}一名骑手在送餐途中与一辆轿车相撞受伤，已被送往医院救治。交警部门正在调查事故原因。`,
    ),
    item(
      'gbk-portal',
      7,
      5,
      `${p}多家合作商被投诉 涉及欠薪、社保、超时`,
      `<p>近期，${p0}、${p1}、${p2}等${p}合作商先后被骑手投诉，涉及超时加班、未缴社保和拖欠工资。</p>`,
    ),
    item(
      'gov-notices',
      6,
      2,
      `区人社局约谈${p}平台 督促落实新就业形态劳动者权益保障责任`,
      `区人社局约谈${cast.platform.name}，要求平台督促${p0}、${p1}、${p2}等合作企业依法用工，公示派单规则与计件单价。`,
    ),
    item(
      'gbk-portal',
      3,
      6,
      `${p}推出新年促销活动，满减叠加会员红包`,
      '<p>活动期间新用户首单立减，会员每日可领红包。</p>',
    ),
  ];
}
