// Events other than alerts (credit list, weekly digest): a title, the key
// facts found in the payload, and a link. Payloads of these events are owned
// by other modules, so this reads them generically rather than by schema.
import { formatInstantText } from './shanghai-time.ts';
import type { Fact, RenderedMessage } from './message.ts';
import { asRecord, firmText, resolveLink, textOf } from './render-values.ts';
import type { BuildOptions, OutgoingEvent } from './types.ts';
import { codeLabel } from '../../domain/i18n/codes.ts';
import { chatTexts } from '../../domain/i18n/chat.ts';

// Field names (the credit-list record of DOMAIN.md, the digest event) are in
// ../../domain/i18n/chat.ts. A field whose stored value is Chinese prose has
// an English twin in the payload (`reason_en`); an English message shows the
// twin, or leaves the field out.
const ENGLISH_TWIN = new Set(['reason']);

const SKIPPED = new Set(['id', 'url', 'title', 'name', 'firm', 'type']);
const MAX_FACTS = 10;

function subjectOf(event: OutgoingEvent): Record<string, unknown> {
  const prefix = event.type.split('.')[0] ?? '';
  return asRecord(event.data[prefix]) ?? event.data;
}

export function renderGeneric(event: OutgoingEvent, options: BuildOptions = {}): RenderedMessage {
  const lang = options.lang ?? 'zh';
  const w = chatTexts(lang);
  const subject = subjectOf(event);
  const facts: Fact[] = [];
  const firm = firmText(subject['firm'] ?? event.data['firm'], lang);
  if (firm) facts.push({ label: w.facts.firm, value: firm });
  for (const [key, stored] of Object.entries(subject)) {
    if (facts.length >= MAX_FACTS) break;
    if (SKIPPED.has(key)) continue;
    // Only fields with a name a reader knows; a code-named field would reach the chat as code.
    const label = w.fields[key];
    if (label === undefined) continue;
    const raw = lang === 'en' && ENGLISH_TWIN.has(key) ? subject[`${key}_en`] : stored;
    const value =
      key === 'state' || key === 'status'
        ? typeof raw === 'string'
          ? codeLabel(lang, 'creditState', raw)
          : null
        : textOf(formatInstantText(raw) ?? raw, lang);
    if (value !== null) facts.push({ label, value });
  }
  const action = w.actions[event.type] ?? codeLabel(lang, 'eventType', event.type);
  return {
    lang,
    level: null,
    marker: null,
    action,
    title: textOf(subject['title']) ?? textOf(subject['name']) ?? firm ?? action,
    facts,
    link: resolveLink(subject['url'] ?? event.data['url'], options.consoleUrl),
  };
}
