// Dates for the demo records, all counted back from an injected `now` so
// that the demo always looks "current" and tests can pin the clock.
// The Shanghai day arithmetic is ../domain/time/shanghai.ts's.

import {
  DAY_MS,
  SHANGHAI_OFFSET_MS as OFFSET_MS,
  SHANGHAI_OFFSET_TEXT,
  formatShanghaiIso,
  shanghaiDayOf,
} from '../domain/time/shanghai.ts';
import type { Random } from './prng.ts';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The ways clerks write a date in the spreadsheets the bureau receives. */
export type DateStyle = 'iso' | 'slash' | 'chinese' | 'time';

export class DemoCalendar {
  /** Epoch day number of `now`'s Asia/Shanghai calendar date. */
  readonly today: number;

  constructor(readonly now: Date) {
    this.today = shanghaiDayOf(now);
  }

  ymd(daysAgo: number): Ymd {
    const d = new Date((this.today - daysAgo) * DAY_MS);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
  }

  /** YYYY-MM-DD: what tests and the story compare against. */
  iso(daysAgo: number): string {
    const { y, m, d } = this.ymd(daysAgo);
    return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  }

  /**
   * A date in one of the accepted forms. A time of day is only written for
   * past days: "today at 15:00" could lie after `now`.
   */
  format(daysAgo: number, style: DateStyle, rnd?: Random): string {
    const { y, m, d } = this.ymd(daysAgo);
    if (style === 'slash') return `${y}/${m}/${d}`;
    if (style === 'chinese') return `${y}年${m}月${d}日`;
    if (style === 'time' && daysAgo >= 1) {
      const hh = rnd ? rnd.int(8, 18) : 9;
      const mm = rnd ? rnd.int(0, 59) : 0;
      return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:00${SHANGHAI_OFFSET_TEXT}`;
    }
    return this.iso(daysAgo);
  }

  /** A spreadsheet-like mix: mostly ISO, then slashes, Chinese, and timestamps. */
  mixed(daysAgo: number, rnd: Random, timeShare = 0.1): string {
    const r = rnd.float();
    const style: DateStyle =
      r < timeShare ? 'time' : r < timeShare + 0.45 ? 'iso' : r < timeShare + 0.7 ? 'slash' : 'chinese';
    return this.format(daysAgo, style, rnd);
  }

  /** The `YYYYMMDD` used inside record numbers. */
  compact(daysAgo: number): string {
    return this.iso(daysAgo).replace(/-/g, '');
  }

  /** `minutesAgo` before now, as an instant. */
  minutesBefore(minutesAgo: number): Date {
    return new Date(this.now.getTime() - minutesAgo * 60_000);
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 date in +0800, as Chinese RSS feeds write pubDate. */
export function rfc822Shanghai(instant: Date): string {
  const t = new Date(instant.getTime() + OFFSET_MS);
  const hms = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  return `${WEEKDAYS[t.getUTCDay()]}, ${pad(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${hms} +0800`;
}

/** RFC 3339 on the Shanghai clock, for Atom. */
export function rfc3339Shanghai(instant: Date): string {
  return formatShanghaiIso(instant);
}
