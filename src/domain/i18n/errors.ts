// Errors as a reader sees them: the keyed message in the reader's language;
// an error thrown without a key falls back to its class's generic text in
// Chinese (its English detail stays in the API body and the log) and to its
// English message in English.

import type { AppError } from '../errors.ts';
import type { Lang } from './codes.ts';
import { msg, renderMessage, type Message, type MessageKey } from './messages.ts';

export function errorText(err: AppError, lang: Lang): string {
  if (err.msg) return renderMessage(lang, err.msg);
  if (lang === 'en') return err.message;
  return renderMessage('zh', { key: `generic.${err.code}` as MessageKey });
}

interface Issue {
  path: readonly PropertyKey[];
  code?: string;
  message: string;
}

const PROBLEM: Readonly<Record<string, MessageKey>> = {
  too_small: 'input.too_short',
  too_big: 'input.too_long',
  invalid_format: 'input.bad_format',
  invalid_string: 'input.bad_format',
  invalid_value: 'input.bad_value',
  invalid_enum_value: 'input.bad_value',
  invalid_type: 'input.bad_type',
};

// Custom refinements whose English wording names a rule of its own.
const CUSTOM: ReadonlyArray<[string, MessageKey]> = [
  ['a silence must name a firm, a rule or a level', 'silence.needs_target'],
];

/** The keyed message for the first problem zod found: '「原因」太短或为空' / 'reason: too short or empty'. */
export function issueMessage(issues: readonly Issue[]): Message {
  const i = issues[0];
  if (!i) return msg('generic.invalid');
  const custom = CUSTOM.find(([start]) => i.message.startsWith(start));
  if (custom) return msg(custom[1]);
  const field = String(i.path.filter((p) => typeof p === 'string').at(-1) ?? 'input');
  return msg('input.field', { field, problem: { nested: PROBLEM[i.code ?? ''] ?? 'input.bad_format' } });
}
