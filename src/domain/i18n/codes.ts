// The one translation of codes into words a reader sees (house rule: codes
// never reach a reader). Every closed vocabulary the product shows — record
// enums, alert levels/statuses/rules, roles, credit states, timeline kinds,
// channels, permissions, form fields — has its Chinese and English label
// here; the Chinese labels of record enums are the import vocabularies'
// own (../values/enums.ts), so what a clerk types and what a page shows
// cannot drift. Pages, robots, e-mail, the digest, CSV exports and the CLI
// all call `codeLabel`.

import {
  FIRM_ROLE, INCIDENT_KIND, INSPECTION_KIND, INSPECTION_STATUS, ORDER, PETITION_CATEGORY, PETITION_CHANNEL, PETITION_STATUS, SECTOR, VIOLATION,
} from '../values/enums.ts';
import { ROLE_CATALOGUE } from '../roles.ts';
import { STATE_ZH } from '../credit/states.ts';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

interface Vocabulary {
  zh: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

const roleZh = Object.fromEntries(Object.entries(ROLE_CATALOGUE).map(([k, v]) => [k, v.labelZh]));

export const VOCABULARIES = {
  sector: {
    zh: SECTOR.labels,
    en: { food_delivery: 'food delivery', ride_hailing: 'ride-hailing', courier: 'courier', instant_delivery: 'instant delivery', live_streaming: 'live streaming', freight: 'freight', other: 'other' },
  },
  firmRole: {
    zh: FIRM_ROLE.labels,
    en: { platform: 'platform', franchisee: 'franchisee', agent: 'delivery agent', outsourcing: 'outsourcing firm', dispatch: 'labor dispatch firm', other: 'other' },
  },
  linkKind: {
    zh: { franchise: '加盟', agency: '代理', outsourcing: '外包', dispatch: '劳务派遣', other: '其他' },
    en: { franchise: 'franchise', agency: 'agency', outsourcing: 'outsourcing', dispatch: 'labor dispatch', other: 'other' },
  },
  inspectionKind: {
    zh: INSPECTION_KIND.labels,
    en: { routine: 'routine patrol', complaint: 'complaint', campaign: 'special campaign' },
  },
  violation: {
    zh: VIOLATION.labels,
    en: {
      wage_arrears: 'wage arrears', min_wage: 'below minimum wage', no_contract: 'no written contract', social_insurance: 'social insurance unpaid',
      overtime: 'excessive overtime', rest: 'rest and leave', illegal_dispatch: 'unlawful dispatch', occupational_injury: 'work injury',
      discrimination: 'employment discrimination', child_labor: 'child labor', women_minors: 'protection of women and juvenile workers', other: 'other',
    },
  },
  order: { zh: ORDER.labels, en: { none: 'none', rectify: 'order to rectify', pay: 'order to pay' } },
  inspectionStatus: {
    zh: INSPECTION_STATUS.labels,
    en: { open: 'in progress', rectified: 'rectified', overdue: 'overdue, not rectified', closed: 'closed', transferred: 'transferred' },
  },
  petitionChannel: {
    zh: { ...PETITION_CHANNEL.labels, hotline: '热线（12333）' },
    en: { visit: 'visit', letter: 'letter', hotline: 'hotline (12333)', hotline_12345: '12345 hotline', leaders_board: "leaders' message board", online: 'online petition' },
  },
  petitionCategory: {
    zh: PETITION_CATEGORY.labels,
    en: {
      wage_arrears: 'wage arrears', social_insurance: 'social insurance', injury: 'work injury', account_ban: 'account ban', deduction: 'deductions and fines',
      algorithm: 'algorithmic dispatch', hours: 'working hours', dismissal: 'dismissal', other: 'other',
    },
  },
  petitionStatus: { zh: PETITION_STATUS.labels, en: { open: 'in progress', closed: 'concluded' } },
  incidentKind: {
    zh: INCIDENT_KIND.labels,
    en: { strike: 'work stoppage', protest: 'gathering', extreme: 'extreme incident', arrears: 'wage-arrears incident', other: 'other' },
  },
  importKind: {
    zh: { firms: '企业', inspections: '劳动保障监察', petitions: '信访', opinion: '舆情', incidents: '事件标注', roster: '排班' },
    en: { firms: 'firms', inspections: 'labor inspections', petitions: 'petitions', opinion: 'public opinion', incidents: 'incident labels', roster: 'duty roster' },
  },
  recordSource: {
    zh: { inspection: '劳动保障监察', petition: '信访', opinion: '舆情' },
    en: { inspection: 'labor inspection', petition: 'petition', opinion: 'public opinion' },
  },
  level: {
    zh: { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色' },
    en: { red: 'red', orange: 'orange', yellow: 'yellow', blue: 'blue' },
  },
  alertStatus: {
    zh: { open: '待确认', acknowledged: '已确认', in_progress: '处置中', resolved: '已办结', dismissed: '已排除' },
    en: { open: 'open', acknowledged: 'acknowledged', in_progress: 'in progress', resolved: 'resolved', dismissed: 'dismissed' },
  },
  rule: {
    zh: {
      major_opinion: '重大舆情', collective_action: '集体行动', collective_wage_petition: '集体欠薪信访', overdue_wage_order: '逾期未支付工资',
      risk_level: '风险等级上升', credit_objection_overdue: '信用异议处理超时', credit_clock_due: '信用惩戒法定期限将届满', coverage_gap: '无人值班',
    },
    en: {
      major_opinion: 'major public opinion', collective_action: 'collective action', collective_wage_petition: 'collective wage petition',
      overdue_wage_order: 'overdue pay order', risk_level: 'risk level rose', credit_objection_overdue: 'credit objection overdue', credit_clock_due: 'credit-list statutory period about to lapse', coverage_gap: 'nobody on duty',
    },
  },
  alertAction: {
    zh: { ack: '确认', start: '开始处置', resolve: '办结', dismiss: '排除', reopen: '重新打开', assign: '分配', note: '备注' },
    en: { ack: 'acknowledge', start: 'start handling', resolve: 'resolve', dismiss: 'dismiss', reopen: 'reopen', assign: 'assign', note: 'add a note to' },
  },
  alertCategory: { zh: { labor: '劳动保障', opinion: '舆情' }, en: { labor: 'labor', opinion: 'public opinion' } },
  dismissReason: {
    zh: { false_positive: '误报', duplicate: '重复', not_labor_risk: '非劳动风险', outside_jurisdiction: '不属本辖区', other: '其他' },
    en: { false_positive: 'false positive', duplicate: 'duplicate', not_labor_risk: 'not a labor risk', outside_jurisdiction: 'outside jurisdiction', other: 'other' },
  },
  /** Why a robot or e-mail message was sent again (escalations). */
  escalationReason: {
    zh: { unacknowledged: '无人确认', overdue: '处置超时', level_raised: '等级上升', unsilenced: '静默结束' },
    en: { unacknowledged: 'nobody acknowledged', overdue: 'handling overdue', level_raised: 'level rose', unsilenced: 'silence ended' },
  },
  timelineKind: {
    zh: {
      raised: '发现', updated: '更新', level_raised: '升级', silenced: '静默', unsilenced: '解除静默', notified: '通知值班',
      escalated: '逐级上报', overdue: '超时', acknowledged: '已确认', in_progress: '开始处置', resolved: '办结', dismissed: '排除',
      reopened: '重新打开', assigned: '分配', note: '备注', ack_lapsed: '确认超时未处置', delivery: '发送尝试',
      grouped: '并入事件', info_published: '已发布权威信息', coverage_gap: '无人值班', recovered: '已恢复',
    },
    en: {
      raised: 'raised', updated: 'updated', level_raised: 'level raised', silenced: 'silenced', unsilenced: 'unsilenced', notified: 'duty notified',
      escalated: 'escalated', overdue: 'overdue', acknowledged: 'acknowledged', in_progress: 'handling started', resolved: 'resolved', dismissed: 'dismissed',
      reopened: 'reopened', assigned: 'assigned', note: 'note', ack_lapsed: 'acknowledged but not handled in time', delivery: 'delivery attempt',
      grouped: 'grouped into an incident', info_published: 'authoritative information published', coverage_gap: 'nobody on duty', recovered: 'recovered',
    },
  },
  deliveryStatus: {
    zh: { pending: '待发送', sending: '发送中', delivered: '已送达', dead: '失败（死信）', cancelled: '已取消' },
    en: { pending: 'pending', sending: 'sending', delivered: 'delivered', dead: 'failed (dead letter)', cancelled: 'cancelled' },
  },
  channelKind: {
    zh: { standard: '标准 Webhook', wecom: '企业微信机器人', dingtalk: '钉钉机器人', feishu: '飞书机器人', email: '电子邮件', aliyun_sms: '阿里云短信', aliyun_voice: '阿里云语音通知', tencent_sms: '腾讯云短信' },
    en: { standard: 'standard webhook', wecom: 'WeCom robot', dingtalk: 'DingTalk robot', feishu: 'Feishu robot', email: 'e-mail', aliyun_sms: 'Alibaba Cloud SMS', aliyun_voice: 'Alibaba Cloud voice call', tencent_sms: 'Tencent Cloud SMS' },
  },
  // Feed health alerts (src/alerts/feed-alerts.ts).
  feedAlertKind: {
    zh: { failing: '抓取连续失败', silent: '长时间无新内容' },
    en: { failing: 'failing to fetch', silent: 'silent for too long' },
  },
  eventType: {
    zh: {
      'alert.raised': '预警发现', 'alert.escalated': '预警升级', 'alert.acknowledged': '预警确认', 'alert.resolved': '预警办结',
      'credit.proposed': '提请列入失信名单', 'credit.listed': '列入失信名单', 'credit.removed': '移出失信名单', 'digest.published': '周报发布',
      'feed.alert': '舆情源告警', 'feed.recovered': '舆情源恢复',
    },
    en: {
      'alert.raised': 'alert raised', 'alert.escalated': 'alert escalated', 'alert.acknowledged': 'alert acknowledged', 'alert.resolved': 'alert resolved',
      'credit.proposed': 'credit listing proposed', 'credit.listed': 'credit listing', 'credit.removed': 'credit removal', 'digest.published': 'digest published',
      'feed.alert': 'feed alert', 'feed.recovered': 'feed recovered',
    },
  },
  userRole: {
    zh: roleZh,
    en: { inspector: 'labor inspector', opinion_staff: 'opinion-response officer', duty_officer: 'duty officer', approver: 'approver', manager: 'manager', admin: 'administrator' },
  },
  permission: {
    zh: {
      'firms:read': '查看企业', 'firms:write': '编辑企业', 'records:read': '查看记录', 'imports:write': '导入记录', 'pii:read': '查看个人信息',
      'alerts:read': '查看预警', 'alerts:write': '处置预警', 'feeds:manage': '管理舆情源', 'webhooks:manage': '管理推送端点',
      'roster:read': '查看值班表', 'roster:manage': '管理值班表', 'silences:manage': '管理静默', 'credit:read': '查看失信名单',
      'credit:propose': '提议列入失信名单', 'credit:approve': '审批失信名单', 'digest:read': '阅读周报', 'audit:read': '查看审计日志',
      'users:manage': '管理用户', 'jobs:run': '运行定时任务', 'escalation:manage': '管理升级策略',
      system: '仅由系统（期满时）办理', 'system-or-propose': '提议列入失信名单', 'propose-or-approve': '提议或审批失信名单',
    },
    en: {
      'firms:read': 'read firms', 'firms:write': 'edit firms', 'records:read': 'read records', 'imports:write': 'import records', 'pii:read': 'read personal data',
      'alerts:read': 'read alerts', 'alerts:write': 'work alerts', 'feeds:manage': 'manage feeds', 'webhooks:manage': 'manage webhooks',
      'roster:read': 'read the roster', 'roster:manage': 'manage the roster', 'silences:manage': 'manage silences', 'credit:read': 'read the credit list',
      'credit:propose': 'propose credit listings', 'credit:approve': 'approve credit listings', 'digest:read': 'read the digest', 'audit:read': 'read the audit log',
      'users:manage': 'manage users', 'jobs:run': 'run jobs', 'escalation:manage': 'manage escalation policies',
      system: 'only the system (term ended)', 'system-or-propose': 'propose credit listings', 'propose-or-approve': 'propose or approve credit listings',
    },
  },
  creditState: {
    zh: STATE_ZH,
    en: {
      candidate: 'candidate', proposed: 'proposed', notified: 'notified in advance', statement_recorded: 'statement recorded', no_statement: 'no statement',
      approved: 'approved', listed: 'listed', removed: 'removed', rejected: 'not listed', withdrawn: 'withdrawn',
      not_listed_paid: 'not listed (paid and committed)',
    },
  },
  creditAction: {
    zh: {
      candidate: '识别为候选', refresh: '更新证据', propose: '提议列入', notify: '事先告知', 'record-statement': '记录陈述申辩', 'no-statement': '记录未陈述申辩',
      approve: '审批同意', list: '列入名单', reject: '不予列入', withdraw: '撤回', object: '登记异议', 'mark-objection': '异议标注',
      'decide-objection': '异议处理', remove: '移出名单', expire: '期满移出', 'objection-overdue': '异议处理超期',
      'serve-notice': '登记送达回执', 'review-statement': '复核陈述申辩', 'extend-decision': '批准延长决定期限', 'close-paid': '已支付并承诺，不予列入',
      'set-parties': '登记当事人', 'confirm-extreme-link': '确认极端事件与欠薪的因果关系', 'serve-decision': '登记决定书送达', 'record-publication': '登记公开',
      'apply-early-removal': '登记提前移出申请', 'decide-early-removal': '提前移出决定', 'revoke-early-removal': '撤销提前移出', 'record-remedy': '登记复议/诉讼',
      'clock-due': '法定期限将届满',
    },
    en: {
      candidate: 'identify as candidate', refresh: 'refresh the evidence', propose: 'propose', notify: 'notify in advance', 'record-statement': 'record the statement',
      'no-statement': 'record no statement', approve: 'approve', list: 'list', reject: 'reject', withdraw: 'withdraw', object: 'record an objection',
      'mark-objection': 'mark the objection', 'decide-objection': 'decide the objection', remove: 'remove', expire: 'remove at term end', 'objection-overdue': 'objection overdue',
      'serve-notice': 'record receipt of the notice', 'review-statement': 'review the statement', 'extend-decision': 'extend the decision period',
      'close-paid': 'close as paid and committed (not listed)', 'set-parties': 'record the parties', 'confirm-extreme-link': 'confirm the arrears caused the extreme event',
      'serve-decision': 'record receipt of the decision', 'record-publication': 'record publication', 'apply-early-removal': 'record an early-removal application',
      'decide-early-removal': 'decide early removal', 'revoke-early-removal': 'revoke early removal', 'record-remedy': 'record reconsideration or suit',
      'clock-due': 'statutory period about to lapse',
    },
  },
  place: {
    zh: { local: '本区', elsewhere: '外地', none: '未涉具体地点' },
    en: { local: 'this district', elsewhere: 'elsewhere', none: 'no specific place' },
  },
  /** Actors that are not people: the system's own jobs and the demo loader. */
  systemActor: { zh: { system: '系统', 'demo-seed': '演示数据导入' }, en: { system: 'system', 'demo-seed': 'demo loader' } },
  yesNo: { zh: { true: '是', false: '否' }, en: { true: 'yes', false: 'no' } },
  /** Why a firm scores (the stable keys of ../scoring/explain.ts); the Chinese sentences themselves are stored with each score. */
  scoreReason: {
    zh: {
      overdue_pay_order: '逾期未支付工资', overdue_rectify_order: '逾期未整改', violation_found: '检查发现违法', open_pay_order: '责令支付期限未到',
      open_rectify_order: '限期整改中', rectified_order: '已支付/已整改', collective_petition: '集体信访', repeat_petition: '重复信访', petition: '信访',
      opinion_national: '全国性舆情', opinion_elsewhere: '外地舆情', major_opinion: '极端事件舆情', opinion_mention: '负面舆情', opinion_spike: '舆情突增',
      partner_risk: '关联企业风险', collective_action: '集体行动', collective_wage_petition: '集体欠薪信访', overdue_wage_order: '责令支付逾期未支付',
      overdue_wage_order_crime_amount: '责令支付逾期未支付（达到拒不支付劳动报酬罪数额标准）',
    },
    en: {
      overdue_pay_order: 'pay order overdue', overdue_rectify_order: 'rectification order overdue', violation_found: 'violation found on inspection',
      open_pay_order: 'pay order running', open_rectify_order: 'rectification order running', rectified_order: 'paid or rectified',
      collective_petition: 'collective petition', repeat_petition: 'repeat petition', petition: 'petition', opinion_national: 'national public opinion',
      opinion_elsewhere: 'public opinion elsewhere', major_opinion: 'extreme-event public opinion', opinion_mention: 'negative public opinion',
      opinion_spike: 'burst of public opinion', partner_risk: 'risk of a related firm', collective_action: 'collective action',
      collective_wage_petition: 'collective wage petition', overdue_wage_order: 'pay order overdue, wages unpaid',
      overdue_wage_order_crime_amount: 'pay order overdue, wages unpaid (amount at the criminal threshold)',
    },
  },
  /** The message types a group robot receives (the demo inbox shows them). */
  robotFormat: {
    zh: { markdown: 'Markdown 消息', text: '文本消息', post: '富文本消息', interactive: '消息卡片' },
    en: { markdown: 'Markdown message', text: 'text message', post: 'rich-text message', interactive: 'message card' },
  },
  /** The language a receiver reads (users.lang, webhook_endpoints.lang). */
  language: { zh: { zh: '中文', en: '英文' }, en: { zh: 'Chinese', en: 'English' } },
  /** Names of record facts and form fields, for evidence lines and error messages. */
  field: {
    zh: {
      kind: '类别', violations: '违法事项', workers: '涉及人数', amount: '金额（元）', order: '处理决定', due: '整改期限', rectified: '整改日期',
      status: '状态', channel: '渠道', categories: '诉求类别', petitioners: '信访人数', repeat: '重复信访', closed: '办结日期', summary: '摘要',
      name: '名称', url: '地址', reason: '原因', until: '截止时间', endsAt: '截止时间', startsAt: '开始时间', firmId: '企业编号', firm: '企业',
      rule: '规则', level: '等级', levels: '等级', events: '事件', secret: '密钥', label: '备注名称', role: '角色', district: '区', streets: '街镇',
      password: '密码', credibility: '可信度', interval: '抓取间隔', pollIntervalMin: '抓取间隔', basis: '决定依据', note: '备注', user: '用户',
      noticeNo: '告知书文号', noticeDate: '告知日期', statement: '陈述申辩', decisionNo: '文书号', authority: '决定机关', listedOn: '列入日期',
      text: '内容', outcome: '处理结果', wagesPaidOn: '工资支付日期', correctedOn: '纠正日期', commitment: '信用承诺', removedOn: '移出日期',
      alias: '别名', date: '日期', received: '收到日期', uscc: '统一社会信用代码', sector: '行业', start: '开始', end: '结束', tier: '梯队',
      override: '临时替班', body: '请求内容', input: '输入', week: '周次', quarter: '季度', title: '标题', from: '开始', to: '结束',
      displayName: '显示名称', users: '人员', record_id: '记录编号', petitioner: '信访人', phone: '电话', id_number: '身份证号', address: '地址',
      legal_representative: '法定代表人', platform: '平台', platform_uscc: '平台统一社会信用代码', platform_name: '平台名称', link_kind: '关联类型',
    },
    en: {
      kind: 'kind', violations: 'violations', workers: 'workers', amount: 'amount (yuan)', order: 'order', due: 'deadline', rectified: 'rectified on',
      status: 'status', channel: 'channel', categories: 'categories', petitioners: 'petitioners', repeat: 'repeat petition', closed: 'concluded on', summary: 'summary',
      name: 'name', url: 'address', reason: 'reason', until: 'until', endsAt: 'until', startsAt: 'from', firmId: 'firm number', firm: 'firm',
      rule: 'rule', level: 'level', levels: 'levels', events: 'events', secret: 'secret', label: 'label', role: 'role', district: 'district', streets: 'streets',
      password: 'password', credibility: 'credibility', interval: 'polling interval', pollIntervalMin: 'polling interval', basis: 'basis', note: 'note', user: 'user',
      noticeNo: 'notice number', noticeDate: 'notice date', statement: 'statement', decisionNo: 'decision number', authority: 'deciding authority', listedOn: 'listed on',
      text: 'text', outcome: 'outcome', wagesPaidOn: 'wages paid on', correctedOn: 'corrected on', commitment: 'credit commitment', removedOn: 'removed on',
      alias: 'alias', date: 'date', received: 'received on', uscc: 'USCC', sector: 'sector', start: 'start', end: 'end', tier: 'tier',
      override: 'override', body: 'request body', input: 'input', week: 'week', quarter: 'quarter', title: 'title', from: 'from', to: 'to',
      displayName: 'display name', users: 'people', record_id: 'record number', petitioner: 'petitioner', phone: 'phone', id_number: 'ID number', address: 'address',
      legal_representative: 'legal representative', platform: 'platform', platform_uscc: 'platform USCC', platform_name: 'platform name', link_kind: 'link kind',
    },
  },
} as const satisfies Record<string, Vocabulary>;

export type VocabularyName = keyof typeof VOCABULARIES;

/** The words for a code in `lang`; a code the vocabulary does not know is shown as it came (a bug the language test catches). */
export function codeLabel(lang: Lang, vocabulary: VocabularyName, code: string | number | boolean | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const table: Readonly<Record<string, string>> = VOCABULARIES[vocabulary][lang];
  return table[String(code)] ?? String(code);
}

/** Who did something: a person's login name as it is, the system in words. */
export function actorName(lang: Lang, name: string | null | undefined): string {
  return name && hasLabel('systemActor', name) ? codeLabel(lang, 'systemActor', name) : name ?? '—';
}

/** The name of a field a reason is about: the header as the file wrote it (Chinese readers), else the field's label. */
export function fieldName(lang: Lang, why: { field?: string | null; column?: string | null }): string {
  if (lang === 'zh' && why.column) return why.column;
  return why.field ? codeLabel(lang, 'field', why.field) : why.column ?? '';
}

/** Whether the vocabulary has a label for `code`. */
export function hasLabel(vocabulary: VocabularyName, code: string): boolean {
  return code in VOCABULARIES[vocabulary].zh;
}

/** Every label of a vocabulary in `lang`, keyed by code (for selects and catalogues). */
export function labelsOf<V extends VocabularyName>(lang: Lang, vocabulary: V): Readonly<Record<keyof (typeof VOCABULARIES)[V]['zh'], string>> {
  return VOCABULARIES[vocabulary][lang] as Readonly<Record<keyof (typeof VOCABULARIES)[V]['zh'], string>>;
}

/** The labels with a capital first letter: English labels standing alone (table cells, chips, headings). */
export function capitalized<T extends Readonly<Record<string, string>>>(labels: T): T {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)])) as T;
}

/** A list separator and the colon between a label and its value, per language. */
export const PUNCT: Readonly<Record<Lang, { list: string; colon: string; sep: string; open: string; close: string; comma: string }>> = {
  zh: { list: '、', colon: '：', sep: '；', open: '（', close: '）', comma: '，' },
  en: { list: ', ', colon: ': ', sep: '; ', open: ' (', close: ')', comma: ', ' },
};

/** '5 分钟' / '5 min', '2 小时' / '2 h'. */
export function formatMinutes(lang: Lang, minutes: number): string {
  if (minutes % 60 === 0 && minutes >= 60) return lang === 'zh' ? `${minutes / 60} 小时` : `${minutes / 60} h`;
  return lang === 'zh' ? `${minutes} 分钟` : `${minutes} min`;
}
