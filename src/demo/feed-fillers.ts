// Everyday items around the story: brand news, forum chatter, routine
// notices, local life. Some mention platforms with no labor-risk term at
// all (promotions, new features), some carry mild terms (超时, 算法), none
// an extreme-event term: the one extreme item lives in feed-story-items.ts.

import type { DemoDistrict } from './district.ts';
import type { FeedItemSpec, FeedSlug } from './feed-story-items.ts';
import type { Random } from './prng.ts';

type Pair = readonly [title: string, description: string];

// {food} {courier} {ride} {stream}: a platform brand of that sector;
// {street}: a street of the district; {year}: the current year.
const TEMPLATES: Record<FeedSlug, readonly Pair[]> = {
  'local-news': [
    ['{food}在{street}新设骑手暖心驿站', '驿站提供饮水、充电和休息座椅，全天开放。'],
    ['{ride}上线司机疲劳驾驶提醒功能', '连续接单4小时后，系统将提醒司机休息20分钟。'],
    ['{courier}发布冬季寄递服务指引', '提醒用户提前寄件，避开年末高峰。'],
    ['{street}开展新就业形态劳动者法律服务进站点活动', '律师现场解答劳动合同、社保缴纳等问题。'],
    ['{stream}举办主播职业技能培训', '培训内容包括直播规范、个人信息保护等。'],
    ['{food}午高峰订单量同比增长', '平台表示将增加运力，缩短等餐时间。'],
    ['雨雪天气来临 {food}提醒骑手注意交通安全', '平台称恶劣天气下将适当延长配送时限。'],
    ['{street}社区食堂与{food}合作推出助老配送', '辖区老人可通过平台预约送餐上门。'],
    ['{ride}与出租车公司签署合作协议', '双方将在运力调度、司机培训方面开展合作。'],
    ['{courier}网点新增智能快递柜', '{street}新增快递柜20组，方便居民取件。'],
    ['区总工会为外卖骑手送上冬季关爱礼包', '礼包包括防寒手套、护膝和保温杯。'],
    ['{stream}发布未成年人保护升级措施', '平台将加强对直播打赏的限制。'],
    ['{street}举办新就业形态劳动者专场招聘会', '30余家企业提供配送、仓储、客服等岗位。'],
    ['{courier}试点无人车末端配送', '无人车将在{street}部分小区试运行。'],
    ['{food}发布年度商户扶持计划', '平台将为中小商户减免部分佣金。'],
    ['区图书馆开设“骑手夜读”专区', '专区延长开放至晚上十点。'],
    ['{ride}推出无障碍出行服务', '轮椅乘客可预约专用车辆。'],
  ],
  'rider-forum': [
    ['新手求问：{food}众包怎么注册？', '刚来上海，想先兼职跑跑看。'],
    ['{street}哪里换电池比较方便？', '晚上十点以后还有开着的换电柜吗？'],
    ['冬天跑单手冻僵了，大家用什么手套', '推荐一下防水又保暖的。'],
    ['{food}这周的冲单奖励怎么算？', '看不懂规则，有没有老哥解释一下。'],
    ['今天超时了三单，心态有点崩', '高峰期商家出餐太慢了。'],
    ['{ride}晚高峰接单攻略分享', '多跑机场和火车站附近，空驶少。'],
    ['{courier}双十二快递量预估', '听说今年件量又要涨。'],
    ['电动车头盔哪款好？', '想换个轻一点的，预算两百。'],
    ['{street}暖心驿站可以热饭了', '微波炉和热水都有，推荐给大家。'],
    ['跑单一年的一点心得', '注意安全第一，别闯红灯，钱是挣不完的。'],
    ['{food}新出的路线推荐还挺准', '算法给的路线比我自己走的还近。'],
    ['有没有一起拼车回老家的？', '腊月二十回安徽，还有两个位置。'],
    ['{stream}主播转行跑外卖是种什么体验', '收入稳定多了，就是风吹日晒。'],
    ['站点聚餐，站长请客', '今年最后一次聚餐，大家辛苦了。'],
    ['{courier}驿站代收件太多了，放不下', '年底件量大，货架都堆满了。'],
    ['有人知道{street}附近哪家面馆出餐快吗', '中午送完想找个地方吃口热的。'],
    ['分享一个省电骑行的小技巧', '少急刹，胎压打足，续航能多十公里。'],
    ['{food}客服电话终于能打通了', '等了五分钟，问题解决了。'],
    ['考驾照还是继续跑单？', '想明年转行开网约车，大家怎么看。'],
    ['{ride}新司机第一周收入晒一晒', '每天跑十个小时，扣完油费还行。'],
    ['{street}新开了一家骑手理发店，只要十块', '老板人很好，还能充电。'],
    ['下雨天雨衣怎么选', '分体式的比一体式的好用。'],
  ],
  'gov-notices': [
    ['关于调整{year}年度社会保险缴费基数的通告', '自7月1日起执行，请用人单位按时申报。'],
    ['新就业形态就业人员职业伤害保障政策问答', '本市自2022年7月1日起开展职业伤害保障试点。'],
    ['劳动保障监察投诉举报渠道公告', '可拨打12333热线或通过网上信访平台反映。'],
    ['关于公布本市最低工资标准的通知', '月最低工资标准和小时最低工资标准同步调整。'],
    ['新就业形态劳动者服务站点名单（第三批）', '{street}等街镇新增服务站点。'],
    ['区劳动人事争议仲裁院公开招聘兼职仲裁员', '报名截止日期为本月底。'],
    ['关于开展{year}年度劳动用工书面审查的通知', '用人单位应按要求报送劳动用工情况。'],
    ['人力资源服务机构年度报告公示', '已完成年度报告的机构名单见附件。'],
    ['“和谐劳动关系”创建示范企业名单公示', '公示期为5个工作日。'],
    ['区人社局开展“春风行动”招聘会', '现场提供岗位2000余个。'],
    ['关于加强冬季劳动保护工作的提示', '用人单位应落实防寒保暖措施。'],
    ['劳动合同示范文本（新就业形态）发布', '供企业与劳动者参考使用。'],
    ['关于做好根治欠薪冬季专项行动的通知', '各街镇要摸排欠薪隐患，确保劳动者工资按时足额支付。'],
    ['关于开展新就业形态劳动者权益保障专项检查的通知', '重点检查平台企业及其合作企业的用工情况。'],
  ],
  'gbk-portal': [
    ['{street}周末市集开张 美食摊位过百', '<p>市集营业至晚上九点。</p>'],
    ['{food}联合商家推出暖冬套餐', '<p>套餐满减，配送费减免。</p>'],
    ['{street}一道路施工 公交线路临时调整', '<p>施工期间请绕行。</p>'],
    ['{ride}推出老年人一键叫车服务', '<p>老人可通过电话预约用车。</p>'],
    ['{courier}开通社区代收点', '<p>居民可就近收寄快递。</p>'],
    ['本周天气：冷空气来袭 最低气温降至零度', '<p>外出请注意保暖。</p>'],
    ['{stream}直播带货助农 本地蔬菜销量翻番', '<p>主播走进田间地头直播。</p>'],
    ['“骑手关爱”行动：暖心驿站 & 爱心餐', '<p>驿站每天中午提供免费爱心餐。</p>'],
    ['{street}新增电动自行车集中充电点', '<p>充电点配备消防设施。</p>'],
    ['{food}上线无障碍点餐模式', '<p>支持读屏与大字体。</p>'],
    ['{courier}春节不打烊 部分线路正常派送', '<p>春节期间派送时效可能延长。</p>'],
    ['{street}图书馆延长开放时间', '<p>每晚开放至九点。</p>'],
    ['区内新开三家社区食堂', '<p>面向社区居民和新就业形态劳动者。</p>'],
    ['{ride}司机之家新增两处', '<p>提供休息、饮水和车辆临时停放。</p>'],
  ],
};

