import { describe, expect, it } from 'vitest';
import { buildDemoDistrict } from '../../src/demo/district.ts';
import { buildDemoFeedItems, buildDemoFeeds } from '../../src/demo/feeds.ts';
import { buildDemoRecords } from '../../src/demo/records.ts';
import { buildMatcher, classify, summarizeRisk } from '../../src/domain/mentions/index.ts';
import { type FeedItem, parseFeed } from '../../src/ingest/feeds/parse-feed.ts';

const NOW = new Date('2026-11-28T10:30:00+08:00');
const HOUR = 3_600_000;
const district = buildDemoDistrict();
const feeds = buildDemoFeeds(district, NOW);
const expected = buildDemoFeedItems(district, NOW);
const story = buildDemoRecords(district, NOW).story;

const parsed = new Map<string, FeedItem[]>();
for (const f of feeds) {
  const r = await parseFeed(f.body, { contentType: f.contentType });
  if (!r.ok) throw new Error(`${f.slug}: ${r.error}`);
  parsed.set(f.slug, r.items);
}
const allItems = [...parsed.entries()].flatMap(([slug, items]) =>
  items.map((it) => ({ slug, it, text: `${it.title}\n${it.text}` })),
);

describe('buildDemoFeeds', () => {
  it('is deterministic', () => {
    const again = buildDemoFeeds(district, NOW);
    expect(again.map((f) => Buffer.from(f.body).toString('base64'))).toEqual(
      feeds.map((f) => Buffer.from(f.body).toString('base64')),
    );
    expect(Buffer.from(buildDemoFeeds(district, NOW, 7)[1]!.body).equals(Buffer.from(feeds[1]!.body))).toBe(false);
  });

  it('builds four feeds: three RSS, one Atom, one of them GBK', async () => {
    expect(feeds.map((f) => f.slug)).toEqual(['local-news', 'rider-forum', 'gov-notices', 'gbk-portal']);
    const kinds = await Promise.all(
      feeds.map(async (f) => {
        const r = await parseFeed(f.body, { contentType: f.contentType });
        return r.ok ? r.kind : r.error;
      }),
    );
    expect(kinds).toEqual(['rss', 'rss', 'atom', 'rss']);
    for (const f of feeds) {
      expect(f.credibility).toBeGreaterThan(0);
      expect(f.credibility).toBeLessThanOrEqual(1);
    }
    const portal = feeds.find((f) => f.slug === 'gbk-portal')!;
    expect(portal.contentType).toBe('application/rss+xml; charset=GBK');
    expect(Buffer.from(portal.body.subarray(0, 60)).toString('latin1')).toContain('encoding="GBK"');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(portal.body)).toThrow();
  });

  it('parses every feed with the right Chinese titles, links and dates', () => {
    for (const [slug, items] of parsed) {
      const want = expected.get(slug as never)!;
      expect(items.length).toBeGreaterThanOrEqual(15);
      expect(items.length).toBeLessThanOrEqual(40);
      expect(items.map((i) => i.title)).toEqual(want.map((w) => w.title));
      expect(new Set(items.map((i) => i.guid)).size).toBe(items.length);
      for (const [k, it] of items.entries()) {
        expect(it.link).toBe(`https://demo.invalid/${slug}/${want[k]!.n}`);
        const at = Date.parse(it.published!);
        expect(at).toBe(want[k]!.at.getTime());
        expect(at).toBeLessThanOrEqual(NOW.getTime());
        expect(at).toBeGreaterThan(NOW.getTime() - 30 * 24 * HOUR);
        expect(it.text.length).toBeGreaterThan(0);
      }
    }
    // The portal escapes '&' and sends its paragraphs as escaped HTML.
    const portal = parsed.get('gbk-portal')!;
    expect(portal.some((i) => i.title.includes('暖心驿站 & 爱心餐'))).toBe(true);
    expect(portal.some((i) => i.text.includes('<p>'))).toBe(false);
  });

  it('has exactly one major (extreme) item, less than two days old', () => {
    const major = allItems.filter((x) => summarizeRisk(classify(x.text)).major);
    expect(major).toHaveLength(1);
    const [m] = major;
    expect(NOW.getTime() - Date.parse(m!.it.published!)).toBeLessThan(48 * HOUR);
    const stationA = district.firms.find((f) => f.key === story.find((s) => s.kind === 'wage-arrears')!.firmKey)!;
    expect(stationA.aliases.some((a) => m!.it.title.includes(a))).toBe(true);
    expect(summarizeRisk(classify(m!.text)).categories).toContain('extreme');
  });

  it('carries both neutral items and items across the labor-risk categories', () => {
    const summaries = allItems.map((x) => summarizeRisk(classify(x.text)));
    expect(summaries.filter((s) => s.neutral).length).toBeGreaterThan(20);
    const categories = new Set(summaries.flatMap((s) => s.categories));
    for (const c of ['arrears', 'stoppage', 'gathering', 'bans_fines', 'injury', 'extreme'])
      expect(categories).toContain(c);
  });

  it('mentions every escalating story firm, as the matcher finds them', () => {
    const patterns = district.firms.flatMap((f, id) =>
      [f.name, ...f.aliases].map((text) => ({ text, firmId: id, ambiguous: text.length <= 2 })),
    );
    const matcher = buildMatcher(patterns);
    const found = new Set(
      allItems.flatMap((x) => matcher.findMentions(x.text).map((m) => district.firms[m.firmId]!.key)),
    );
    const escalating = story.filter((s) => s.kind !== 'unforeseen');
    expect(escalating.length).toBeGreaterThanOrEqual(7);
    for (const s of escalating) expect(found, s.firmName).toContain(s.firmKey);
  });
});
