import type { Lang } from './index.ts';

// The firm page's note on relations outside the reader's jurisdiction (issue 15 item 8), in both languages.

const zh = {
  outsidePlatforms: '另有 {n} 家关联平台企业在您的辖区之外（存在关联，但您无权查看）。',
  outsidePartners: '另有 {n} 家合作企业在您的辖区之外（存在关联，但您无权查看）。',
};
const en: typeof zh = {
  outsidePlatforms:
    '{n} more platform(s) this firm works for are outside your jurisdiction (the relation exists; you may not view them).',
  outsidePartners:
    '{n} more partner firm(s) are outside your jurisdiction (the relation exists; you may not view them).',
};

export const firmTexts = (lang: Lang) => (lang === 'en' ? en : zh);
