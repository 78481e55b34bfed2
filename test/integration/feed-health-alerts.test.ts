import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig } from '../helpers/app.ts';
import { feedsPoll } from '../../jobs/feeds-poll.ts';
import { createUser } from '../../src/users/users.ts';
import { login } from '../../src/users/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// Issue 17 item 5: a feed down 2 h raises one alert to the opinion team,
// through the outbox, audited, with a timeline; it closes when the feed is
// well again. A feed that goes quiet for six times its usual interval does
// the same. The feeds are served by a real local HTTP server; every run of
// the feeds-poll job is given its instant.

let up = true;
let items = 1;
const rss = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>${Array.from(
    { length: n },
    (_, i) =>
      `<item><title>平台配送费调整第${i + 1}条</title><guid>g-${i + 1}</guid><description>第${i + 1}条。</description></item>`,
  ).join('')}</channel></rss>`;

let t: TestDb;
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (!up) return res.writeHead(503).end('down');
    res
      .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
      .end(rss(req.url === '/growing.xml' ? items : 1));
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
  up = true;
  items = 1;
});

const T0 = new Date('2026-11-20T02:00:00Z'); // 10:00 Shanghai
const MIN = 60_000;
const at = (m: number) => new Date(T0.getTime() + m * MIN);
const config = testConfig({
  QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8',
  QIANSHAO_PUBLIC_URL: 'https://qs.example.cn',
});
const runJob = (now: Date) =>
  feedsPoll.run({ db: t.db, log: silentLog, config, now, signal: new AbortController().signal });

async function setup(path: string) {
  const feed = (
    await t.db
      .insertInto('feeds')
      .values({
        name: '示范区融媒体',
        url: `${base}${path}`,
        district: '示范区',
        poll_interval_min: 10,
        next_poll_at: T0,
        created_at: at(-24 * 60),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  // The opinion team: one officer on duty for public opinion, and a labour officer who must not be told.
  const officer = await createUser(
    t.db,
    SYSTEM_ACTOR,
    { name: 'yuqing_duty', role: 'opinion_staff', district: '示范区', streets: [], password: 'correct-horse-battery' },
    T0,
  );
  const labour = await createUser(
    t.db,
    SYSTEM_ACTOR,
    { name: 'laodong_duty', role: 'inspector', district: '示范区', streets: [], password: 'correct-horse-battery' },
    T0,
  );
  await t.db.updateTable('users').set({ mobile: '13900000017' }).where('id', '=', officer.id).execute();
  await t.db.updateTable('users').set({ mobile: '13900000018' }).where('id', '=', labour.id).execute();
  await t.db
    .insertInto('roster_shifts')
    .values([
      {
        user_id: officer.id,
        starts_at: at(-24 * 60),
        ends_at: at(48 * 60),
        district: '示范区',
        categories: ['opinion'],
        tier: 1,
      },
      {
        user_id: labour.id,
        starts_at: at(-24 * 60),
        ends_at: at(48 * 60),
        district: '示范区',
        categories: ['labor'],
        tier: 1,
      },
    ])
    .execute();
  const hook = (label: string, district: string | null) =>
    t.db
      .insertInto('webhook_endpoints')
      .values({
        url: `https://hooks.example.cn/${label}`,
        kind: 'standard',
        secret_sealed: null,
        district,
        label,
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const group = (await hook('opinion-group', '示范区')).id;
  await hook('other-district', '邻区');
  return { feed, officer, group };
}

const feedAlerts = () => t.db.selectFrom('feed_alerts').selectAll().orderBy('id').execute();
const sent = async () =>
  (
    await t.db
      .selectFrom('deliveries')
      .select(['endpoint_id', 'event_type', 'event', 'alert_id'])
      .orderBy('id')
      .execute()
  ).map((d) => ({
    ...d,
    event: (typeof d.event === 'string' ? JSON.parse(d.event) : d.event) as {
      type: string;
      data: { feed: Record<string, unknown> };
      mentions?: { mobiles: string[] };
    },
  }));

