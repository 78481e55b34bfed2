// The digest's count of what was done about major public opinion (issue 17,
// item 7): each structured disposition recorded when resolving an alert,
// counted per action for the week it was done in. Pure; its own section of
// the response part, labelled in Chinese (the document's language) or English.

import { DISPOSITION_ACTIONS, DISPOSITION_EN, DISPOSITION_ZH, type DispositionAction } from '../alerts/disposition.ts';
import { esc } from './svg.ts';

export interface DispositionCount {
  action: DispositionAction;
  count: number;
}

/** Every action in catalogue order, with zero counts kept (an absent action says as much as a present one). */
export function dispositionCounts(counted: Readonly<Record<string, number>>): DispositionCount[] {
  return DISPOSITION_ACTIONS.map((action) => ({ action, count: counted[action] ?? 0 }));
}

const TEXT = {
  zh: {
    title: '重大舆情处置措施（本周）',
    action: '措施',
    count: '次数',
    none: '本周未记录处置措施。',
    total: (n: number) => `合计 ${n} 项`,
    list: '、',
    colon: '：',
  },
  en: {
    title: 'Major public opinion: actions taken this week',
    action: 'Action',
    count: 'Times',
    none: 'No action was recorded this week.',
    total: (n: number) => `${n} in all`,
    list: ', ',
    colon: ': ',
  },
} as const;

const labelOf = (lang: 'zh' | 'en', a: DispositionAction) => (lang === 'en' ? DISPOSITION_EN : DISPOSITION_ZH)[a];

/** The section as HTML (nothing for digests stored before dispositions were counted). */
export function dispositionsHtml(rows: readonly DispositionCount[] | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (rows === undefined) return '';
  const t = TEXT[lang];
  const total = rows.reduce((s, r) => s + r.count, 0);
  if (total === 0) return `<div id="dispositions"><h3>${t.title}</h3><p class="muted">${t.none}</p></div>`;
  return (
    `<div id="dispositions"><h3>${t.title}</h3><table><thead><tr><th>${t.action}</th><th class="n">${t.count}</th></tr></thead><tbody>` +
    rows
      .map(
        (r) =>
          `<tr data-disposition="${r.action}"><td>${esc(labelOf(lang, r.action))}</td><td class="n">${r.count}</td></tr>`,
      )
      .join('') +
    `</tbody></table><p class="muted">${t.total(total)}</p></div>`
  );
}

/** One Markdown line for group robots: the actions taken, most first (none: no line). */
export function dispositionsLine(rows: readonly DispositionCount[] | undefined, lang: 'zh' | 'en' = 'zh'): string[] {
  const done = (rows ?? []).filter((r) => r.count > 0).sort((a, b) => b.count - a.count);
  if (done.length === 0) return [];
  const t = TEXT[lang];
  return [`- ${t.title}${t.colon}${done.map((r) => `${labelOf(lang, r.action)} ${r.count}`).join(t.list)}`];
}
