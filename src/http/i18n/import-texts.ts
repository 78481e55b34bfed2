import type { Lang } from './index.ts';

// The quarantine page's warning about unknown import columns (issue 15 item 12), in both languages.

const zh = {
  unknownTitle: '导入文件中有未识别的列',
  unknownIntro:
    '以下列名不是任何已知表头，其内容已原样保存在“其他字段”中，但没有参与评分和预警。请按 docs/formats.md 改正表头后重新导入。',
  unknownColumns: '未识别的列：',
};
const en: typeof zh = {
  unknownTitle: 'Imports with unrecognised columns',
  unknownIntro:
    'These column names match no known header: their cells were kept as extra fields, but nothing scores or alerts on them. Correct the headers (see docs/formats.md) and import again.',
  unknownColumns: 'Unrecognised columns: ',
};

export const importTexts = (lang: Lang) => (lang === 'en' ? en : zh);
