import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, silentLog, testConfig } from '../helpers/app.ts';
import { backoffMs, pollDueFeeds, type PollOptions } from '../../src/ingest/opinion/poll-feeds.ts';
import { feedsPoll } from '../../jobs/feeds-poll.ts';

const rss = (items: string[], decl = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${decl}<rss version="2.0"><channel><title>t</title>${items
    .map(
      (title, i) =>
        `<item><title>${title}</title><guid>${encodeURIComponent(title)}-${i}</guid><description>${title}。</description></item>`,
    )
    .join('')}</channel></rss>`;

const GOOD = rss(['外卖骑手讨薪', '平台调整配送费']);
const ETAG = '"v1"';
const LAST_MODIFIED = 'Mon, 02 Mar 2026 00:00:00 GMT';
// No encoding in the declaration: only the Content-Type header says GB2312.
const GB = iconv.encode(rss(['快递网点欠薪', '劳动监察约谈'], '<?xml version="1.0"?>'), 'gb2312');

let flakyFails = true;
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];

function handler(path: string, res: import('node:http').ServerResponse, headers: IncomingHttpHeaders) {
  if (path === '/good.xml') {
    if (headers['if-none-match'] === ETAG) return res.writeHead(304, { etag: ETAG }).end();
    return res
      .writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: ETAG,
        'last-modified': LAST_MODIFIED,
      })
      .end(GOOD);
  }
  if (path === '/gb.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=GB2312' }).end(GB);
  if (path === '/500') return res.writeHead(500).end('boom');
  if (path === '/flaky')
    return flakyFails ? res.writeHead(503).end() : res.writeHead(200, { 'content-type': 'text/xml' }).end(GOOD);
  if (path === '/hang') return; // never answers
  const hop = /^\/r(\d+)$/.exec(path);
  if (hop) return res.writeHead(302, { location: Number(hop[1]) > 0 ? `/r${Number(hop[1]) - 1}` : '/good.xml' }).end();
  if (path === '/big.xml')
    return res.writeHead(200, { 'content-type': 'text/xml' }).end(rss([`大${'x'.repeat(40_000)}`]));
  if (path === '/bad.xml')
    return res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end('<rss version="2.0"><channel><item><title>坏</item></channel></rss>');
  res.writeHead(404).end();
}

let t: TestDb;
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    handler(req.url ?? '', res, req.headers);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await openTestDb();
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await t?.close();
});
beforeEach(async () => {
  await t.reset();
  requests.length = 0;
  flakyFails = true;
});

const T0 = new Date('2026-03-02T02:00:00Z');
const MIN = 60_000;
const allowLocal = testConfig({ QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' });
const deps = (config = allowLocal) => ({ db: t.db, log: silentLog, config });
// Short enough for the hanging feed to cost little, long enough for the
// four-hop redirect while the embedded database keeps the event loop busy.
const fast: PollOptions = { concurrency: 8, fetch: { timeoutMs: 2_500, maxBytes: 16_384 } };

async function feed(
  name: string,
  path: string | null,
  extra: { enabled?: boolean; next_poll_at?: Date; poll_interval_min?: number } = {},
) {
  const row = await t.db
    .insertInto('feeds')
    .values({
      name,
      url: path === null ? null : `${base}${path}`,
      poll_interval_min: 10,
      next_poll_at: T0,
      ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
const feedRow = (id: number) => t.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const titles = async (id: number) =>
  (await t.db.selectFrom('feed_items').select('title').where('feed_id', '=', id).orderBy('title').execute()).map(
    (r) => r.title,
  );

describe('pollDueFeeds', () => {
  it('stores the good feeds while each failing feed records its own error', async () => {
    const good = await feed('good', '/good.xml');
    const gb = await feed('gb', '/gb.xml');
    const failing = {
      err500: [await feed('err500', '/500'), /^HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/500$/],
      hang: [await feed('hang', '/hang'), /^http:\/\/127\.0\.0\.1:\d+\/hang: timed out after 2500 ms$/],
      redirects: [await feed('redirects', '/r3'), /too many redirects \(more than 3/],
      big: [await feed('big', '/big.xml'), /too large.*limit is 16384 bytes/],
      bad: [await feed('bad', '/bad.xml'), /^http:\/\/127\.0\.0\.1:\d+\/bad\.xml: XML is not well-formed/],
    } as const;
    const disabled = await feed('disabled', '/good.xml?disabled', { enabled: false });
    const later = await feed('later', '/good.xml?later', { next_poll_at: new Date(T0.getTime() + MIN) });
    await feed('file-only', null);

    const r = await pollDueFeeds(deps(), T0, fast);
    expect(r).toMatchObject({ polled: 7, ok: 2, failed: 5, newItems: 4 });

    expect(await titles(good)).toEqual(['平台调整配送费', '外卖骑手讨薪'].sort());
    expect(await titles(gb)).toEqual(['劳动监察约谈', '快递网点欠薪'].sort());
    for (const id of [good, gb]) {
      expect(await feedRow(id)).toMatchObject({
        consecutive_failures: 0,
        last_error: null,
        last_success_at: T0,
        last_polled_at: T0,
        next_poll_at: new Date(T0.getTime() + 10 * MIN),
      });
    }
    expect(await feedRow(good)).toMatchObject({ etag: ETAG, last_modified: LAST_MODIFIED });

    for (const [name, [id, pattern]] of Object.entries(failing)) {
      const row = await feedRow(id);
      expect(row.last_error, name).toMatch(pattern);
      expect(row, name).toMatchObject({
        consecutive_failures: 1,
        last_polled_at: T0,
        last_success_at: null,
        next_poll_at: new Date(T0.getTime() + 20 * MIN),
      });
      expect(await titles(id), name).toEqual([]);
    }

    for (const id of [disabled, later])
      expect(await feedRow(id)).toMatchObject({ last_polled_at: null, consecutive_failures: 0 });
    expect(requests.filter((q) => q.path.includes('?'))).toEqual([]);
  });

  it('sends ETag / Last-Modified back; a 304 stores nothing and counts as success', async () => {
    const good = await feed('good', '/good.xml');
    const gb = await feed('gb', '/gb.xml');
    expect(await pollDueFeeds(deps(), T0, fast)).toMatchObject({ polled: 2, ok: 2, newItems: 4 });
    expect(requests.find((q) => q.path === '/good.xml')!.headers['if-none-match']).toBeUndefined();
    requests.length = 0;

    const T1 = new Date(T0.getTime() + 10 * MIN);
    expect(await pollDueFeeds(deps(), T1, fast)).toMatchObject({ polled: 2, ok: 2, failed: 0, newItems: 0 });
    const second = requests.find((q) => q.path === '/good.xml')!;
    expect(second.headers).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED });
    // The GB2312 feed sends no validators, so it is fetched again and deduplicated.
    expect(requests.find((q) => q.path === '/gb.xml')!.headers['if-none-match']).toBeUndefined();
    expect(await titles(good)).toHaveLength(2);
    expect(await titles(gb)).toHaveLength(2);
    expect(await feedRow(good)).toMatchObject({
      last_success_at: T1,
      consecutive_failures: 0,
      etag: ETAG,
      last_modified: LAST_MODIFIED,
      next_poll_at: new Date(T1.getTime() + 10 * MIN),
    });
  });

  it('refuses a feed on 127.0.0.1 when no private network is allowed', async () => {
    const id = await feed('local', '/good.xml');
    const r = await pollDueFeeds(deps(testConfig()), T0, fast);
    expect(r).toMatchObject({ polled: 1, ok: 0, failed: 1 });
    const row = await feedRow(id);
    expect(row.last_error).toMatch(
      /^refused to fetch http:\/\/127\.0\.0\.1:\d+\/good\.xml: 127\.0\.0\.1 is a loopback address \(not in QIANSHAO_ALLOW_PRIVATE_NETWORKS\)$/,
    );
    expect(row.consecutive_failures).toBe(1);
    expect(requests).toEqual([]);
  });

  it('backs off after each failure and recovers on success', async () => {
    const id = await feed('flaky', '/flaky');
    let now = T0;
    for (const [failures, waitMin] of [
      [1, 20],
      [2, 40],
      [3, 80],
    ] as const) {
      expect(await pollDueFeeds(deps(), now, fast)).toMatchObject({ polled: 1, failed: 1 });
      const row = await feedRow(id);
      expect(row).toMatchObject({
        consecutive_failures: failures,
        last_error: expect.stringMatching(/^HTTP 503 Service Unavailable/),
      });
      expect(row.next_poll_at.getTime() - now.getTime()).toBe(waitMin * MIN);
      // Not due before its back-off has passed.
      expect(await pollDueFeeds(deps(), new Date(row.next_poll_at.getTime() - 1), fast)).toMatchObject({ polled: 0 });
      now = row.next_poll_at;
    }
    flakyFails = false;
    expect(await pollDueFeeds(deps(), now, fast)).toMatchObject({ ok: 1, newItems: 2 });
    expect(await feedRow(id)).toMatchObject({ consecutive_failures: 0, last_error: null, last_success_at: now });
  });

  it('two pollers at the same tick take each due feed once', async () => {
    await feed('good', '/good.xml');
    await feed('gb', '/gb.xml');
    await feed('err500', '/500');
    const [x, y] = await Promise.all([pollDueFeeds(deps(), T0, fast), pollDueFeeds(deps(), T0, fast)]);
    expect(x.polled + y.polled).toBe(3);
    expect(x.newItems + y.newItems).toBe(4);
    expect(requests.map((q) => q.path).sort()).toEqual(['/500', '/gb.xml', '/good.xml']);
  });

  it('caps the back-off at 6 h, or at the interval when that is longer', () => {
    expect(backoffMs(15, 1)).toBe(30 * MIN);
    expect(backoffMs(15, 4)).toBe(240 * MIN);
    expect(backoffMs(15, 5)).toBe(360 * MIN);
    expect(backoffMs(1, 50)).toBe(32 * MIN);
    expect(backoffMs(24 * 60, 3)).toBe(24 * 60 * MIN);
  });

  it('the job rescores the firms named in new items at once', async () => {
    const firm = await insertFirm(t.db, { name: '快递网点服务有限公司', district: '示范区' });
    await t.db
      .insertInto('firm_aliases')
      .values({ firm_id: firm.id, alias: '快递网点', alias_norm: '快递网点' })
      .execute();
    await feed('gb', '/gb.xml');
    await feedsPoll.run({
      db: t.db,
      log: silentLog,
      config: allowLocal,
      now: T0,
      signal: new AbortController().signal,
    });
    const risk = await t.db
      .selectFrom('firm_risk')
      .innerJoin('firm_scores as s', 's.id', 'firm_risk.score_id')
      .select(['firm_risk.at', 'firm_risk.score', 's.detail'])
      .where('firm_risk.firm_id', '=', firm.id)
      .executeTakeFirstOrThrow();
    expect(risk.at.toISOString()).toBe(T0.toISOString());
    expect(risk.score).toBeGreaterThan(0);
    expect((risk.detail as any).components.opinion).toBe(risk.score);
    const run = await t.db.selectFrom('score_runs').select(['reason', 'scope', 'actor_name']).executeTakeFirstOrThrow();
    expect(run).toEqual({ reason: 'feeds', scope: 'touched', actor_name: 'system' });
  });

  it('runs as the feeds-poll job, counting new items', async () => {
    await feed('good', '/good.xml');
    const r = await feedsPoll.run({
      db: t.db,
      log: silentLog,
      config: allowLocal,
      now: T0,
      signal: new AbortController().signal,
    });
    expect(r).toEqual({ items: 2 });
  });
});
