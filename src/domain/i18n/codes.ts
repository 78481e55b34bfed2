// The one translation of codes into words a reader sees (house rule: codes
// never reach a reader). Every closed vocabulary the product shows — record
// enums, alert levels/statuses/rules, roles, credit states, timeline kinds,
// channels, permissions, form fields — has its Chinese and English label
// here; the Chinese labels of record enums are the import vocabularies'
// own (../values/enums.ts), so what a clerk types and what a page shows
// cannot drift. Pages, robots, e-mail, the digest, CSV exports and the CLI
// all call `codeLabel`.

import { ALERT_VOCABULARIES } from './codes-alerts.ts';
import { FIELD_VOCABULARIES } from './codes-fields.ts';
import { PEOPLE_VOCABULARIES } from './codes-people.ts';
import { RECORD_VOCABULARIES } from './codes-records.ts';
import type { Lang } from './vocabulary.ts';

export { LANGS, type Lang, type Vocabulary } from './vocabulary.ts';

export const VOCABULARIES = {
  ...RECORD_VOCABULARIES,
  ...ALERT_VOCABULARIES,
  ...PEOPLE_VOCABULARIES,
  ...FIELD_VOCABULARIES,
} as const;

export type VocabularyName = keyof typeof VOCABULARIES;

/** The words for a code in `lang`; a code the vocabulary does not know is shown as it came (a bug the language test catches). */
export function codeLabel(
  lang: Lang,
  vocabulary: VocabularyName,
  code: string | number | boolean | null | undefined,
): string {
  if (code === null || code === undefined || code === '') return '—';
  const table: Readonly<Record<string, string>> = VOCABULARIES[vocabulary][lang];
  return table[String(code)] ?? String(code);
}

/** Who did something: a person's login name as it is, the system in words. */
export function actorName(lang: Lang, name: string | null | undefined): string {
  return name && hasLabel('systemActor', name) ? codeLabel(lang, 'systemActor', name) : (name ?? '—');
}

/** The name of a field a reason is about: the header as the file wrote it (Chinese readers), else the field's label. */
export function fieldName(lang: Lang, why: { field?: string | null; column?: string | null }): string {
  if (lang === 'zh' && why.column) return why.column;
  return why.field ? codeLabel(lang, 'field', why.field) : (why.column ?? '');
}

/** Whether the vocabulary has a label for `code`. */
export function hasLabel(vocabulary: VocabularyName, code: string): boolean {
  return code in VOCABULARIES[vocabulary].zh;
}

/** Every label of a vocabulary in `lang`, keyed by code (for selects and catalogues). */
export function labelsOf<V extends VocabularyName>(
  lang: Lang,
  vocabulary: V,
): Readonly<Record<keyof (typeof VOCABULARIES)[V]['zh'], string>> {
  return VOCABULARIES[vocabulary][lang] as Readonly<Record<keyof (typeof VOCABULARIES)[V]['zh'], string>>;
}

/** The labels with a capital first letter: English labels standing alone (table cells, chips, headings). */
export function capitalized<T extends Readonly<Record<string, string>>>(labels: T): T {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)])) as T;
}

/** A list separator and the colon between a label and its value, per language. */
export const PUNCT: Readonly<
  Record<Lang, { list: string; colon: string; sep: string; open: string; close: string; comma: string }>
> = {
  zh: { list: '、', colon: '：', sep: '；', open: '（', close: '）', comma: '，' },
  en: { list: ', ', colon: ': ', sep: '; ', open: ' (', close: ')', comma: ', ' },
};

/** '5 分钟' / '5 min', '2 小时' / '2 h'. */
export function formatMinutes(lang: Lang, minutes: number): string {
  if (minutes % 60 === 0 && minutes >= 60) return lang === 'zh' ? `${minutes / 60} 小时` : `${minutes / 60} h`;
  return lang === 'zh' ? `${minutes} 分钟` : `${minutes} min`;
}
