// The words of robot, SMS and voice messages, per language. A message is
// written in its receiver's language: the endpoint's for a group robot or a
// webhook, the person's for an SMS or a call (migration 0023). Codes inside
// a message go through ./codes.ts like everywhere else.

import type { Lang } from './codes.ts';

export type ChatLevel = 'red' | 'orange' | 'yellow' | 'blue';

const zh = {
  /** 红色预警 … */
  levelAlert: { red: '红色预警', orange: '橙色预警', yellow: '黄色预警', blue: '蓝色预警' } as Record<
    ChatLevel,
    string
  >,
  /** What happened, as the message's heading says it. */
  actions: {
    'alert.raised': '新预警',
    'alert.escalated': '预警升级',
    'alert.acknowledged': '预警已确认',
    'alert.resolved': '预警已办结',
    'credit.proposed': '失信名单：拟列入（待审批）',
    'credit.listed': '失信名单：已列入',
    'credit.removed': '失信名单：已移出',
    'digest.published': '形势研判周报已发布',
    'feed.alert': '舆情源告警',
    'feed.recovered': '舆情源恢复',
  } as Record<string, string>,
  alert: '预警',
  alertReminder: '预警提醒',
  unknownFirm: '（未知企业）',
  /** Facts of an alert message. */
  facts: {
    firm: '企业',
    rule: '规则',
    score: '风险分',
    previousLevel: '原级别',
    raisedAt: '发现时间',
    dueAt: '处置时限',
    actor: '处理人',
    note: '说明',
  },
  /** Fields of the credit-list record and of the digest event, by payload key. */
  fields: {
    legal_representative: '法定代表人',
    reason: '列入事由',
    basis: '列入依据',
    authority: '决定机关',
    decision_no: '文书号',
    document_no: '文书号',
    listed_at: '列入日期',
    listed_on: '列入日期',
    expected_exit_at: '预计退出日期',
    expected_exit_on: '预计退出日期',
    removed_at: '移出日期',
    removed_on: '移出日期',
    removal_reason: '移出原因',
    status: '状态',
    state: '状态',
    district: '区',
    proposed_by: '提议人',
    approved_by: '审批人',
    period: '周期',
    period_start: '起始',
    period_end: '截止',
    week: '周次',
    summary: '摘要',
    published_at: '发布时间',
    // Feed health alerts (src/alerts/feed-alerts.ts).
    since: '起始时间',
    failures: '连续失败次数',
    last_error: '最近错误',
    usual_interval_minutes: '通常间隔（分钟）',
    recovered_at: '恢复时间',
  } as Record<string, string>,
  viewDetails: '查看详情',
  details: '详情',
  open: '查看',
  ack: '一键确认',
  ackButton: '确认收到',
};

const en: typeof zh = {
  levelAlert: { red: 'Red alert', orange: 'Orange alert', yellow: 'Yellow alert', blue: 'Blue alert' },
  actions: {
    'alert.raised': 'New alert',
    'alert.escalated': 'Alert escalated',
    'alert.acknowledged': 'Alert acknowledged',
    'alert.resolved': 'Alert resolved',
    'credit.proposed': 'Credit list: listing proposed (awaiting approval)',
    'credit.listed': 'Credit list: listed',
    'credit.removed': 'Credit list: removed',
    'digest.published': 'Weekly risk digest published',
    'feed.alert': 'Feed alert',
    'feed.recovered': 'Feed recovered',
  },
  alert: 'Alert',
  alertReminder: 'Alert reminder',
  unknownFirm: '(unknown firm)',
  facts: {
    firm: 'Firm',
    rule: 'Rule',
    score: 'Risk score',
    previousLevel: 'Previous level',
    raisedAt: 'Raised',
    dueAt: 'Handle by',
    actor: 'By',
    note: 'Note',
  },
  fields: {
    legal_representative: 'Legal representative',
    reason: 'Grounds',
    basis: 'Legal basis',
    authority: 'Deciding authority',
    decision_no: 'Decision number',
    document_no: 'Decision number',
    listed_at: 'Listed on',
    listed_on: 'Listed on',
    expected_exit_at: 'Expected removal',
    expected_exit_on: 'Expected removal',
    removed_at: 'Removed on',
    removed_on: 'Removed on',
    removal_reason: 'Reason for removal',
    status: 'Status',
    state: 'Status',
    district: 'District',
    proposed_by: 'Proposed by',
    approved_by: 'Approved by',
    period: 'Period',
    period_start: 'From',
    period_end: 'To',
    week: 'Week',
    summary: 'Summary',
    published_at: 'Published',
    since: 'Since',
    failures: 'Consecutive failures',
    last_error: 'Last error',
    usual_interval_minutes: 'Usual interval (minutes)',
    recovered_at: 'Recovered at',
  },
  viewDetails: 'View details',
  details: 'Details',
  open: 'Open',
  ack: 'Acknowledge',
  ackButton: 'Acknowledge',
};

export type ChatTexts = typeof zh;
export const chatTexts = (lang: Lang): ChatTexts => (lang === 'en' ? en : zh);

/** 【红色预警】 / [Red alert]: the level marker that opens a message's heading. */
export function levelMarkerText(lang: Lang, level: ChatLevel): string {
  return lang === 'en' ? `[${en.levelAlert[level]}]` : `【${zh.levelAlert[level]}】`;
}

/** A language value as stored (anything but 'en' reads as Chinese, the default). */
export const langOf = (v: unknown): Lang => (v === 'en' ? 'en' : 'zh');
