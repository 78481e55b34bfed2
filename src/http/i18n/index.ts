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

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** Times are always shown in Asia/Shanghai, whatever the server's zone. */
export function formatShanghai(d: Date): string {
  return SHANGHAI.format(d).replace(/\//g, '-');
}
