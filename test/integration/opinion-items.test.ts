import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { seedFirms } from '../helpers/ingest.ts';
import { storeFeedItems } from '../../src/ingest/opinion/store-items.ts';
import { feedByName } from '../../src/ingest/opinion/feeds-repo.ts';
import type { FeedItem } from '../../src/ingest/feeds/parse-feed.ts';
import { testApp, userWithToken } from '../helpers/app.ts';

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const item = (over: Partial<FeedItem>): FeedItem => ({
  guid: null,
  title: '',
  link: null,
  published: '2026-11-20T02:00:00.000Z',
  text: '',
  html: null,
  titleHtml: null,
  ...over,
});
const fetched = new Date('2026-11-20T03:00:00Z');

describe('public-opinion items', () => {
  it('stores items with their firm mentions, offsets and labor-risk classification; neutral ones are kept', async () => {
    const feed = await feedByName(t.db, 'test-news', fetched);
    const r = await storeFeedItems(
      t.db,
      feed.id,
      [
        item({ guid: 'a', title: '快兔跑腿晨光路站骑手聚集讨薪', text: '多名骑手称被拖欠工资两个月。' }),
        item({ guid: 'b', title: '快兔跑腿推出新年优惠活动', text: '新用户首单立减。' }),
        item({ guid: 'c', title: '网传配送站骑手欲轻生', text: '快兔跑腿回应称已介入。' }),
      ],
      fetched,
    );
    expect(r).toMatchObject({ items: 3, new: 3, duplicates: 0 });
    const items = await t.db
      .selectFrom('feed_items')
      .select(['guid', 'neutral', 'major', 'categories', 'max_severity'])
      .orderBy('guid')
      .execute();
    expect(items.map((i) => [i.guid, i.neutral, i.major])).toEqual([
      ['a', false, false],
      ['b', true, false],
      ['c', false, true],
    ]);
    expect(items[0]!.categories).toEqual(expect.arrayContaining(['arrears', 'gathering']));
    expect(items[2]!.categories).toContain('extreme');
    const platform = await t.db
      .selectFrom('firms')
      .select('id')
      .where('uscc', '=', '91310105700010058E')
      .executeTakeFirstOrThrow();
    const mentions = await t.db
      .selectFrom('mentions')
      .innerJoin('feed_items', 'feed_items.id', 'mentions.item_id')
      .select([
        'feed_items.guid',
        'feed_items.title',
        'feed_items.text',
        'mentions.firm_id',
        'mentions.alias',
        'mentions.offset',
        'mentions.length',
        'mentions.at',
      ])
      .orderBy('feed_items.guid')
      .execute();
    expect(mentions.map((m) => [m.guid, m.firm_id, m.alias])).toEqual([
      ['a', platform.id, '快兔跑腿'],
      ['b', platform.id, '快兔跑腿'],
      ['c', platform.id, '快兔跑腿'],
    ]);
    for (const m of mentions) expect(`${m.title}\n${m.text}`.slice(m.offset, m.offset + m.length)).toBe('快兔跑腿');
    expect(mentions[0]!.at.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(r.firmIds).toEqual([platform.id]);
  });

  it('deduplicates by guid, then link, then content', async () => {
    const feed = await feedByName(t.db, 'test-news', fetched);
    await storeFeedItems(
      t.db,
      feed.id,
      [
        item({ guid: 'g1', title: '一', text: 'x' }),
        item({ link: 'https://demo.invalid/2', title: '二', text: 'y' }),
        item({ title: '三', text: 'z' }),
      ],
      fetched,
    );
    const again = await storeFeedItems(
      t.db,
      feed.id,
      [
        item({ guid: 'g1', title: '一（改过标题）', text: 'x2' }),
        item({ guid: 'new-guid', link: 'https://demo.invalid/2', title: '二', text: 'y' }),
        item({ title: '三', text: 'z' }),
        item({ guid: 'g4', title: '四', text: 'w' }),
      ],
      fetched,
    );
    expect(again).toMatchObject({ items: 4, new: 1, duplicates: 3 });
    expect(await t.db.selectFrom('feed_items').select('title').orderBy('id').execute()).toEqual([
      { title: '一' },
      { title: '二' },
      { title: '三' },
      { title: '四' },
    ]);
  });

  it('the same story in another feed is stored for that feed too (credibility is per feed)', async () => {
    const a = await feedByName(t.db, 'feed-a', fetched);
    const b = await feedByName(t.db, 'feed-b', fetched);
    const story = item({ guid: 'same', title: '快兔跑腿骑手罢送', text: '' });
    expect((await storeFeedItems(t.db, a.id, [story], fetched)).new).toBe(1);
    expect((await storeFeedItems(t.db, b.id, [story], fetched)).new).toBe(1);
  });

  it('an alias marked ambiguous through the API counts only with a second cue', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const r = await testApp(t.db).request('/api/v1/firms/91310105700010058E/aliases', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ alias: '快兔', ambiguous: true }),
    });
    expect(((await r.json()) as any).aliases).toContainEqual({ alias: '快兔', ambiguous: true });
    const feed = await feedByName(t.db, 'test-news', fetched);
    const out = await storeFeedItems(
      t.db,
      feed.id,
      [
        item({ guid: 'pet', title: '小区里的快兔很可爱', text: '' }),
        item({ guid: 'rider', title: '快兔骑手聚集讨薪', text: '' }),
      ],
      fetched,
    );
    expect(out.mentions).toBe(1);
    const m = await t.db
      .selectFrom('mentions')
      .innerJoin('feed_items', 'feed_items.id', 'mentions.item_id')
      .select(['feed_items.guid', 'mentions.alias'])
      .execute();
    expect(m).toEqual([{ guid: 'rider', alias: '快兔' }]);
    expect(
      await t.db.selectFrom('audit_log').select('action').where('action', '=', 'firm.alias').execute(),
    ).toHaveLength(1);
  });
});
