// Shared by the issue-17 tests: a story naming a station and its platform,
// a feed poll through the real intake path, an officer on duty, an endpoint.

import type { TestDb } from './db.ts';
import { silentLog, testConfig, userWithToken } from './app.ts';
import { storeFeedItems } from '../../src/ingest/opinion/store-items.ts';
import { feedByName } from '../../src/ingest/opinion/feeds-repo.ts';
import { parseFeed } from '../../src/ingest/feeds/parse-feed.ts';
import { rescoreTouched } from '../../src/scoring/rescore.ts';

export const STORY_TITLE = '快兔晨光路站一骑手被拖欠工资欲跳楼 示范区晨光路街道到场处置';
export const STORY_TEXT =
  '示范区晨光路街道快兔晨光路站一名骑手因被拖欠三个月工资爬上楼顶欲跳楼，快兔跑腿平台称正在核实。街道、派出所到场劝解。';
export const rss = (items: { guid: string; title: string; text: string; date: string }[]) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>t</title><link>https://x.example.cn/</link>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><pubDate>${i.date}</pubDate><description>${i.text}</description></item>`).join('\n')}
</channel></rss>`);

/** Stores a feed's items as a poll at `at` would, then rescores what they touched (the intake path). */
export async function poll(t: TestDb, feedName: string, bytes: Buffer, at: Date, env: Record<string, string> = {}) {
  const feed = await feedByName(t.db, feedName, at);
  const parsed = await parseFeed(bytes);
  if (!parsed.ok) throw new Error(parsed.error);
  const stored = await storeFeedItems(t.db, feed.id, parsed.items, at);
  await rescoreTouched({ db: t.db, log: silentLog, config: testConfig(env) }, stored.firmIds, at, 'feed-poll', {
    id: null,
    name: 'test',
  });
  return stored;
}

/** A tier-1 officer on duty for the district around `at`, with a work mobile. */
export async function onDutyOfficer(t: TestDb, at: Date, mobile: string) {
  const u = await userWithToken(t.db, 'inspector', { district: '示范区' });
  await t.db.updateTable('users').set({ mobile }).where('id', '=', u.user.id).execute();
  await t.db
    .insertInto('roster_shifts')
    .values({
      user_id: u.user.id,
      starts_at: new Date(at.getTime() - 86_400_000),
      ends_at: new Date(at.getTime() + 86_400_000),
      district: '示范区',
      tier: 1,
    })
    .execute();
  return u;
}

export async function endpoint(t: TestDb, label: string) {
  return (
    await t.db
      .insertInto('webhook_endpoints')
      .values({
        url: `https://hooks.example.cn/${label}`,
        kind: 'standard',
        secret_sealed: null,
        district: null,
        label,
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
