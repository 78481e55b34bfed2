// Reading loosely typed event data defensively: `data` crosses a process
// boundary (outbox row, JSON), so every field is checked before it is shown.
import { cleanValue } from './text.ts';
import { codeLabel, PUNCT, type Lang } from '../../domain/i18n/codes.ts';

export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A string or finite number as cleaned text; anything else is null. */
export function textOf(value: unknown, lang: Lang = 'zh'): string | null {
  if (typeof value === 'string') {
    const cleaned = cleanValue(value);
    return cleaned === '' ? null : cleaned;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return codeLabel(lang, 'yesNo', String(value));
  return null;
}

/** 北京某某科技有限公司（91110108MA01XXXXXX） / 北京某某科技有限公司 (91110108MA01XXXXXX), or just the name. */
export function firmText(value: unknown, lang: Lang = 'zh'): string | null {
  const firm = asRecord(value);
  if (!firm) return textOf(value, lang);
  const name = textOf(firm['name']);
  const uscc = textOf(firm['uscc']);
  if (name && uscc) return `${name}${PUNCT[lang].open}${uscc}${PUNCT[lang].close}`;
  return name ?? uscc;
}

/** Scores are shown with at most one decimal. */
export function scoreText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(Math.round(value * 10) / 10);
  return textOf(value);
}

/**
 * An absolute http(s) URL for a link, resolving a path against the console
 * URL. Other schemes (javascript:, data:) are never linked.
 */
export function resolveLink(value: unknown, consoleUrl: string | undefined): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let url: URL;
  try {
    url = consoleUrl ? new URL(value.trim(), consoleUrl) : new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}
