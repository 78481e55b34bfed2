import { beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { seedFirms } from '../helpers/ingest.ts';
import { storeFeedItems } from '../../src/ingest/opinion/store-items.ts';
import { feedByName } from '../../src/ingest/opinion/feeds-repo.ts';
import { parseFeed } from '../../src/ingest/feeds/parse-feed.ts';
import { loadEvidence } from '../../src/scoring/evidence.ts';
import { opinionEvidence } from '../../src/alerts/alerts-read.ts';
import { defaultModelConfig, evidenceWindow, scoreFirm } from '../../src/domain/scoring/index.ts';

// Issue 14, items 5 and 6, through the real pipeline: the same article on a
// GB2312 portal and a UTF-8 site is one story and does not double a firm's
// score; items get their place and the model weighs them by it.

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const AT = new Date('2026-11-20T06:00:00Z');
const TITLE = '二十余名骑手聚集快兔晨光路站讨薪 街道已介入调解';
const TEXT =
  '二十余名骑手聚集在快兔晨光路站门口，反映站点拖欠三个月工资。街道、派出所和区人社局到场调解，站点负责人承诺限期支付。';

const rss = (
  encoding: string,
  items: { guid: string; title: string; text: string; date?: string }[],
) => `<?xml version="1.0" encoding="${encoding}"?>
<rss version="2.0"><channel><title>t</title><link>https://x.example.cn/</link>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><pubDate>${i.date ?? 'Fri, 20 Nov 2026 02:00:00 GMT'}</pubDate><description>${i.text}</description></item>`).join('\n')}
</channel></rss>`;

async function store(feedName: string, bytes: Buffer) {
  const feed = await feedByName(t.db, feedName, AT);
  const parsed = await parseFeed(bytes);
  if (!parsed.ok) throw new Error(parsed.error);
  return storeFeedItems(t.db, feed.id, parsed.items, AT);
}
const utf8 = (items: Parameters<typeof rss>[1]) => Buffer.from(rss('UTF-8', items));
const gb2312 = (items: Parameters<typeof rss>[1]) => iconv.encode(rss('GB2312', items), 'gb2312');

async function firm(name: string) {
  return (await t.db.selectFrom('firms').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
async function score(firmId: number) {
  const ev = await loadEvidence(t.db, { ids: [firmId] }, evidenceWindow(AT, defaultModelConfig));
  return scoreFirm(ev.get(firmId) ?? { inspections: [], petitions: [], mentions: [] }, AT);
}

describe('one story across feeds', () => {
  it('the same article on a GB2312 portal and a UTF-8 site counts once (reach adds at most 10 % raw)', async () => {
    const station = await firm('晨光路配送站有限公司');
    await store('news-utf8', utf8([{ guid: 'u1', title: TITLE, text: TEXT }]));
    const alone = await score(station);
    const r = await store(
      'portal-gbk',
      gb2312([{ guid: 'g1', title: `${TITLE}（转载）`, text: `来源：某某新闻网。${TEXT.replace('三个月', '3个月')}` }]),
    );
    expect(r).toMatchObject({ new: 1, copies: 1 });
    const both = await score(station);
    expect(alone.score).toBeGreaterThan(0);
    expect(both.raw).toBeCloseTo(alone.raw * 1.1, 6);
    expect(both.contributions.filter((c) => c.source === 'opinion' && c.id !== 'spike')).toHaveLength(1);
    const rows = await t.db.selectFrom('feed_items').select(['id', 'story_id', 'guid']).orderBy('id').execute();
    expect(rows[1]!.story_id).toBe(rows[0]!.id);
    expect(rows[0]!.story_id).toBeNull();
    // The console's evidence of the story shows its other copy, with its feed.
    const opinion = both.contributions.find((c) => c.source === 'opinion' && c.id !== 'spike')!;
    const [shown] = await opinionEvidence(t.db, station, [Number(opinion.id)]);
    expect(shown!.copies.map((c) => c.feed)).toEqual(['portal-gbk']);
    expect(shown!.place).toBe('local');
    expect(opinion.why.text).toContain('转载1处');
  });

  it('a different story about the same firm stays its own and adds fully', async () => {
    const station = await firm('晨光路配送站有限公司');
    await store('news-utf8', utf8([{ guid: 'u1', title: TITLE, text: TEXT }]));
    const alone = await score(station);
    const r = await store(
      'forum',
      utf8([
        { guid: 'f1', title: '快兔晨光路站又扣款了', text: '超时一单罚五十，申诉完工号就被封了，站长说是平台规定。' },
      ]),
    );
    expect(r.copies).toBe(0);
    const both = await score(station);
    const opinion = (s: typeof both) => s.contributions.filter((c) => c.source === 'opinion' && c.id !== 'spike');
    expect(opinion(both)).toHaveLength(2);
    // The new story adds its own full points (a severity-2 item ≈ 1.5 raw), not a reach bonus.
    expect(both.raw - alone.raw).toBeGreaterThan(1);
  });

  it('copies within one batch of one feed join the first copy too', async () => {
    const r = await store(
      'news-utf8',
      utf8([
        { guid: 'a', title: TITLE, text: TEXT },
        { guid: 'b', title: TITLE, text: `${TEXT}（完）` },
      ]),
    );
    expect(r).toMatchObject({ new: 2, copies: 1 });
  });
});

describe('place of stored items', () => {
  it('stores local, elsewhere and none, and weighs the platform by them', async () => {
    const platform = await firm('快兔跑腿（上海）网络科技有限公司');
    await store(
      'news',
      utf8([
        { guid: 'l', title: '快兔跑腿骑手在晨光路街道聚集讨薪', text: '骑手反映被拖欠两个月工资。' },
        { guid: 'e', title: '湖南长沙一快兔跑腿站点拖欠骑手工资', text: '当地人社部门已介入。' },
        { guid: 'n', title: '快兔跑腿被指拖欠骑手工资', text: '多名骑手在社交平台发帖称工资迟发。' },
        { guid: 'p', title: '快兔晨光路站拖欠工资', text: '站长称等快兔跑腿结算。' },
      ]),
    );
    const rows = await t.db
      .selectFrom('feed_items')
      .select(['guid', 'place', 'places', 'names_partner'])
      .orderBy('guid')
      .execute();
    expect(rows.map((r) => [r.guid, r.place, r.names_partner])).toEqual([
      ['e', 'elsewhere', false],
      ['l', 'local', false],
      ['n', 'none', false],
      ['p', 'none', true],
    ]);
    expect(rows.find((r) => r.guid === 'e')!.places).toEqual(['湖南', '长沙']);
    const ev = await loadEvidence(t.db, { ids: [platform] }, evidenceWindow(AT, defaultModelConfig));
    const places = ev
      .get(platform)!
      .mentions.map((m) => m.place)
      .sort();
    expect(places).toEqual(['elsewhere', 'local', 'local', 'national']);
  });

  it('an extreme event at a station elsewhere never triggers; the same in the district does', async () => {
    const station = await firm('晨光路配送站有限公司');
    await store('news', utf8([{ guid: 'x', title: '湖南长沙快兔晨光路站一骑手欲跳楼', text: '当地警方已到场处置。' }]));
    expect((await score(station)).triggers).toEqual([]);
    await store(
      'news2',
      utf8([{ guid: 'y', title: '晨光路街道快兔晨光路站一骑手因欠薪欲轻生', text: '属地派出所已到场处置。' }]),
    );
    expect((await score(station)).level).toBe('red');
  });

  it('national items about a platform, three a day for a week, stay below yellow', async () => {
    const platform = await firm('快兔跑腿（上海）网络科技有限公司');
    const topics = [
      '拖欠骑手工资',
      '克扣配送费',
      '骑手讨薪无果',
      '欠薪两个月',
      '工资迟迟不发',
      '骑手称被欠薪',
      '押金不退',
    ];
    const items = [];
    for (let d = 0; d < 7; d++) {
      for (let k = 0; k < 3; k++) {
        const date = new Date(AT.getTime() - (d * 24 + k * 6 + 1) * 3_600_000).toUTCString();
        items.push({
          guid: `n${d}-${k}`,
          title: `快兔跑腿${topics[d]}（第${d * 3 + k + 1}则）`,
          text: `网友第${d}${k}号帖：${'快兔跑腿骑手反映问题'.repeat(k + 1)}，涉及${d + 2}${k}名骑手。`,
          date,
        });
      }
    }
    await store('national', utf8(items));
    const s = await score(platform);
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThan(defaultModelConfig.levels.yellow);
  });
});
