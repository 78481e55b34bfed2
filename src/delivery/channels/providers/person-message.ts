// What an SMS or a voice call says, as template variables. Providers send
// only pre-approved templates (the bureau registers them with its sign
// name); we fill the variables, each clipped to the provider's length rule
// so a long firm name never makes the provider refuse the whole message.
// Suggested templates are in docs/alerts.md.
import { LEVEL_NAMES, isAlertLevel } from '../message.ts';
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
  /** 红色预警 / 橙色预警 … */
  level: string;
  /** 新预警 / 预警升级 */
  action: string;
  firm: string;
  /** The acknowledge code (after /a/), or '' when there is none. */
  code: string;
}

const ACTIONS: Record<string, string> = { 'alert.raised': '新预警', 'alert.escalated': '预警升级' };

export function personMessage(event: OutgoingEvent, recipient: Recipient | undefined): PersonMessage {
  const alert = asRecord(event.data['alert']) ?? {};
  const firm = asRecord(alert['firm']);
  const level = isAlertLevel(alert['level']) ? LEVEL_NAMES[alert['level']] : '预警';
  return {
    level,
    action: ACTIONS[event.type] ?? '预警提醒',
    firm: textOf(firm?.['name']) ?? textOf(alert['title']) ?? '（未知企业）',
    code: recipient?.ackCode ?? '',
  };
}

/** Each variable clipped to `max` characters (a clipped value ends with …). */
export function clipVars<T extends Record<string, string>>(vars: T, max: number): T {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, clipChars(v, max)])) as T;
}
