import { PETITION_CHANNEL } from '../values/enums.ts';
import { formatShanghaiMinute } from '../time/shanghai.ts';
import type { ChannelCount, CreditEntry, CreditKind, HeadlineKey, Level } from './types.ts';

// The digest is written in Chinese for the bureau's managers.

export const HEADLINE_ZH: Readonly<Record<HeadlineKey, string>> = {
  alerts_red: '新增红色预警',
  alerts_orange: '新增橙色预警',
  alerts_yellow: '新增黄色预警',
  alerts_blue: '新增蓝色预警',
  major_opinion: '重大舆情预警',
  firms_red: '红色等级企业（周末）',
  firms_orange: '橙色等级企业（周末）',
  records_inspections: '入库监察记录',
  records_petitions: '入库信访记录',
  records_opinion: '入库舆情信息',
  collective_petitions: '集体信访',
};

export const LEVEL_NAME_ZH: Readonly<Record<Level, string>> = { red: '红', orange: '橙', yellow: '黄', blue: '蓝' };
export const LEVEL_COLOR: Readonly<Record<Level, string>> = { red: '#c62828', orange: '#ef6c00', yellow: '#f9a825', blue: '#1565c0' };

export const SECTOR_ZH: Readonly<Record<string, string>> = {
  food_delivery: '外卖配送', ride_hailing: '网约车', courier: '快递', instant_delivery: '即时配送',
  live_streaming: '网络直播', freight: '货运', other: '其他',
};
/** The five sectors the digest always shows, in this order (others follow when present). */
export const MAIN_SECTORS = ['food_delivery', 'ride_hailing', 'courier', 'instant_delivery', 'live_streaming'] as const;

export const sectorZh = (s: string): string => SECTOR_ZH[s] ?? s;

/** "+3", "−2", "持平". */
export function changeText(change: number): string {
  if (change === 0) return '持平';
  const abs = Number.isInteger(change) ? String(Math.abs(change)) : Math.abs(change).toFixed(1);
  return change > 0 ? `+${abs}` : `−${abs}`;
}

export function minutesText(m: number | null): string {
  if (m === null) return '—';
  if (m < 60) return `${Math.round(m)} 分钟`;
  const h = Math.floor(m / 60);
  const r = Math.round(m - h * 60);
  return r === 0 ? `${h} 小时` : `${h} 小时 ${r} 分`;
}

export const percentText = (r: number | null): string => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** YYYY-MM-DD HH:MM in Shanghai time. */
export function shanghaiText(iso: string | null): string {
  if (iso === null) return '—';
  return formatShanghaiMinute(new Date(iso));
}

export const scopeZh = (district: string | null): string => district ?? '全辖区';

/** The credit-list moves as the digest names them. */
export const CREDIT_KIND_ZH: Readonly<Record<CreditKind, string>> = {
  candidate: '新增候选', proposed: '提请列入', listed: '列入名单', removed: '移出名单',
};
export const REMOVAL_KIND_ZH: Readonly<Record<NonNullable<CreditEntry['removalKind']>, string>> = {
  early: '提前移出', expiry: '期满移出', revoked: '撤销列入',
};

/** 来访 3 · 12345热线 2 · 领导留言板 1: the week's petitions by channel, most first. */
export function channelsText(rows: readonly ChannelCount[] | undefined): string {
  const label = (c: string | null) => (c === null ? '未登记' : (PETITION_CHANNEL.labels as Record<string, string>)[c] ?? c);
  // Ties in the contract's order of channels, not given last: the same on every machine (no locale collation).
  const rank = (c: string | null) => (c === null ? 1e6 : (PETITION_CHANNEL.codes as readonly string[]).indexOf(c) >>> 0);
  return [...(rows ?? [])].sort((a, b) => b.petitions - a.petitions || rank(a.channel) - rank(b.channel))
    .map((r) => `${label(r.channel)} ${r.petitions}`).join(' · ');
}
