// An alert's title in the reader's language. The stored title is Chinese
// (rule, firm and the trigger's reason, written when the alert was raised);
// English readers get the same facts from the codes: level, rule and firm.

import { codeLabel, type Lang } from './codes.ts';

export interface TitledAlert {
  title: string;
  level: string;
  rule: string;
  firm: { name: string };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** 【红色预警·逾期未支付工资】某某站：… / [Red alert · overdue pay order] 某某站. */
export function alertTitle(lang: Lang, a: TitledAlert): string {
  if (lang === 'zh') return a.title;
  return `[${capital(codeLabel('en', 'level', a.level))} alert · ${codeLabel('en', 'rule', a.rule)}] ${a.firm.name}`;
}
