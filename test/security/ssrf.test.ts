import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { pollDueFeeds } from '../../src/ingest/opinion/poll-feeds.ts';
import { createDeliverySender } from '../../src/delivery/worker.ts';

// SSRF outside demo mode: feed and webhook URLs registered through the API
// that name loopback, link-local or private addresses in any spelling, or
// redirect there, are refused before a connection is made. A server
// listening on every local address counts what gets through: nothing may.

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

let target: Server;
let redirector: Server;
let port: number;
let redirectBase: string;
const hits: string[] = [];
beforeAll(async () => {
  target = createServer((req, res) => {
    hits.push(`${req.socket.localAddress} ${req.url}`);
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end('<rss version="2.0"><channel><title>x</title></channel></rss>');
  });
  await new Promise<void>((r) => target.listen(0, '::', r));
  port = (target.address() as AddressInfo).port;
  // The one address the tests allow: it only redirects to forbidden ones.
  redirector = createServer((req, res) =>
    res.writeHead(302, { location: decodeURIComponent((req.url ?? '/').slice(1)) }).end(),
  );
  await new Promise<void>((r) => redirector.listen(0, '127.0.0.2', r));
  redirectBase = `http://127.0.0.2:${(redirector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of [target, redirector]) {
    s?.closeAllConnections();
    await new Promise((r) => s?.close(r));
  }
});
beforeEach(() => {
  hits.length = 0;
});

/** Every spelling of "this machine" or "the private network" we know of. */
const forms = () => [
  `http://127.0.0.1:${port}/plain`,
  `http://127.1:${port}/short`,
  `http://0x7f000001:${port}/hex`,
  `http://2130706433:${port}/decimal`,
  `http://0177.0.0.1:${port}/octal`,
  `http://[::ffff:127.0.0.1]:${port}/mapped`,
  `http://[::1]:${port}/v6-loopback`,
  `http://[0:0:0:0:0:0:0:1]:${port}/v6-long`,
  `http://localhost:${port}/name`,
  `http://localhost.:${port}/trailing-dot`,
  `http://0.0.0.0:${port}/any`,
  `http://169.254.169.254:${port}/latest/meta-data/`,
  `http://10.0.0.1:${port}/private10`,
  `http://192.168.1.1:${port}/private192`,
  `http://172.16.0.1:${port}/private172`,
  `http://[fd00::1]:${port}/ula`,
  `http://[fe80::1]:${port}/v6-link-local`,
  `http://100.64.0.1:${port}/cgnat`,
];
// `localhost.` resolves on some systems and not on others: refused either way.
const REFUSED =
  /private|loopback|link-local|reserved|not in QIANSHAO_ALLOW_PRIVATE_NETWORKS|refused|could not resolve host localhost\. /i;

async function addFeeds(urls: string[]) {
  const { headers } = await userWithToken(t.db, 'admin');
  const app = testApp(t.db);
  let i = 0;
  for (const url of urls) {
    const r = await app.request('/api/v1/feeds', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `f${i++}`, url }),
    });
    // Refusing at registration is as good as refusing at fetch time.
    if (r.status !== 201 && r.status !== 200) expect(r.status, url).toBe(400);
  }
  await t.db
    .updateTable('feeds')
    .set({ next_poll_at: new Date('2026-01-01T00:00:00Z') })
    .execute();
}

describe('SSRF outside demo mode', () => {
  it('feed URLs naming local or private addresses in any form are never fetched', async () => {
    await addFeeds(forms());
    const config = testConfig({ QIANSHAO_DEMO: '0' });
    expect(config.allowPrivateNetworks).toEqual([]);
    await pollDueFeeds({ db: t.db, log: silentLog, config }, new Date('2026-01-01T00:00:00Z'), {
      concurrency: 8,
      fetch: { timeoutMs: 3_000 },
    });
    expect(hits).toEqual([]);
    const feeds = await t.db.selectFrom('feeds').select(['url', 'last_error']).execute();
    for (const f of feeds) expect(f.last_error, f.url ?? '').toMatch(REFUSED);
  });

  it('a redirect from an allowed address to a forbidden one is not followed', async () => {
    await addFeeds(forms().map((u) => `${redirectBase}/${encodeURIComponent(u)}`));
    const config = testConfig({ QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.2/32' });
    await pollDueFeeds({ db: t.db, log: silentLog, config }, new Date('2026-01-01T00:00:00Z'), {
      concurrency: 8,
      fetch: { timeoutMs: 3_000 },
    });
    expect(hits).toEqual([]);
    const feeds = await t.db.selectFrom('feeds').select(['url', 'last_error']).execute();
    expect(feeds.length).toBe(forms().length);
    for (const f of feeds) expect(f.last_error, f.url ?? '').toMatch(REFUSED);
  });

  it('webhook URLs naming local or private addresses are never called', async () => {
    const { headers } = await userWithToken(t.db, 'admin');
    const app = testApp(t.db);
    for (const url of forms()) {
      const r = await app.request('/api/v1/webhooks', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ url, kind: 'standard' }),
      });
      if (r.status !== 201 && r.status !== 200) expect(r.status, url).toBe(400);
    }
    const endpoints = await t.db.selectFrom('webhook_endpoints').select('id').execute();
    const now = new Date();
    let n = 0;
    for (const e of endpoints) {
      await t.db
        .insertInto('deliveries')
        .values({
          endpoint_id: e.id,
          message_id: `msg_${++n}`,
          event_type: 'alert.raised',
          alert_id: null,
          status: 'pending',
          next_attempt_at: now,
          created_at: now,
          event: JSON.stringify({
            id: `msg_${n}`,
            type: 'alert.raised',
            timestamp: now.toISOString(),
            data: { alert: { id: 1, rule: 'r', level: 'red', title: 't', firm: { name: 'f', uscc: null } } },
          }),
        })
        .execute();
    }
    const sender = createDeliverySender(
      { db: t.db, log: silentLog, secretKey: TEST_SECRET, allowPrivateNetworks: [], publicUrl: 'http://console.test' },
      { timeoutMs: 3_000 },
    );
    await sender.runOnce();
    expect(hits).toEqual([]);
    const rows = await t.db.selectFrom('deliveries').select(['status', 'last_error']).execute();
    for (const r of rows) {
      expect(r.status).not.toBe('delivered');
      expect(r.last_error ?? '').toMatch(REFUSED);
    }
  });
});
