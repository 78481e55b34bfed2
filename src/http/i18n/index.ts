import { zh, type Catalogue } from './zh.ts';
import { en } from './en.ts';

export type Lang = 'zh' | 'en';
export const LANG_COOKIE = 'qs_lang';

export function catalogue(lang: Lang): Catalogue {
  return lang === 'en' ? en : zh;
}

/** Chinese unless the user chose English (cookie) or asks for it (?lang=en). */
export function pickLang(query: string | undefined, cookie: string | undefined): Lang {
  const v = query ?? cookie;
  return v === 'en' ? 'en' : 'zh';
}

/** Times are always shown in Asia/Shanghai, whatever the server's zone. */
export { formatShanghaiMinute as formatShanghai } from '../../domain/time/shanghai.ts';
