import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { importText, seedFirms } from '../helpers/ingest.ts';
import { storeFeedItems } from '../../src/ingest/opinion/store-items.ts';
import { feedByName } from '../../src/ingest/opinion/feeds-repo.ts';
import type { FeedItem } from '../../src/ingest/feeds/parse-feed.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { defaultModelConfig } from '../../src/domain/scoring/index.ts';

// Issue 14, items 3 and 4, through the stored rows.
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
const BRANDS =
  '\ufeff单位名称,别名,行业,类型\n' +
  '上海拉扎斯信息科技有限公司,饿了么?、饿了么外卖,外卖配送,平台\n' +
  '上海美团示例科技有限公司,美团|美团外卖,外卖配送,平台\n';

describe('judgement on stored opinion items', () => {
  it('imports an alias marked ambiguous with a trailing ?, and a later marker sets the flag', async () => {
    await importText(t.db, 'firms', BRANDS);
    const rows = await t.db
      .selectFrom('firm_aliases')
      .innerJoin('firms', 'firms.id', 'firm_aliases.firm_id')
      .select(['firm_aliases.alias', 'firm_aliases.ambiguous'])
      .where('firms.name', 'like', '上海%示例%')
      .orderBy('firm_aliases.alias')
      .execute();
    expect(rows).toEqual([
      { alias: '美团', ambiguous: false },
      { alias: '美团外卖', ambiguous: false },
    ]);
    const eleme = await t.db
      .selectFrom('firm_aliases')
      .innerJoin('firms', 'firms.id', 'firm_aliases.firm_id')
      .select(['firm_aliases.alias', 'firm_aliases.ambiguous'])
      .where('firms.name', '=', '上海拉扎斯信息科技有限公司')
      .orderBy('firm_aliases.alias')
      .execute();
    expect(eleme).toEqual([
      { alias: '饿了么', ambiguous: true },
      { alias: '饿了么外卖', ambiguous: false },
    ]);
    await importText(t.db, 'firms', '单位名称,别名\n上海美团示例科技有限公司,美团*\n');
    const again = await t.db
      .selectFrom('firm_aliases')
      .select(['alias', 'ambiguous'])
      .where('alias', '=', '美团')
      .execute();
    expect(again).toEqual([{ alias: '美团', ambiguous: true }]);
  });

  it('stores no mention for a brand inside a word, and a neutral one for a firm cleared by 与…无关', async () => {
    await importText(t.db, 'firms', BRANDS);
    const feed = await feedByName(t.db, 'judgement-news', fetched);
    await storeFeedItems(
      t.db,
      feed.id,
      [
        item({ guid: 'w', title: '完美团队的一天', text: '你饿了么？' }),
        item({ guid: 'd', title: '美团外卖骑手跳楼？', text: '警方通报：男子跳楼获救，与外卖平台无关。' }),
        item({ guid: 'n', title: '美团外卖站点并未拖欠工资', text: '辟谣！网传骑手罢工消息不实。' }),
        item({ guid: 'r', title: '美团外卖站点拖欠骑手十余万元工资', text: '二百余名骑手聚集罢送。' }),
      ],
      fetched,
    );
    const mentions = await t.db
      .selectFrom('mentions')
      .innerJoin('feed_items', 'feed_items.id', 'mentions.item_id')
      .select(['feed_items.guid', 'mentions.neutral', 'mentions.major', 'mentions.categories'])
      .orderBy('feed_items.guid')
      .execute();
    expect(mentions.map((m) => [m.guid, m.neutral, m.major])).toEqual([
      ['d', true, false],
      ['n', true, false],
      ['r', false, false],
    ]);
    expect(mentions[2]!.categories).toEqual(expect.arrayContaining(['arrears', 'stoppage', 'gathering']));
  });

  it('stores collective action, head count and sum, and scores it as a collective_action trigger', async () => {
    await importText(t.db, 'firms', BRANDS);
    const feed = await feedByName(t.db, 'judgement-news', fetched);
    await storeFeedItems(
      t.db,
      feed.id,
      [
        item({
          guid: 'c',
          title: '晨光路街道美团外卖站点二百余名骑手聚集罢送',
          text: '要求补发三个月工资，共计十余万元。',
        }),
      ],
      fetched,
    );
    const row = await t.db.selectFrom('mentions').select(['collective', 'people', 'amount']).executeTakeFirstOrThrow();
    expect(row).toEqual({ collective: true, people: 200, amount: 100_000 });
    const run = await runScoring(t.db, defaultModelConfig, {
      at: fetched,
      firms: 'all',
      reason: 'test',
      actor: { id: null, name: 'test' },
      store: false,
    });
    const firm = run.firms.find((f) => f.firm.name === '上海美团示例科技有限公司')!;
    expect(firm.score.triggers).toMatchObject([{ kind: 'collective_action', level: 'orange', source: 'opinion' }]);
    expect(firm.score.level).toBe('orange');
  });
});
