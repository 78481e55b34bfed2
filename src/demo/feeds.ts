// Four demo public-opinion feeds for the demo district: local news (RSS),
// a rider forum (RSS), the bureau's notices (Atom) and a local portal in
// GBK (RSS), 15–40 items each over the 30 days before `now`. They carry the
// same story as the demo records (see feed-story-items.ts), so a demo run
// links the opinion signal to the inspection and petition signal.
// Pure: `now` and `seed` in, bytes out; nothing real is ever linked
// (every URL is under the reserved .invalid TLD).

import { DemoCalendar } from './calendar.ts';
import type { DemoDistrict } from './district.ts';
import { gbk, utf8 } from './encode.ts';
import { fillerItems } from './feed-fillers.ts';
import { type FeedItemSpec, type FeedSlug, storyFeedItems } from './feed-story-items.ts';
import { type FeedDocument, type RenderedItem, renderAtom, renderRss } from './feed-xml.ts';
import { Random } from './prng.ts';
import { castStory } from './story-cast.ts';

export type { FeedSlug } from './feed-story-items.ts';

export interface DemoFeed {
  slug: string;
  name: string;
  /** 0–1: how far the source is trusted when weighing its items. */
  credibility: number;
  contentType: string;
  body: Uint8Array;
}

interface FeedDef {
  slug: FeedSlug;
  name: string;
  description: string;
  credibility: number;
  format: 'rss' | 'atom';
  charset: 'utf-8' | 'GBK';
  fillers: number;
}

const FEEDS: readonly FeedDef[] = [
  {
    slug: 'local-news',
    name: '示范区融媒体中心（演示）',
    description: '本地新闻（演示数据，虚构）',
    credibility: 0.8,
    format: 'rss',
    charset: 'utf-8',
    fillers: 15,
  },
  {
    slug: 'rider-forum',
    name: '骑手之家论坛（演示）',
    description: '骑手交流帖子（演示数据，虚构）',
    credibility: 0.4,
    format: 'rss',
    charset: 'utf-8',
    fillers: 20,
  },
  {
    slug: 'gov-notices',
    name: '示范区人力资源和社会保障局通知公告（演示）',
    description: '政务公告（演示数据，虚构）',
    credibility: 0.95,
    format: 'atom',
    charset: 'utf-8',
    fillers: 13,
  },
  {
    slug: 'gbk-portal',
    name: '示范区生活门户（演示）',
    description: '本地生活资讯（演示数据，虚构）',
    credibility: 0.6,
    format: 'rss',
    charset: 'GBK',
    fillers: 14,
  },
];

/** The items of every demo feed before rendering, newest first per feed; tests compare against these. */
export function buildDemoFeedItems(district: DemoDistrict, now: Date, seed = 20261128): Map<FeedSlug, RenderedItem[]> {
  const cal = new DemoCalendar(now);
  const rnd = new Random(seed ^ 0x7e);
  const story = storyFeedItems(castStory(district));
  const year = cal.ymd(0).y;
  const out = new Map<FeedSlug, RenderedItem[]>();
  for (const def of FEEDS) {
    const specs: FeedItemSpec[] = [
      ...story.filter((s) => s.slug === def.slug),
      ...fillerItems(def.slug, def.fillers, district, year, rnd),
    ];
    const timed = specs.map((s) => ({ ...s, at: cal.minutesBefore(s.hoursAgo * 60 + rnd.int(0, 59)) }));
    // Numbered oldest first so an item keeps its number as newer ones arrive.
    timed.sort((a, b) => a.at.getTime() - b.at.getTime());
    const items = timed.map(
      (s, i): RenderedItem => ({ n: i + 1, at: s.at, title: s.title, description: s.description }),
    );
    out.set(def.slug, items.reverse());
  }
  return out;
}

export function buildDemoFeeds(district: DemoDistrict, now: Date, seed = 20261128): DemoFeed[] {
  const items = buildDemoFeedItems(district, now, seed);
  return FEEDS.map((def) => {
    const doc: FeedDocument = {
      slug: def.slug,
      title: def.name,
      description: def.description,
      encoding: def.charset,
      builtAt: now,
      items: items.get(def.slug) ?? [],
    };
    const xml = def.format === 'atom' ? renderAtom(doc) : renderRss(doc);
    const type = def.format === 'atom' ? 'application/atom+xml' : 'application/rss+xml';
    return {
      slug: def.slug,
      name: def.name,
      credibility: def.credibility,
      contentType: `${type}; charset=${def.charset}`,
      body: def.charset === 'GBK' ? gbk(xml) : utf8(xml),
    };
  });
}
