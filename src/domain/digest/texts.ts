// The digest's words in each language (issue 15 item 2): the document, its
// e-mail and its robot summary are written in the reader's language from the
// same stored content. Codes (sectors, channels, levels) go through the one
// translation of codes (../i18n/codes.ts); `{name}` slots are filled by fill().

import type { Lang } from '../i18n/codes.ts';
import type { CreditEntry, CreditKind, HeadlineKey, Level } from './types.ts';

const zh = {
  htmlLang: 'zh-CN',
  headline: {
    alerts_red: '新增红色预警', alerts_orange: '新增橙色预警', alerts_yellow: '新增黄色预警', alerts_blue: '新增蓝色预警', major_opinion: '重大舆情预警',
    firms_red: '红色等级企业（周末）', firms_orange: '橙色等级企业（周末）', records_inspections: '入库监察记录', records_petitions: '入库信访记录',
    records_opinion: '入库舆情信息', collective_petitions: '集体信访',
  } as Record<HeadlineKey, string>,
  levelShort: { red: '红', orange: '橙', yellow: '黄', blue: '蓝' } as Record<Level, string>,
  creditKind: { candidate: '新增候选', proposed: '提请列入', listed: '列入名单', removed: '移出名单' } as Record<CreditKind, string>,
  removalKind: { early: '提前移出', expiry: '期满移出', revoked: '撤销列入' } as Record<NonNullable<CreditEntry['removalKind']>, string>,
  flat: '持平',
  minutes: '{m} 分钟', hours: '{h} 小时', hoursMinutes: '{h} 小时 {m} 分',
  wholeArea: '全辖区',
  title: '{scope}新就业形态劳动风险形势研判周报（{week}）',
  unregistered: '未登记',
  meta: '统计周期 {from}（周一）至 {to}（周日），数据截至 {asOf}（北京时间）',
  viewInConsole: '在控制台查看',
  s1: '一、主要指标', indicator: '指标', thisWeek: '本周', lastWeek: '上周', change: '变化', twelveWeeks: '近12周',
  sparkLabel: '{name} 近12周',
  channels: '本周登记信访按渠道：{list}',
  s2: '二、风险最高的十家企业', noScores: '本周末无评分企业。',
  firm: '企业', sector: '行业', street: '街道', score: '评分', vsLastWeek: '较上周', level: '等级', mainReasons: '主要原因', isNew: '新',
  s3: '三、分行业', seriesAlerts: '本周新增预警', seriesRedOrange: '红/橙等级企业', sectorChart: '分行业预警与高风险企业',
  s4: '四、分{area}', areaStreet: '街道', areaDistrict: '区', noData: '无数据。', areaChart: '分{area}预警与高风险企业',
  s5: '五、响应情况', ackMedian: '确认用时中位数', ackP90: '确认用时 P90', deadlineShare: '按期办结率', dueCount: '{met}/{due} 件到期',
  sameDay: '重大舆情不过夜率', sameDayCount: '{n}/{d} 件', pending: '，{n} 件未到期',
  responseLine: '本周预警 {total} 件，周末前已确认 {ack} 件，未确认 {unack} 件。',
  overdueCaption: '过夜未办结的重大舆情', alert: '预警', raised: '发出', deadline: '时限', closed: '办结', dayEnd: '当日 24:00', notClosed: '未办结',
  moreOverdue: '另有 {n} 件未列出，见控制台预警队列。',
  s6: '六、失信联合惩戒名单', previous: '上周 {n}（{change}）',
  creditEnd: '周末在册 {listed} 家，程序中（候选至待列入）{open} 件。',
  time: '时间', matter: '事项', note: '说明', decisionNo: '文书号 {no}', moreCredit: '另有 {n} 项未列出，详见控制台失信名单。',
  s7: '七、舆情源运行', feedsOk: '无连续失败超过一天的舆情源（检查于 {at}）。', feed: '舆情源', lastSuccess: '最后成功', failures: '连续失败',
  lastError: '最近错误', checkedAt: '检查于 {at}。',
  s8: '八、本周值得关注的舆情', noNotable: '本周无相关舆情。', major: '【重大】', severity: '严重度 {n}',
  footer: '本报告由前哨系统根据截至统计周期结束时的存量数据自动生成；重新生成同一周的报告得到相同数字（舆情源运行情况为首次生成时的快照）。',
  // The robot summary (Markdown).
  mdPeriod: '{from} 至 {to}', mdNewAlerts: '新增预警', mdHighRisk: '周末高风险企业', mdRecords: '入库记录',
  mdInspections: '监察', mdPetitions: '信访', mdOpinion: '舆情', mdChannels: '信访渠道', mdSameDay: '重大舆情不过夜率',
  mdDeadlineShare: '按期办结率', mdAckMedian: '确认用时中位数', mdCredit: '失信名单', mdListedAtEnd: '周末在册 {n}',
  mdFeedsFailing: '舆情源连续失败超过一天', mdTopFirms: '风险最高企业', mdFullDigest: '查看完整周报',
};

