import type { Lang } from './index.ts';

// The digest list's weeks with data (issue 15 item 10), in both languages.

const zh = {
  weeksTitle: '有数据的周次',
  weeksIntro: '本辖区近一年内有监察记录、信访、舆情或预警的每一周；本周为截至目前的预览。',
  current: '本周（截至目前）',
  dates: '{from} 至 {to}',
  week: '{year} 年第 {n} 周',
  stored: '已生成的周报',
  preview: '预览',
  future: '该周尚未开始，不能生成周报。',
};
const en: typeof zh = {
  weeksTitle: 'Weeks with data',
  weeksIntro:
    'Every week of the past year in which your jurisdiction has inspections, petitions, opinion items or alerts; this week is a preview to date.',
  current: 'This week (to date)',
  dates: '{from} to {to}',
  week: 'week {n} of {year}',
  stored: 'Digests built',
  preview: 'Preview',
  future: 'That week has not begun: there is no digest for it.',
};

export const digestTexts = (lang: Lang) => (lang === 'en' ? en : zh);
