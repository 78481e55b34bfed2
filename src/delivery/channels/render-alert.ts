// alert.* events as people read them in a group chat, in Simplified Chinese.
import { formatInstantText } from './shanghai-time.ts';
import { LEVEL_NAMES, isAlertLevel, levelMarker, type Fact, type RenderedMessage } from './message.ts';
import { asRecord, firmText, resolveLink, scoreText, textOf } from './render-values.ts';
import { cleanValue } from './text.ts';
import { codeLabel, hasLabel } from '../../domain/i18n/codes.ts';
import type { BuildOptions, OutgoingEvent } from './types.ts';

const ACTIONS: Record<string, string> = {
  'alert.raised': '新预警',
  'alert.escalated': '预警升级',
  'alert.acknowledged': '预警已确认',
  'alert.resolved': '预警已办结',
};

function personText(value: unknown): string | null {
  const record = asRecord(value);
  return record ? textOf(record['name'] ?? record['display_name'] ?? record['id']) : textOf(value);
}

function push(facts: Fact[], label: string, value: string | null): void {
  if (value !== null && value !== '') facts.push({ label, value });
}

/** Why a message was sent again or an alert closed, in words; free text as written. */
function reasonLabel(reason: unknown): string | null {
  if (typeof reason !== 'string') return textOf(reason);
  if (hasLabel('escalationReason', reason)) return codeLabel('zh', 'escalationReason', reason);
  if (hasLabel('dismissReason', reason)) return codeLabel('zh', 'dismissReason', reason);
  return textOf(reason);
}

/** Null when the event carries no usable `data.alert`; the generic renderer takes over. */
export function renderAlert(event: OutgoingEvent, options: BuildOptions = {}): RenderedMessage | null {
  const alert = asRecord(event.data['alert']);
  if (!alert) return null;
  const level = isAlertLevel(alert['level']) ? alert['level'] : null;
  const facts: Fact[] = [];
  push(facts, '企业', firmText(alert['firm']));
  push(facts, '规则', typeof alert['rule'] === 'string' ? codeLabel('zh', 'rule', alert['rule']) : null);
  push(facts, '风险分', scoreText(alert['score']));
  const previous = event.data['previous_level'] ?? alert['previous_level'];
  if (isAlertLevel(previous)) push(facts, '原级别', LEVEL_NAMES[previous]);
  push(facts, '发现时间', textOf(formatInstantText(alert['raised_at'])));
  push(facts, '处置时限', textOf(formatInstantText(alert['due_at'])));
  push(facts, '处理人', personText(event.data['actor']));
  push(facts, '说明', textOf(event.data['note']) ?? reasonLabel(event.data['reason']));
  const title = textOf(alert['title']) ?? firmText(alert['firm']) ?? cleanValue(String(alert['id'] ?? ''));
  return {
    level,
    marker: level ? levelMarker(level) : null,
    action: ACTIONS[event.type] ?? '预警',
    title: title === '' ? '预警' : title,
    facts,
    link: resolveLink(alert['url'] ?? event.data['url'], options.consoleUrl),
  };
}