describe('feed health alerts', () => {
  it('a feed down 2 h → one alert to the opinion team, audited, on the timeline; closed when the feed is back', async () => {
    const { feed, group } = await setup('/feed.xml');
    await runJob(T0);
    expect(
      (await t.db.selectFrom('feeds').select('last_success_at').where('id', '=', feed).executeTakeFirstOrThrow())
        .last_success_at,
    ).toEqual(T0);

    up = false;
    for (const m of [10, 30, 70, 119]) await runJob(at(m));
    const failing = await t.db
      .selectFrom('feeds')
      .select('consecutive_failures')
      .where('id', '=', feed)
      .executeTakeFirstOrThrow();
    expect(failing.consecutive_failures).toBeGreaterThanOrEqual(3);
    expect(await feedAlerts()).toEqual([]); // 1 h 59 min: not yet

    await runJob(at(120));
    const [alert] = await feedAlerts();
    expect(alert).toMatchObject({ feed_id: feed, kind: 'failing', raised_at: at(120), resolved_at: null });
    expect(alert!.details).toMatchObject({ since: T0.toISOString() });
    expect(String(alert!.details['last_error'])).toMatch(/^HTTP 503/);

    // One message, to the district's group only, @-mentioning the officer on duty for public opinion (not the labour one).
    let out = await sent();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ endpoint_id: group, event_type: 'feed.alert', alert_id: null });
    expect(out[0]!.event.mentions?.mobiles).toEqual(['13900000017']);
    expect(out[0]!.event.data.feed).toMatchObject({
      id: feed,
      name: '示范区融媒体',
      kind: 'failing',
      alert_id: alert!.id,
      url: `https://qs.example.cn/feed-alerts/${alert!.id}`,
    });
    expect(String(out[0]!.event.data.feed['title'])).toBe(
      `【舆情源告警】示范区融媒体：抓取连续失败已 2 小时（${String(alert!.details['failures'])} 次）`,
    );

    // Still down: the same episode, nothing sent again.
    for (const m of [150, 200, 300]) await runJob(at(m));
    expect(await feedAlerts()).toHaveLength(1);
    expect(await sent()).toHaveLength(1);

    // Back up: the next due poll succeeds, the alert closes and says so.
    up = true;
    await runJob(at(12 * 60));
    const [closed] = await feedAlerts();
    expect(closed!.resolved_at).toEqual(at(12 * 60));
    out = await sent();
    expect(out.map((d) => d.event_type)).toEqual(['feed.alert', 'feed.recovered']);
    const timeline = await t.db
      .selectFrom('feed_alert_events')
      .select(['kind', 'at', 'details'])
      .where('feed_alert_id', '=', alert!.id)
      .orderBy('id')
      .execute();
    expect(timeline.map((e) => e.kind)).toEqual(['raised', 'notified', 'recovered']);
    expect(timeline[1]!.details).toEqual({ users: ['yuqing_duty'] });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('object_type', '=', 'feed_alert')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'feed_alert.raised', object_id: String(alert!.id) },
      { action: 'feed_alert.recovered', object_id: String(alert!.id) },
    ]);

    // Down again later: a new episode, a new alert.
    up = false;
    for (const m of [13 * 60, 15 * 60]) await runJob(at(m));
    expect((await feedAlerts()).map((a) => a.resolved_at === null)).toEqual([false, true]);
  });

  it('a feed silent for more than six times its usual interval raises a silent alert', async () => {
    await setup('/growing.xml');
    // Five polls ten minutes apart, each bringing a new item: the usual interval is 10 min.
    for (let i = 0; i < 5; i++) {
      items = i + 1;
      await runJob(at(i * 10));
    }
    await runJob(at(100)); // 60 min after the last item: not yet (more than 6 × 10 min is needed)
    expect(await feedAlerts()).toEqual([]);
    await runJob(at(101));
    const [alert] = await feedAlerts();
    expect(alert).toMatchObject({ kind: 'silent', resolved_at: null });
    expect(alert!.details).toMatchObject({ since: at(40).toISOString(), usual_interval_minutes: 10 });
    // A new item ends the silence.
    items = 6;
    await runJob(at(200));
    expect((await feedAlerts())[0]!.resolved_at).toEqual(at(200));
  });

  it('the queue shows the open feed alert and its page its timeline, in the district only', async () => {
    await setup('/feed.xml');
    await runJob(T0);
    up = false;
    for (const m of [10, 30, 70, 120]) await runJob(at(m));
    const [alert] = await feedAlerts();
    const app = testApp(t.db, { clock: () => at(130) });
    const cookie = async (name: string, district: string | null) => {
      await createUser(
        t.db,
        SYSTEM_ACTOR,
        { name, role: 'opinion_staff', district, streets: [], password: 'correct-horse-battery' },
        T0,
      );
      const s = await login(
        t.db,
        { name, password: 'correct-horse-battery', ip: null, userAgent: null },
        new Date(),
        config.login,
        config.sessionTtlMs,
      );
      return { cookie: `qs_session=${s.sessionId}` };
    };
    const mine = await cookie('shifanqu_reader', '示范区');
    for (const path of ['/', '/?view=incidents']) {
      const html = await (await app.request(path, { headers: mine })).text();
      expect(html).toContain(`data-feed-alert-id="${alert!.id}"`);
      expect(html).toContain('抓取连续失败');
    }
    const page = await app.request(`/feed-alerts/${alert!.id}`, { headers: mine });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('示范区融媒体');
    expect(html).toContain('data-feed-alert-state="open"');
    expect(html).toContain('yuqing_duty');
    const en = await (await app.request(`/feed-alerts/${alert!.id}?lang=en`, { headers: mine })).text();
    expect(en).toContain('failing to fetch');

    // The API lists it too (not in /api/v1/alerts: the contract's alert names a firm).
    const api = await app.request('/api/v1/feed-alerts', { headers: mine });
    expect(api.status).toBe(200);
    const body = (await api.json()) as {
      feedAlerts: Array<{ id: number; kind: string; feed: { name: string }; resolvedAt: string | null }>;
    };
    expect(body.feedAlerts).toEqual([
      expect.objectContaining({
        id: alert!.id,
        kind: 'failing',
        feed: expect.objectContaining({ name: '示范区融媒体' }),
        resolvedAt: null,
      }),
    ]);

    const other = await cookie('linqu_reader', '邻区');
    const theirApi = (await (await app.request('/api/v1/feed-alerts?status=all', { headers: other })).json()) as {
      feedAlerts: unknown[];
    };
    expect(theirApi.feedAlerts).toEqual([]);
    expect((await app.request(`/feed-alerts/${alert!.id}`, { headers: other })).status).toBe(404);
    expect(await (await app.request('/', { headers: other })).text()).not.toContain('data-feed-alert-id');
  });
});
