// alert.* events as people read them in a group chat, in the receiver's
// language. The stored title is Chinese; an English message names the
// alert by its parts (level, rule, firm) through the one alertTitle.
import { formatInstantText } from './shanghai-time.ts';
import { isAlertLevel, levelMarker, type Fact, type RenderedMessage } from './message.ts';
import { asRecord, firmText, resolveLink, scoreText, textOf } from './render-values.ts';
import { cleanValue } from './text.ts';
import { codeLabel, hasLabel, type Lang } from '../../domain/i18n/codes.ts';
import { chatTexts } from '../../domain/i18n/chat.ts';
import { alertTitle } from '../../domain/i18n/alert-text.ts';
import type { BuildOptions, OutgoingEvent } from './types.ts';

function personText(value: unknown): string | null {
  const record = asRecord(value);
  return record ? textOf(record['name'] ?? record['display_name'] ?? record['id']) : textOf(value);
}

function push(facts: Fact[], label: string, value: string | null): void {
  if (value !== null && value !== '') facts.push({ label, value });
}

/** Why a message was sent again or an alert closed, in words; free text as written. */
function reasonLabel(lang: Lang, reason: unknown): string | null {
  if (typeof reason !== 'string') return textOf(reason, lang);
  if (hasLabel('escalationReason', reason)) return codeLabel(lang, 'escalationReason', reason);
  if (hasLabel('dismissReason', reason)) return codeLabel(lang, 'dismissReason', reason);
  return textOf(reason, lang);
}

/** The alert's title in `lang`: the stored Chinese title, or its parts in English. */
function titleOf(lang: Lang, alert: Record<string, unknown>): string | null {
  const firm = asRecord(alert['firm']);
  const name = textOf(firm?.['name']);
  if (lang === 'en' && name && isAlertLevel(alert['level']) && typeof alert['rule'] === 'string') {
    return cleanValue(alertTitle('en', { title: '', level: alert['level'], rule: alert['rule'], firm: { name } }));
  }
  return lang === 'en' ? name : textOf(alert['title']);
}

/** Null when the event carries no usable `data.alert`; the generic renderer takes over. */
export function renderAlert(event: OutgoingEvent, options: BuildOptions = {}): RenderedMessage | null {
  const alert = asRecord(event.data['alert']);
  if (!alert) return null;
  const lang = options.lang ?? 'zh';
  const w = chatTexts(lang);
  const level = isAlertLevel(alert['level']) ? alert['level'] : null;
  const facts: Fact[] = [];
  push(facts, w.facts.firm, firmText(alert['firm'], lang));
  push(facts, w.facts.rule, typeof alert['rule'] === 'string' ? codeLabel(lang, 'rule', alert['rule']) : null);
  push(facts, w.facts.score, scoreText(alert['score']));
  const previous = event.data['previous_level'] ?? alert['previous_level'];
  if (isAlertLevel(previous)) push(facts, w.facts.previousLevel, w.levelAlert[previous]);
  push(facts, w.facts.raisedAt, textOf(formatInstantText(alert['raised_at'])));
  push(facts, w.facts.dueAt, textOf(formatInstantText(alert['due_at'])));
  push(facts, w.facts.actor, personText(event.data['actor']));
  push(facts, w.facts.note, textOf(event.data['note']) ?? reasonLabel(lang, event.data['reason']));
  const title = titleOf(lang, alert) ?? firmText(alert['firm'], lang) ?? cleanValue(String(alert['id'] ?? ''));
  return {
    lang,
    level,
    marker: level ? levelMarker(level, lang) : null,
    action: w.actions[event.type] ?? w.alert,
    title: title === '' ? w.alert : title,
    facts,
    link: resolveLink(alert['url'] ?? event.data['url'], options.consoleUrl),
  };
}
