import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig } from '../helpers/app.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { asciiLeaks, cjkLeaks, langBlocks, pageText } from '../helpers/language-check.ts';
import { endpointSealer } from '../../src/delivery/endpoint-sealer.ts';
import { buildRequest, type EventType } from '../../src/delivery/channels/index.ts';
import type { StoredEvent } from '../../src/delivery/outbox.ts';
import { formatWeek, weekOf } from '../../src/domain/digest/index.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildDemoDistrict } from '../../src/demo/district.ts';
import { buildDemoFeeds } from '../../src/demo/feeds.ts';
import { registerDemoFeeds, scoreDemo, seedDemoRecords } from '../../src/demo/seed-activity.ts';
import { seedDemoDuty } from '../../src/demo/seed-duty.ts';
import { addNote, assign, transition } from '../../src/alerts/lifecycle.ts';
import { refreshCandidates } from '../../src/credit/candidates.ts';
import { buildDigest } from '../../src/digest/publish.ts';
import { previousWeekOf } from '../../src/domain/digest/index.ts';
import type { Principal } from '../../src/domain/jurisdiction.ts';
import { creditConfigOf } from '../../src/credit/credit-read.ts';
import { LEGAL_BASIS } from '../../src/domain/credit/candidate.ts';
import { evaluateFeedHealth } from '../../src/alerts/feed-alerts.ts';

// Issue 15 items 1–2: every console page, rendered through the real HTTP app
// on the demo data set, holds no code in Chinese and no Chinese in English
// (data values — firm names, places, people's logins, record numbers, feed
// titles — aside). Form errors are rendered too. The digest document (stored
// week and this week's preview) and the robot messages the demo inbox
// received are pages like the others; a message is written in its
// receiver's language, so the inbox marks it (lang=…) and it is checked in
// that language whatever the reader's.