/** Longest alias of each platform, grouped by sector family. */
function brands(district: DemoDistrict): Record<'food' | 'courier' | 'ride' | 'stream', string[]> {
  const out = { food: [] as string[], courier: [] as string[], ride: [] as string[], stream: [] as string[] };
  for (const f of district.firms) {
    if (f.role !== 'platform') continue;
    const brand = f.aliases.reduce((best, a) => (a.length > best.length ? a : best), '') || f.name;
    const family =
      f.sector === 'food_delivery' || f.sector === 'instant_delivery'
        ? 'food'
        : f.sector === 'courier'
          ? 'courier'
          : f.sector === 'ride_hailing'
            ? 'ride'
            : f.sector === 'live_streaming'
              ? 'stream'
              : null;
    if (family === null) continue;
    out[family].push(brand);
  }
  return out;
}

/** `count` filler items for one feed, over the last 30 days, with distinct titles. */
export function fillerItems(
  slug: FeedSlug,
  count: number,
  district: DemoDistrict,
  year: number,
  rnd: Random,
): FeedItemSpec[] {
  const b = brands(district);
  const fill = (s: string) =>
    s
      .replace(/\{(food|courier|ride|stream)\}/g, (_, k: keyof typeof b) => rnd.pick(b[k]))
      .replace(/\{street\}/g, () => rnd.pick(district.streets))
      .replace(/\{year\}/g, String(year));
  const pool = [...TEMPLATES[slug]];
  const out: FeedItemSpec[] = [];
  const titles = new Set<string>();
  // Draw templates without replacement; once used up, a template may come
  // back with another brand or street (titles stay distinct).
  for (let guard = 0; out.length < count && guard < count * 20; guard++) {
    const pair = pool.length > 0 ? pool.splice(rnd.int(0, pool.length - 1), 1)[0]! : rnd.pick(TEMPLATES[slug]);
    const title = fill(pair[0]);
    if (titles.has(title)) continue;
    titles.add(title);
    out.push({ slug, hoursAgo: rnd.int(3, 29 * 24), title, description: fill(pair[1]) });
  }
  return out;
}
