import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { createApp } from '../../src/http/app.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildDemoDistrict } from '../../src/demo/district.ts';
import { buildDemoFeeds } from '../../src/demo/feeds.ts';
import { registerDemoFeeds, seedDemoRecords } from '../../src/demo/seed-activity.ts';
import { pollDueFeeds } from '../../src/ingest/opinion/poll-feeds.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let t: TestDb;
let server: ServerType | undefined;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  server?.close();
  await t?.close();
});

describe('demo data set: a year of records and local feeds', () => {
  it('imports the records through the real pipeline, serves its feeds and the poller reads them offline', async () => {
    const now = new Date();
    const district = buildDemoDistrict();
    await seedDemo(t.db, silentLog, now, district);
    const dataDir = mkdtempSync(join(tmpdir(), 'qianshao-demo-'));
    const r = await seedDemoRecords(t.db, silentLog, TEST_SECRET, dataDir, now, district);
    expect(r.inspections.accepted).toBeGreaterThan(1500);
    expect(r.petitions.accepted).toBeGreaterThan(1000);
    expect(r.inspections.rejected.length).toBeGreaterThan(0);
    expect(r.inspections.unresolved).toBeGreaterThan(0);
    expect(readFileSync(r.labels, 'utf8')).toMatch(/^firm,date,kind/m);

    const feeds = buildDemoFeeds(district, now);
    const served = createApp({
      db: t.db,
      log: silentLog,
      secretKey: TEST_SECRET,
      config: testConfig({ QIANSHAO_DEMO: '1' }),
      demoFeeds: () => feeds,
    });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: served.fetch, port: 0, hostname: '127.0.0.1' }, (i) => resolve(i.port));
    });
    await registerDemoFeeds(t.db, silentLog, `http://127.0.0.1:${port}`, feeds, now);
    const items = await t.db
      .selectFrom('feed_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(items.n)).toBeGreaterThan(60);
    const major = await t.db.selectFrom('feed_items').select('title').where('major', '=', true).execute();
    expect(major).toHaveLength(1);

    await t.db.updateTable('feeds').set({ next_poll_at: now }).execute();
    const polled = await pollDueFeeds(
      { db: t.db, log: silentLog, config: { allowPrivateNetworks: ['127.0.0.0/8'] } },
      now,
    );
    expect(polled).toMatchObject({ polled: 4, ok: 4, failed: 0, newItems: 0 });
    const gbk = await t.db.selectFrom('feeds').select(['last_error', 'last_success_at']).execute();
    for (const f of gbk) expect(f).toMatchObject({ last_error: null, last_success_at: expect.any(Date) });
  }, 180_000);
});