let t: TestDb;
const config = testConfig({ QIANSHAO_DEMO: '1', QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' });
let app: ReturnType<typeof testApp>;
let cookie = '';
const data = new Set<string>();
/** Stored Chinese alert titles: data in a Chinese page; an English page renders titles from their parts, so none may show. */
const zhData = new Set<string>();
const pages: string[] = [];

async function collectData() {
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) data.add(v);
    else if (Array.isArray(v)) v.forEach(add);
  };
  const addName = (v: unknown) => {
    // Names are drawn shortened in the relations chart.
    if (typeof v === 'string') for (const n of [v, v.slice(0, 16), v.slice(0, 14)]) data.add(n);
  };
  const q = async (table: string, cols: string[]) => {
    const rows = await t.db
      .selectFrom(table as 'firms')
      .select(cols as 'name'[])
      .execute();
    for (const r of rows) for (const c of cols) add((r as Record<string, unknown>)[c]);
  };
  await q('firms', ['name', 'district', 'street', 'address', 'uscc', 'legal_representative']);
  await q('firm_aliases', ['alias']);
  await q('users', ['name', 'display_name', 'district', 'streets']);
  await q('feeds', ['name', 'url', 'last_error']);
  await q('feed_items', ['title', 'link', 'text']);
  for (const i of await t.db.selectFrom('feed_items').select('html').execute())
    if (i.html) for (const piece of pageText(i.html).split('\n')) add(piece.trim());
  for (const f of await t.db.selectFrom('firms').select('name').execute()) addName(f.name);
  // A quarantined row's cells, as the reasons quote them.
  for (const r of await t.db.selectFrom('quarantine').select('raw_preview').execute()) {
    for (const cell of String(r.raw_preview).split(/[,\t"{}:[\]\n]+/)) add(cell.trim());
  }
  add(LEGAL_BASIS); // the law's title, cited as written
  await q('inspections', ['record_id', 'source', 'firm_name']);
  await q('petitions', ['record_id', 'source', 'summary_masked', 'firm_name']);
  await q('quarantine', ['source', 'raw_preview']);
  await q('roster_rotations', ['name']);
  await q('roster_shifts', ['note', 'district']);
  await q('webhook_endpoints', ['label', 'url']);
  await q('silences', ['reason']);
  await q('credit_cases', ['basis']);
  await q('alert_events', ['actor_name']);
  for (const e of await t.db.selectFrom('alert_events').select('details').execute())
    add((e.details as { note?: string }).note);
  await q('deliveries', ['message_id', 'last_error']);
  const unresolved = await t.db.selectFrom('inspections').select('firm_name').where('firm_id', 'is', null).execute();
  for (const u of unresolved) add(u.firm_name);
  for (const r of await t.db.selectFrom('alerts').select('title').execute()) {
    // A Chinese title is written when the alert is raised; its reason text quotes records and feed items.
    zhData.add(r.title);
  }
}

/**
 * Robot messages as their receivers get them: one delivery of each event type
 * the demo queued per endpoint, built as the delivery worker builds it and
 * posted to the demo inbox, once with every endpoint reading Chinese and once
 * English.
 */
async function postMessagesToInbox() {
  const sealer = endpointSealer(TEST_SECRET);
  const endpoints = await t.db.selectFrom('webhook_endpoints').selectAll().execute();
  const rows = await t.db.selectFrom('deliveries').select(['endpoint_id', 'event']).orderBy('id').execute();
  let posted = 0;
  for (const lang of ['zh', 'en'] as const) {
    await t.db.updateTable('webhook_endpoints').set({ lang }).execute();
    const seen = new Set<string>();
    for (const r of rows) {
      const ev = r.event as unknown as StoredEvent;
      if (seen.has(`${r.endpoint_id}/${ev.type}`)) continue;
      seen.add(`${r.endpoint_id}/${ev.type}`);
      const e = endpoints.find((x) => x.id === r.endpoint_id)!;
      const spec = buildRequest(
        {
          url: sealer.open(e.url_sealed!),
          kind: e.kind,
          secret: e.secret_sealed ? sealer.open(e.secret_sealed) : null,
          lang,
          ...(ev.mentions ? { mentions: ev.mentions } : {}),
        },
        { id: ev.id, type: ev.type as EventType, timestamp: new Date(ev.timestamp), data: ev.data },
        new Date(),
        { consoleUrl: config.publicUrl, nonce: 'n' },
      );
      const res = await app.request(spec.url, { method: 'POST', headers: spec.headers, body: spec.body });
      expect(res.status, spec.url).toBeLessThan(300);
      posted++;
    }
  }
  await t.db.updateTable('webhook_endpoints').set({ lang: 'zh' }).execute();
  expect(posted).toBeGreaterThanOrEqual(8); // four robots, two languages
}

async function get(path: string, lang: 'zh' | 'en') {
  const sep = path.includes('?') ? '&' : '?';
  const r = await app.request(`${path}${sep}lang=${lang}`, { headers: { cookie } });
  return { status: r.status, html: await r.text() };
}

async function post(path: string, form: Record<string, string>, lang: 'zh' | 'en') {
  const page = await get(path.replace(/\/link$/, ''), lang);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
  const r = await app.request(`${path}?lang=${lang}`, {
    method: 'POST',
    headers: { cookie: `${cookie}; qs_lang=${lang}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
  });
  return { status: r.status, html: await r.text() };
}

beforeAll(async () => {
  t = await openTestDb();
  const now = new Date();
  const district = buildDemoDistrict();
  await seedDemo(t.db, silentLog, now, district);
  await seedDemoRecords(t.db, silentLog, TEST_SECRET, mkdtempSync(join(tmpdir(), 'qianshao-lang-')), now, district);
  await registerDemoFeeds(t.db, silentLog, 'http://127.0.0.1:9', buildDemoFeeds(district, now), now);
  await seedDemoDuty(t.db, silentLog, TEST_SECRET, 'http://127.0.0.1:9', district, now, true);
  await scoreDemo(t.db, silentLog, config, now, false);
  app = testApp(t.db, { env: { QIANSHAO_DEMO: '1', QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' } });

  // Work a few alerts, so that timelines hold assignments, steps and notes.
  const admin = await t.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('name', '=', 'demo_admin')
    .executeTakeFirstOrThrow();
  const p: Principal = { userId: admin.id, name: admin.name, role: 'admin', district: null, streets: [] };
  const actor = { id: admin.id, name: admin.name };
  const alerts = await t.db.selectFrom('alerts').select(['id', 'rule']).orderBy('id').execute();
  expect(alerts.length).toBeGreaterThan(3);
  const deps = { db: t.db, publicUrl: config.publicUrl };
  await assign(deps, p, actor, alerts[0]!.id, 'demo_admin', now);
  await transition(deps, p, actor, alerts[0]!.id, 'ack', now);
  await transition(deps, p, actor, alerts[1]!.id, 'start', now);
  await addNote(deps, p, actor, alerts[1]!.id, '已电话联系站点负责人', now);
  await transition(deps, p, actor, alerts[2]!.id, 'dismiss', now, { reason: 'duplicate' });
  await refreshCandidates(t.db, creditConfigOf(config), config.sla.calendar, now);
  await buildDigest(t.db, config, { week: previousWeekOf(now), district: null, now, actor: 'system' });
  // A feed down for three hours: its feed health alert is listed above the queue and has a page (issue 17).
  const down = await t.db.selectFrom('feeds').select('id').orderBy('id').executeTakeFirstOrThrow();
  await t.db
    .updateTable('feeds')
    .set({
      consecutive_failures: 4,
      last_success_at: new Date(now.getTime() - 3 * 3_600_000),
      last_error: 'HTTP 503 Service Unavailable',
    })
    .where('id', '=', down.id)
    .execute();
  expect((await evaluateFeedHealth({ db: t.db, log: silentLog, config }, now)).raised).toBe(1);
  const feedAlert = await t.db.selectFrom('feed_alerts').select('id').executeTakeFirstOrThrow();

  const r = await app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      name: 'demo_admin',
      password: district.users.find((u) => u.name === 'demo_admin')!.password,
    }).toString(),
  });
  cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^qs_session=/);

  const ruleSeen = new Set<string>();
  for (const a of alerts)
    if (!ruleSeen.has(a.rule)) {
      ruleSeen.add(a.rule);
      pages.push(`/alerts/${a.id}`);
    }
  for (const id of alerts.slice(0, 3).map((a) => a.id))
    if (!pages.includes(`/alerts/${id}`)) pages.push(`/alerts/${id}`);
  const firms = await t.db.selectFrom('alerts').select('firm_id').distinct().limit(3).execute();
  for (const f of firms) pages.push(`/firms/${f.firm_id}`);
  const cases = await t.db.selectFrom('credit_cases').select('id').limit(2).execute();
  for (const c of cases) pages.push(`/credit/cases/${c.id}`);
  pages.push(`/feed-alerts/${feedAlert.id}`, '/?view=incidents', '/?view=incidents&status=all');
  pages.push(
    '/',
    '/firms',
    '/records/unresolved',
    '/quarantine',
    '/feeds',
    '/webhooks',
    '/roster',
    '/silences',
    '/admin/users',
    '/credit',
    '/digests',
    '/demo/inbox',
  );
  // The digest document: the stored week, and this week's preview.
  pages.push(`/digests/${formatWeek(previousWeekOf(now))}`, `/digests/${formatWeek(weekOf(now))}`);
  await postMessagesToInbox();
  await collectData();
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe("every console page speaks the reader's language", () => {
  it('Chinese pages hold no ASCII code outside data values and the allow-list', async () => {
    const leaks: Record<string, string[]> = {};
    for (const path of pages) {
      const r = await get(path, 'zh');
      expect(r.status, path).toBe(200);
      // Messages an English-reading receiver got are English.
      const found = [
        ...asciiLeaks(pageText(r.html), [...data, ...zhData]),
        ...cjkLeaks(langBlocks(r.html, 'en'), data),
      ];
      if (found.length > 0) leaks[path] = found;
    }
    expect(leaks).toEqual({});
  }, 300_000);

  it('English pages hold no Chinese outside data values, nor full-width punctuation', async () => {
    const leaks: Record<string, string[]> = {};
    for (const path of pages) {
      const r = await get(path, 'en');
      expect(r.status, path).toBe(200);
      const found = [
        ...cjkLeaks(pageText(r.html), data),
        ...asciiLeaks(langBlocks(r.html, 'zh-CN'), [...data, ...zhData]),
      ];
      // The inbox holds messages in both languages (so neither check above ran on nothing).
      if (path === '/demo/inbox')
        expect([langBlocks(r.html, 'en').length > 0, langBlocks(r.html, 'zh-CN').length > 0]).toEqual([true, true]);
      if (found.length > 0) leaks[path] = found;
    }
    expect(leaks).toEqual({});
  }, 300_000);

  it("form errors are rendered in the reader's language", async () => {
    const cases: Array<[string, Record<string, string>, RegExp, RegExp]> = [
      [
        '/silences',
        { reason: '测试', until: '2030-01-01T00:00' },
        /静默须指定企业、规则或等级/,
        /a silence must name a firm, a rule or a level/,
      ],
      [
        '/webhooks',
        { url: 'ftp://example.com/x', kind: 'standard' },
        /地址须以 http 或 https 开头/,
        /url: must be http or https/,
      ],
      [
        '/admin/users',
        { name: 'demo_admin', role: 'inspector', password: 'correct-horse-battery' },
        /用户 demo_admin 已存在/,
        /user demo_admin already exists/,
      ],
      [
        '/records/unresolved/link',
        { name: '某个名称', firm: '999999999' },
        /未找到企业 999999999/,
        /firm 999999999 not found/,
      ],
    ];
    for (const [path, form, zh, en] of cases) {
      const z = await post(path, form, 'zh');
      const alert = /role="alert">([\s\S]*?)<\/p>/.exec(z.html)?.[1] ?? '';
      expect(alert, path).toMatch(zh);
      expect(asciiLeaks(pageText(alert), data), path).toEqual([]);
      const e = await post(path, form, 'en');
      const alertEn = /role="alert">([\s\S]*?)<\/p>/.exec(e.html)?.[1] ?? '';
      expect(alertEn, path).toMatch(en);
      expect(cjkLeaks(pageText(alertEn), data), path).toEqual([]);
    }
  }, 120_000);
});
