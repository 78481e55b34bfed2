// A channel-neutral message: what a person in a group chat should read.
// Renderers build it from an event in the receiver's language; each robot
// formats it in its dialect.

import { chatTexts, levelMarkerText } from '../../domain/i18n/chat.ts';
import type { Lang } from '../../domain/i18n/codes.ts';

export type AlertLevel = 'red' | 'orange' | 'yellow' | 'blue';

/** 红色预警 …: the Chinese level names (see chatTexts for each language). */
export const LEVEL_NAMES: Record<AlertLevel, string> = chatTexts('zh').levelAlert;

export function isAlertLevel(value: unknown): value is AlertLevel {
  return value === 'red' || value === 'orange' || value === 'yellow' || value === 'blue';
}

/** The emoji-free level marker, e.g. 【红色预警】 / '[Red alert]'. */
export function levelMarker(level: AlertLevel, lang: Lang = 'zh'): string {
  return levelMarkerText(lang, level);
}

export interface Fact {
  label: string;
  /** Already cleaned: one line, no angle brackets, bounded length. */
  value: string;
}

export interface RenderedMessage {
  /** The language it is written in (the receiver's). */
  lang: Lang;
  level: AlertLevel | null;
  /** 【红色预警】 or null for events without a level. */
  marker: string | null;
  /** What happened, e.g. 新预警, 预警升级, 失信名单：已列入. */
  action: string;
  /** The subject in one line, e.g. the alert title. */
  title: string;
  facts: Fact[];
  /** Absolute http(s) link to the console page, when one is known. */
  link: string | null;
}

/** Marker and action as one heading line: 【红色预警】新预警 / [Red alert] New alert. */
export function headingOf(message: RenderedMessage): string {
  return `${message.marker ?? ''}${message.marker && message.lang === 'en' ? ' ' : ''}${message.action}`;
}
