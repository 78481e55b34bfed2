/** A reader's language. */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A closed vocabulary: each code's label in Chinese and in English. */
export interface Vocabulary {
  zh: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}
