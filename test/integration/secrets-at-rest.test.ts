import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Writable } from 'node:stream';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { createDeliverySender } from '../../src/delivery/worker.ts';
import { pollDueFeeds } from '../../src/ingest/opinion/poll-feeds.ts';
import { sealLegacyValues } from '../../src/security/seal-legacy.ts';

// Issue 13 item 8: robot keys and feed credentials are sealed at rest, never
// logged, and shown masked in the API and the console.

let t: TestDb;
let rx: Receiver;
beforeAll(async () => {
  t = await openTestDb();
  rx = await startReceiver();
});
afterAll(async () => {
  await rx?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.reset();
  rx.received.length = 0;
  rx.respond = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
});

const LOOPBACK = { QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' };
const app = () => testApp(t.db, { env: LOOPBACK });
const json = (headers: Record<string, string>, body: unknown) => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function capturingLog() {
  const lines: string[] = [];
  const log = pino(
    { level: 'trace' },
    new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  );
  return { log, text: () => lines.join('') };
}

const WECOM_KEY = 'a1b2c3d4-wecom-robot-key-5e6f';
const DING_TOKEN = 'dingtalk0access0token0123456789abcdef';
const FEISHU_TOKEN = '0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9';

describe('webhook URLs carrying keys', () => {
  it('are sealed at rest, masked in the API, console and audit, and still used in full by the sender', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const urls = {
      wecom: `${rx.url}/cgi-bin/webhook/send?key=${WECOM_KEY}`,
      dingtalk: `${rx.url}/robot/send?access_token=${DING_TOKEN}`,
      feishu: `${rx.url}/open-apis/bot/v2/hook/${FEISHU_TOKEN}`,
    };
    const ids: Record<string, number> = {};
    for (const [kind, url] of Object.entries(urls)) {
      const r = await app().request('/api/v1/webhooks', json(admin.headers, { url, kind }));
      expect(r.status).toBe(200);
      ids[kind] = ((await r.json()) as any).id;
    }
    const secrets = [WECOM_KEY, DING_TOKEN, FEISHU_TOKEN];
    const rows = await t.db.selectFrom('webhook_endpoints').selectAll().execute();
    const audit = await t.db.selectFrom('audit_log').selectAll().execute();
    const listed = await (await app().request('/api/v1/webhooks', { headers: admin.headers })).text();
    const page = await (await app().request('/webhooks', { headers: admin.headers })).text();
    for (const text of [JSON.stringify(rows), JSON.stringify(audit), listed, page])
      for (const s of secrets) expect(text).not.toContain(s);
    expect(rows.every((r) => r.url_sealed?.startsWith('v1.'))).toBe(true);
    expect(listed).toContain('/cgi-bin/webhook/send?key=***');
    expect(listed).toContain('/open-apis/bot/v2/hook/***');

    // The sender opens the sealed URL: the robot gets its key.
    const now = new Date();
    await t.db
      .insertInto('deliveries')
      .values({
        endpoint_id: ids['wecom']!,
        message_id: 'msg_test1',
        event_type: 'alert.raised',
        alert_id: null,
        next_attempt_at: now,
        created_at: now,
        event: JSON.stringify({
          id: 'msg_test1',
          type: 'alert.raised',
          timestamp: now.toISOString(),
          data: { alert: { id: 1, title: 't', level: 'red', rule: 'r', firm: { name: 'f', uscc: null } } },
        }),
      })
      .execute();
    const { log, text } = capturingLog();
    const pass = await createDeliverySender({
      db: t.db,
      log,
      secretKey: TEST_SECRET,
      allowPrivateNetworks: ['127.0.0.0/8'],
      publicUrl: 'http://console.test',
    }).runOnce();
    expect(pass.delivered).toBe(1);
    expect(rx.received[0]!.path).toBe(`/cgi-bin/webhook/send?key=${WECOM_KEY}`);
    expect(text()).not.toContain(WECOM_KEY);
  });

  it('a failing send never writes the key into last_error or the log', async () => {
    const admin = await userWithToken(t.db, 'admin');
    // Port 9 (discard) on loopback: nothing listens, the connection is refused.
    const r = await app().request(
      '/api/v1/webhooks',
      json(admin.headers, { url: `http://127.0.0.1:9/cgi-bin/webhook/send?key=${WECOM_KEY}`, kind: 'wecom' }),
    );
    const { id } = (await r.json()) as any;
    const now = new Date();
    await t.db
      .insertInto('deliveries')
      .values({
        endpoint_id: id,
        message_id: 'msg_test2',
        event_type: 'alert.raised',
        alert_id: null,
        next_attempt_at: now,
        created_at: now,
        event: JSON.stringify({
          id: 'msg_test2',
          type: 'alert.raised',
          timestamp: now.toISOString(),
          data: { alert: { id: 1, title: 't' } },
        }),
      })
      .execute();
    const { log, text } = capturingLog();
    const pass = await createDeliverySender({
      db: t.db,
      log,
      secretKey: TEST_SECRET,
      allowPrivateNetworks: ['127.0.0.0/8'],
      publicUrl: 'http://console.test',
    }).runOnce();
    expect(pass.retried + pass.dead).toBe(1);
    const d = await t.db.selectFrom('deliveries').select('last_error').executeTakeFirstOrThrow();
    expect(d.last_error).toContain('127.0.0.1:9');
    expect(d.last_error).not.toContain(WECOM_KEY);
    expect(text()).not.toContain(WECOM_KEY);
    const listed = await (await app().request('/api/v1/deliveries', { headers: admin.headers })).text();
    expect(listed).not.toContain(WECOM_KEY);
  });

  it('endpoints and feeds stored in clear before the migration are sealed by sealLegacyValues', async () => {
    await t.db
      .insertInto('webhook_endpoints')
      .values({
        url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`,
        kind: 'wecom',
        secret_sealed: null,
        created_by: 'old',
      })
      .execute();
    await t.db
      .insertInto('feeds')
      .values({
        name: 'old',
        url: 'https://reader:feed-pass-789@news.example/rss',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    await t.db
      .insertInto('feeds')
      .values({ name: 'plain', url: 'https://news.example/plain.xml', created_at: new Date(), updated_at: new Date() })
      .execute();
    expect(await sealLegacyValues(t.db, TEST_SECRET, pino({ level: 'silent' }))).toEqual({
      webhooks: 1,
      feeds: 1,
      petitions: 0,
    });
    const all = JSON.stringify([
      await t.db.selectFrom('webhook_endpoints').select('url').execute(),
      await t.db.selectFrom('feeds').select('url').execute(),
    ]);
    expect(all).not.toContain(WECOM_KEY);
    expect(all).not.toContain('feed-pass-789');
    expect(all).toContain('https://news.example/plain.xml');
    expect(await sealLegacyValues(t.db, TEST_SECRET, pino({ level: 'silent' }))).toEqual({
      webhooks: 0,
      feeds: 0,
      petitions: 0,
    });
  });
});

describe('feed URLs with credentials', () => {
  it('seals user:password@, shows it masked to records:read roles, and keeps it out of lastError and the log', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const url = `http://reader:feed-pass-789@${rx.url.replace(/^http:\/\//, '')}/feed.xml?token=feedtoken12345`;
    const r = await app().request('/api/v1/feeds', json(admin.headers, { name: '带口令的源', url }));
    expect(r.status).toBe(201);
    rx.respond = () => ({ status: 500, body: 'boom' });
    const { log, text } = capturingLog();
    const polled = await pollDueFeeds(
      { db: t.db, log, config: { allowPrivateNetworks: ['127.0.0.0/8'] }, secretKey: TEST_SECRET },
      new Date(Date.now() + 1000),
    );
    expect(polled.failed).toBe(1);
    expect(rx.received[0]!.path).toBe('/feed.xml?token=feedtoken12345');
    expect(rx.received[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('reader:feed-pass-789').toString('base64')}`,
    );
    const duty = await userWithToken(t.db, 'duty_officer', { district: null });
    const listed = await (await app().request('/api/v1/feeds', { headers: duty.headers })).text();
    const page = await (await app().request('/feeds', { headers: duty.headers })).text();
    const row = JSON.stringify(await t.db.selectFrom('feeds').select(['url', 'last_error']).execute());
    for (const s of [
      listed,
      page,
      row,
      text(),
      JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute()),
    ]) {
      expect(s).not.toContain('feed-pass-789');
      expect(s).not.toContain('feedtoken12345');
    }
    expect(JSON.parse(listed).feeds[0].url).toMatch(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+\/feed\.xml\?token=\*\*\*$/);
    expect(JSON.parse(listed).feeds[0].lastError).toContain('HTTP 500');
  });
});