const en: typeof zh = {
  htmlLang: 'en',
  headline: {
    alerts_red: 'New red alerts', alerts_orange: 'New orange alerts', alerts_yellow: 'New yellow alerts', alerts_blue: 'New blue alerts',
    major_opinion: 'Major public-opinion alerts', firms_red: 'Firms at red (week end)', firms_orange: 'Firms at orange (week end)',
    records_inspections: 'Inspection records received', records_petitions: 'Petitions received', records_opinion: 'Opinion items received',
    collective_petitions: 'Collective petitions',
  },
  levelShort: { red: 'Red', orange: 'Orange', yellow: 'Yellow', blue: 'Blue' },
  creditKind: { candidate: 'New candidates', proposed: 'Proposed', listed: 'Listed', removed: 'Removed' },
  removalKind: { early: 'removed early', expiry: 'removed at term end', revoked: 'listing revoked' },
  flat: 'no change',
  minutes: '{m} min', hours: '{h} h', hoursMinutes: '{h} h {m} min',
  wholeArea: 'Whole jurisdiction',
  title: '{scope}: weekly labor-risk digest for new forms of employment ({week})',
  unregistered: 'not recorded',
  meta: 'Period {from} (Monday) to {to} (Sunday); figures as of {asOf} (Beijing time)',
  viewInConsole: 'View in the console',
  s1: '1. Key figures', indicator: 'Figure', thisWeek: 'This week', lastWeek: 'Last week', change: 'Change', twelveWeeks: 'Last 12 weeks',
  sparkLabel: '{name}, last 12 weeks',
  channels: 'Petitions received this week by channel: {list}',
  s2: '2. The ten highest-risk firms', noScores: 'No firm had a score at the end of the week.',
  firm: 'Firm', sector: 'Sector', street: 'Street', score: 'Score', vsLastWeek: 'vs. last week', level: 'Level', mainReasons: 'Main reasons', isNew: 'new',
  s3: '3. By sector', seriesAlerts: 'New alerts this week', seriesRedOrange: 'Firms at red or orange', sectorChart: 'Alerts and high-risk firms by sector',
  s4: '4. By {area}', areaStreet: 'street', areaDistrict: 'district', noData: 'No data.', areaChart: 'Alerts and high-risk firms by {area}',
  s5: '5. Response', ackMedian: 'Median time to acknowledge', ackP90: 'Time to acknowledge, P90', deadlineShare: 'Closed by the deadline', dueCount: '{met}/{due} due',
  sameDay: 'Major opinion handled the same day', sameDayCount: '{n}/{d}', pending: ', {n} not yet due',
  responseLine: '{total} alerts this week: {ack} acknowledged by the week end, {unack} not acknowledged.',
  overdueCaption: 'Major public-opinion alerts not closed the same day', alert: 'Alert', raised: 'Raised', deadline: 'Deadline', closed: 'Closed',
  dayEnd: '24:00 the same day', notClosed: 'not closed',
  moreOverdue: '{n} more not listed: see the alert queue in the console.',
  s6: '6. Credit blacklist', previous: 'last week {n} ({change})',
  creditEnd: 'At the week end: {listed} firms listed, {open} cases in the procedure (candidate to approved).',
  time: 'Time', matter: 'Step', note: 'Note', decisionNo: 'decision number {no}', moreCredit: '{n} more not listed: see the credit list in the console.',
  s7: '7. Opinion feeds', feedsOk: 'No feed has failed for more than a day (checked {at}).', feed: 'Feed', lastSuccess: 'Last success', failures: 'Failures in a row',
  lastError: 'Last error', checkedAt: 'Checked {at}.',
  s8: '8. Opinion items worth attention this week', noNotable: 'No relevant items this week.', major: '[Major] ', severity: 'severity {n}',
  footer: 'Generated by Qianshao from the data held at the end of the period; building the same week again gives the same figures (feed health is a snapshot of the first build).',
  mdPeriod: '{from} to {to}', mdNewAlerts: 'New alerts', mdHighRisk: 'High-risk firms at week end', mdRecords: 'Records received',
  mdInspections: 'inspections', mdPetitions: 'petitions', mdOpinion: 'opinion', mdChannels: 'Petition channels', mdSameDay: 'Major opinion handled the same day',
  mdDeadlineShare: 'closed by the deadline', mdAckMedian: 'median time to acknowledge', mdCredit: 'Credit list', mdListedAtEnd: '{n} listed at week end',
  mdFeedsFailing: 'Feeds failing for more than a day', mdTopFirms: 'Highest-risk firms', mdFullDigest: 'Read the full digest',
};

export type DigestWords = typeof zh;
export const digestWords = (lang: Lang): DigestWords => (lang === 'en' ? en : zh);

/** Fills `{name}` slots. */
export const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (whole, k: string) => (values[k] === undefined ? whole : String(values[k])));
