// Events other than alerts (credit list, weekly digest, feed health): a title, the key
// facts found in the payload, and a link. Payloads of these events are owned
// by other modules, so this reads them generically rather than by schema.
import { formatInstantText } from './shanghai-time.ts';
import type { Fact, RenderedMessage } from './message.ts';
import { asRecord, firmText, resolveLink, textOf } from './render-values.ts';
import type { BuildOptions, OutgoingEvent } from './types.ts';
import { codeLabel } from '../../domain/i18n/codes.ts';

const ACTIONS: Record<string, string> = {
  'credit.proposed': '失信名单：拟列入（待审批）',
  'credit.listed': '失信名单：已列入',
  'credit.removed': '失信名单：已移出',
  'digest.published': '形势研判周报已发布',
  'feed.alert': '舆情源告警',
  'feed.recovered': '舆情源恢复',
  'alert.raised': '新预警',
  'alert.escalated': '预警升级',
  'alert.acknowledged': '预警已确认',
  'alert.resolved': '预警已办结',
};

// Field names of the credit-list record (DOMAIN.md) and of the digest.
const LABELS: Record<string, string> = {
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
};

const SKIPPED = new Set(['id', 'url', 'title', 'name', 'firm', 'type']);
const MAX_FACTS = 10;

function subjectOf(event: OutgoingEvent): Record<string, unknown> {
  const prefix = event.type.split('.')[0] ?? '';
  return asRecord(event.data[prefix]) ?? event.data;
}

export function renderGeneric(event: OutgoingEvent, options: BuildOptions = {}): RenderedMessage {
  const subject = subjectOf(event);
  const facts: Fact[] = [];
  const firm = firmText(subject['firm'] ?? event.data['firm']);
  if (firm) facts.push({ label: '企业', value: firm });
  for (const [key, raw] of Object.entries(subject)) {
    if (facts.length >= MAX_FACTS) break;
    if (SKIPPED.has(key)) continue;
    // Only fields with a name a reader knows; a code-named field would reach the chat as code.
    const label = LABELS[key];
    if (label === undefined) continue;
    const value = key === 'state' || key === 'status' ? (typeof raw === 'string' ? codeLabel('zh', 'creditState', raw) : null) : textOf(formatInstantText(raw) ?? raw);
    if (value !== null) facts.push({ label, value });
  }
  const action = ACTIONS[event.type] ?? codeLabel('zh', 'eventType', event.type);
  return {
    level: null,
    marker: null,
    action,
    title: textOf(subject['title']) ?? textOf(subject['name']) ?? firm ?? action,
    facts,
    link: resolveLink(subject['url'] ?? event.data['url'], options.consoleUrl),
  };
}
