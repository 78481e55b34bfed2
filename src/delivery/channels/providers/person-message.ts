// What an SMS or a voice call says, as template variables. Providers send
// only pre-approved templates (the bureau registers them with its sign
// name); we fill the variables, each clipped to the provider's length rule
// so a long firm name never makes the provider refuse the whole message.
// Suggested templates are in docs/alerts.md. The variables are in the
// recipient's language when an English template is registered (see
// templateFor in aliyun.ts), else in Chinese to match the Chinese template.
import { isAlertLevel } from '../message.ts';
import { chatTexts } from '../../../domain/i18n/chat.ts';
import type { Lang } from '../../../domain/i18n/codes.ts';
import { asRecord, textOf } from '../render-values.ts';
import { clipChars } from '../text.ts';
import type { OutgoingEvent, Recipient } from '../types.ts';

/** Alibaba Cloud SMS: a variable holds at most 35 characters. */
export const ALIYUN_SMS_VAR_MAX = 35;
/** Alibaba Cloud voice (TTS): a variable holds at most 20 characters. */
export const ALIYUN_TTS_VAR_MAX = 20;
/** Tencent Cloud SMS: a variable of a notification template holds at most 12 characters (organisation accounts). */
export const TENCENT_SMS_VAR_MAX = 12;

export interface PersonMessage {
  /** 红色预警 / 橙色预警 … (Red alert …) */
  level: string;
  /** 新预警 / 预警升级 */
  action: string;
  firm: string;
  /** The acknowledge code (after /a/), or '' when there is none. */
  code: string;
}

const PAGING = new Set(['alert.raised', 'alert.escalated']);

export function personMessage(
  event: OutgoingEvent,
  recipient: Recipient | undefined,
  lang: Lang = 'zh',
): PersonMessage {
  const w = chatTexts(lang);
  const alert = asRecord(event.data['alert']) ?? {};
  const firm = asRecord(alert['firm']);
  const level = isAlertLevel(alert['level']) ? w.levelAlert[alert['level']] : w.alert;
  return {
    level,
    action: PAGING.has(event.type) ? w.actions[event.type]! : w.alertReminder,
    firm: textOf(firm?.['name']) ?? (lang === 'zh' ? textOf(alert['title']) : null) ?? w.unknownFirm,
    code: recipient?.ackCode ?? '',
  };
}

/** Each variable clipped to `max` characters (a clipped value ends with …). */
export function clipVars<T extends Record<string, string>>(vars: T, max: number): T {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, clipChars(v, max)])) as T;
}
