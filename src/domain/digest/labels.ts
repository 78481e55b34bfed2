import { codeLabel, PUNCT, type Lang } from '../i18n/codes.ts';
import { PETITION_CHANNEL } from '../values/enums.ts';
import { formatShanghaiMinute } from '../time/shanghai.ts';
import { digestWords, fill } from './texts.ts';
import type { ChannelCount, CreditEntry, CreditKind, HeadlineKey, Level } from './types.ts';

// The digest's labels, in the reader's language (Chinese by default: the
// bureau's managers read it so); the words themselves are in ./texts.ts.

export const HEADLINE_ZH: Readonly<Record<HeadlineKey, string>> = digestWords('zh').headline;

export const LEVEL_NAME_ZH: Readonly<Record<Level, string>> = digestWords('zh').levelShort;
export const LEVEL_COLOR: Readonly<Record<Level, string>> = {
  red: '#c62828',
  orange: '#ef6c00',
  yellow: '#f9a825',
  blue: '#1565c0',
};

/** The five sectors the digest always shows, in this order (others follow when present). */
export const MAIN_SECTORS = ['food_delivery', 'ride_hailing', 'courier', 'instant_delivery', 'live_streaming'] as const;

/** A sector's name: 外卖配送 / Food delivery. */
export const sectorName = (s: string, lang: Lang = 'zh'): string => {
  const label = codeLabel(lang, 'sector', s);
  return lang === 'en' ? label.charAt(0).toUpperCase() + label.slice(1) : label;
};
export const sectorZh = (s: string): string => sectorName(s, 'zh');

/** "+3", "−2", "持平" / "no change". */
export function changeText(change: number, lang: Lang = 'zh'): string {
  if (change === 0) return digestWords(lang).flat;
  const abs = Number.isInteger(change) ? String(Math.abs(change)) : Math.abs(change).toFixed(1);
  return change > 0 ? `+${abs}` : `−${abs}`;
}

export function minutesText(m: number | null, lang: Lang = 'zh'): string {
  if (m === null) return '—';
  const w = digestWords(lang);
  if (m < 60) return fill(w.minutes, { m: Math.round(m) });
  const h = Math.floor(m / 60);
  const r = Math.round(m - h * 60);
  return r === 0 ? fill(w.hours, { h }) : fill(w.hoursMinutes, { h, m: r });
}

export const percentText = (r: number | null): string =>
  r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;

/** YYYY-MM-DD HH:MM in Shanghai time. */
export function shanghaiText(iso: string | null): string {
  if (iso === null) return '—';
  return formatShanghaiMinute(new Date(iso));
}

export const scopeName = (district: string | null, lang: Lang = 'zh'): string =>
  district ?? digestWords(lang).wholeArea;
export const scopeZh = (district: string | null): string => scopeName(district, 'zh');

/** The credit-list moves as the digest names them. */
export const CREDIT_KIND_ZH: Readonly<Record<CreditKind, string>> = digestWords('zh').creditKind;
export const REMOVAL_KIND_ZH: Readonly<Record<NonNullable<CreditEntry['removalKind']>, string>> =
  digestWords('zh').removalKind;

/** 来访 3 · 12345热线 2 · 领导留言板 1: the week's petitions by channel, most first. */
export function channelsText(rows: readonly ChannelCount[] | undefined, lang: Lang = 'zh'): string {
  const zhLabels: Readonly<Record<string, string>> = PETITION_CHANNEL.labels;
  const label = (c: string | null) =>
    c === null
      ? digestWords(lang).unregistered
      : lang === 'zh'
        ? (zhLabels[c] ?? c)
        : codeLabel(lang, 'petitionChannel', c);
  // Ties in the contract's order of channels, not given last: the same on every machine (no locale collation).
  const rank = (c: string | null) =>
    c === null ? 1e6 : (PETITION_CHANNEL.codes as readonly string[]).indexOf(c) >>> 0;
  return [...(rows ?? [])]
    .sort((a, b) => b.petitions - a.petitions || rank(a.channel) - rank(b.channel))
    .map((r) => `${label(r.channel)} ${r.petitions}`)
    .join(' · ');
}

/** A score reason in words: the stored Chinese sentence, or for English readers the reason's key in words. */
export function reasonWords(lang: Lang, text: string, key: string | undefined): string {
  if (lang === 'zh' || key === undefined) return lang === 'zh' ? text : '—';
  return codeLabel('en', 'scoreReason', key);
}

export { PUNCT };
