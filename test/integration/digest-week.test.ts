import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { MARKDOWN_MAX_BYTES } from '../../src/domain/digest/index.ts';
import { buildDigest, publishDigest } from '../../src/digest/publish.ts';
import { digestWeekly } from '../../jobs/digest.ts';
import { W, NOW, sh, inspection } from './support/digest-week-records.ts';
import { seedWeek } from './support/digest-week-seed.ts';

// A hand-built week (2026-W47: Mon 2026-11-16 … Sun 2026-11-22, Shanghai)
// in which every figure of the digest is known, then rebuilt after later
// data arrived (same figures), published twice (sent once), e-mailed over a
// loopback SMTP server, and shown on the console page.

let t: TestDb;
let late: number, f1: number, creditA: number, creditB: number, creditC: number, creditD: number;
beforeAll(async () => {
  t = await openTestDb();
  ({ late, f1, creditA, creditB, creditC, creditD } = await seedWeek(t.db));
});
afterAll(async () => {
  await t?.close();
});

const config = testConfig({ QIANSHAO_PUBLIC_URL: 'https://qs.example' });
const headline = (
  c: { headlines: Array<{ key: string; value: number; previous: number; change: number; series: number[] }> },
  k: string,
) => c.headlines.find((h) => h.key === k)!;

describe('a hand-built week', () => {
  it('gives every figure of the district digest', async () => {
    const d = await buildDigest(t.db, config, { week: W, district: '示范区', now: NOW, actor: 'test' });
    const c = d.content;
    expect(c.week).toBe('2026-W47');
    expect([c.firstDay, c.lastDay, c.asOf]).toEqual(['2026-11-16', '2026-11-22', '2026-11-22T16:00:00.000Z']);
    const v = Object.fromEntries(c.headlines.map((h) => [h.key, [h.value, h.previous, h.change]]));
    expect(v).toEqual({
      alerts_red: [3, 0, 3],
      alerts_orange: [2, 0, 2],
      alerts_yellow: [0, 1, -1],
      alerts_blue: [0, 1, -1],
      major_opinion: [3, 0, 3],
      firms_red: [1, 0, 1],
      firms_orange: [1, 1, 0],
      records_inspections: [2, 1, 1],
      records_petitions: [3, 0, 3],
      records_opinion: [1, 0, 1],
      collective_petitions: [1, 1, 0],
    });
    expect(headline(c, 'firms_orange').series).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(c.weeks[0]).toBe('2026-W36');
    expect(c.topFirms.map((f) => [f.name, f.score, f.change, f.level, f.reasons])).toEqual([
      ['甲外卖站', 80, 30, 'red', ['集体信访：12 人讨薪', '重大舆情：骑手聚集']],
      ['乙快递点', 60, null, 'orange', ['逾期未支付工资']],
      ['丙网约车', 30, 0, 'yellow', ['信访']],
    ]);
    expect(c.sectors).toEqual([
      { key: 'food_delivery', alerts: 2, redOrange: 1 },
      { key: 'ride_hailing', alerts: 1, redOrange: 0 },
      { key: 'courier', alerts: 2, redOrange: 1 },
      { key: 'instant_delivery', alerts: 0, redOrange: 0 },
      { key: 'live_streaming', alerts: 0, redOrange: 0 },
    ]);
    expect(c.areaKind).toBe('street');
    expect(c.areas).toEqual([
      { key: 'A街道', alerts: 3, redOrange: 1 },
      { key: 'B街道', alerts: 2, redOrange: 1 },
    ]);
    const r = c.response;
    expect([r.acknowledged, r.unacknowledged, r.ackMedianMinutes, r.ackP90Minutes]).toEqual([3, 2, 30, 90]);
    expect([r.deadlinesDue, r.deadlinesMet, r.deadlineShare]).toEqual([4, 2, 0.5]);
    expect([r.sameDay.total, r.sameDay.inTime, r.sameDay.overdue, r.sameDay.pending, r.sameDay.rate]).toEqual([
      3, 1, 1, 1, 0.5,
    ]);
    expect(r.sameDay.overdueAlerts.map((a) => a.alertId)).toEqual([late]);
    expect(c.feeds.map((f) => [f.name, f.consecutiveFailures])).toEqual([['坏掉的源', 5]]);
    expect(c.notable.map((i) => [i.title, i.major, i.firms])).toEqual([['骑手站点聚集讨薪', true, ['甲外卖站']]]);
    const credit = Object.fromEntries(c.credit.counts.map((x) => [x.kind, [x.value, x.previous, x.change]]));
    expect(credit).toEqual({ candidate: [2, 1, 1], proposed: [1, 1, 0], listed: [1, 0, 1], removed: [1, 0, 1] });
    expect([c.credit.listedAtEnd, c.credit.inProcedureAtEnd, c.credit.entriesTotal]).toEqual([1, 1, 5]);
    expect(c.credit.entries.map((e) => [e.caseId, e.kind, e.firm, e.decisionNo, e.removalKind])).toEqual([
      [creditB, 'candidate', '乙快递点', null, null],
      [creditA, 'listed', '甲外卖站', '沪人社失信〔2026〕7号', null],
      [creditC, 'removed', '丙网约车', null, 'expiry'],
      [creditB, 'proposed', '乙快递点', null, null],
      [creditD, 'candidate', '丙网约车', null, null],
    ]);

    // The document shows the same figures.
    expect(d.html).toContain(
      '<tr data-key="alerts_red"><th scope="row">新增红色预警</th><td class="n">3</td><td class="n">0</td><td class="n up">+3</td>',
    );
    expect(d.html).toContain('<b data-fig="ack-median">30 分钟</b>');
    expect(d.html).toContain('<b data-fig="ack-p90">1 小时 30 分</b>');
    expect(d.html).toContain('<b data-fig="deadline-share">50.0%</b>');
    expect(d.html).toContain('<b data-fig="same-day">50.0%</b>');
    expect(d.html).toContain(`<tr data-alert="${late}">`);
    expect(d.html).toContain('href="https://news.example/');
    expect(d.html).toContain('<b data-fig="credit-candidate">2</b><small class="muted">上周 1（+1）</small>');
    expect(d.html).toContain('<b data-fig="credit-proposed">1</b><small class="muted">上周 1（持平）</small>');
    expect(d.html).toContain('<b data-fig="credit-listed">1</b>');
    expect(d.html).toContain('<b data-fig="credit-removed">1</b>');
    expect(d.html).toContain('<b data-fig="credit-listed-at-end">1</b>');
    expect(d.html).toContain('<b data-fig="credit-in-procedure">1</b>');
    expect(d.html).toContain(
      `<tr data-case="${creditA}" data-kind="listed"><td>2026-11-17 10:00</td><td>甲外卖站</td><td>列入名单</td><td>文书号 沪人社失信〔2026〕7号</td></tr>`,
    );
    expect(d.html).toContain(
      `<tr data-case="${creditC}" data-kind="removed"><td>2026-11-18 01:00</td><td>丙网约车</td><td>移出名单</td><td>期满移出</td></tr>`,
    );
    expect((d.html.match(/<tr data-case=/g) ?? []).length).toBe(5);
    expect(d.html).not.toMatch(/<script/i);
    expect((d.html.match(/<svg/g) ?? []).length).toBe(11 + 2);
    expect(d.markdown).toContain('新增预警：红 **3**（+3）');
    expect(d.markdown).toContain('重大舆情不过夜率 **50.0%**（1/2）');
    expect(d.markdown).toContain('- 失信名单：新增候选 2 · 提请列入 1 · 列入名单 1 · 移出名单 1（周末在册 1）');
    expect(
      d.markdown.endsWith('[查看完整周报](https://qs.example/digests/2026-W47?district=%E7%A4%BA%E8%8C%83%E5%8C%BA)'),
    ).toBe(true);
    expect(new TextEncoder().encode(d.markdown).length).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
  });

  it('the whole deployment counts every district, broken down by district', async () => {
    const d = await buildDigest(t.db, config, { week: W, district: null, now: NOW, actor: 'test' });
    const c = d.content;
    expect([
      headline(c, 'alerts_red').value,
      headline(c, 'firms_red').value,
      headline(c, 'records_inspections').value,
      headline(c, 'records_opinion').value,
    ]).toEqual([4, 2, 3, 3]);
    expect(c.topFirms.map((f) => f.name)).toEqual(['丁邻区站', '甲外卖站', '乙快递点', '丙网约车']);
    expect(c.areas).toEqual([
      { key: '示范区', alerts: 5, redOrange: 2 },
      { key: '邻区', alerts: 1, redOrange: 1 },
    ]);
    expect(c.notable.map((i) => i.title)).toEqual(['骑手站点聚集讨薪', '邻区配送员投诉扣款']);
    expect(c.credit.counts.map((x) => x.value)).toEqual([3, 1, 1, 1]);
    expect([c.credit.listedAtEnd, c.credit.inProcedureAtEnd, c.credit.entriesTotal]).toEqual([1, 2, 6]);
  });

  it('rebuilding after later data gives the same figures and replaces the stored document', async () => {
    const first = await buildDigest(t.db, config, { week: W, district: '示范区', now: NOW, actor: 'test' });
    // Later data: a late-ingested inspection, an acknowledgement, a new score, a healed feed.
    await inspection(t.db, f1, '示范区', '2026-11-24T10:00');
    await t.db
      .updateTable('alerts')
      .set({ acknowledged_at: sh('2026-11-24T09:00') })
      .where('acknowledged_at', 'is', null)
      .execute();
    await t.db
      .updateTable('feeds')
      .set({ consecutive_failures: 0, last_success_at: sh('2026-11-24T09:00') })
      .execute();
    await t.db
      .insertInto('credit_events')
      .values({
        case_id: creditB,
        at: sh('2026-11-24T09:00'),
        action: 'notify',
        from_state: 'proposed',
        to_state: 'notified',
        actor_id: null,
        actor_name: 't',
        details: '{}',
      })
      .execute();
    await t.db.updateTable('credit_cases').set({ state: 'notified' }).where('id', '=', creditB).execute();
    const again = await buildDigest(t.db, config, {
      week: W,
      district: '示范区',
      now: new Date('2026-12-01T00:00:00Z'),
      actor: 'test',
    });
    expect(again.content).toEqual(first.content);
    expect(again.html).toBe(first.html);
    expect(again.builds).toBe(first.builds + 1);
    const rows = await t.db
      .selectFrom('digests')
      .select(['week', 'scope', 'builds'])
      .where('week', '=', '2026-W47')
      .orderBy('scope')
      .execute();
    expect(rows.map((r) => r.scope)).toEqual(['*', '示范区']);
  });
});

describe('delivery', () => {
  it('queues digest.published once and e-mails the managers once, over SMTP on loopback', async () => {
    const received: Array<{ from: string; to: string[]; data: string }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (c: string) => {
          data += c;
        });
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          cb();
        });
      },
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.server.address() as AddressInfo).port;
    try {
      const cfg = testConfig({
        QIANSHAO_PUBLIC_URL: 'https://qs.example',
        QIANSHAO_SMTP_URL: `smtp://127.0.0.1:${port}`,
        // The advisor reads English: the e-mail follows each recipient's language.
        QIANSHAO_DIGEST_TO: 'boss@bureau.example, en:advisor@partner.example, deputy@bureau.example',
        QIANSHAO_DIGEST_FROM: 'qianshao@bureau.example',
      });
      const city = await t.db
        .insertInto('webhook_endpoints')
        .values({
          url: 'https://hooks.example/a',
          kind: 'standard',
          secret_sealed: null,
          created_by: 't',
          district: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('webhook_endpoints')
        .values({
          url: 'https://hooks.example/b',
          kind: 'wecom',
          secret_sealed: null,
          created_by: 't',
          district: '示范区',
          events: ['digest.published'],
        })
        .execute();
      await t.db
        .insertInto('webhook_endpoints')
        .values({
          url: 'https://hooks.example/c',
          kind: 'standard',
          secret_sealed: null,
          created_by: 't',
          district: null,
          events: ['alert.raised'],
        })
        .execute();
      const english = await t.db
        .insertInto('webhook_endpoints')
        .values({
          url: 'https://hooks.example/d',
          kind: 'feishu',
          secret_sealed: null,
          created_by: 't',
          district: null,
          lang: 'en',
          events: ['digest.published'],
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      // The Monday job: the whole deployment and each district; then the same tick again.
      const ctx = { db: t.db, log: silentLog, config: cfg, now: NOW, signal: new AbortController().signal };
      expect(await digestWeekly.run(ctx)).toEqual({ items: 3 });
      await digestWeekly.run(ctx);
      const d = await buildDigest(t.db, cfg, { week: W, district: null, now: NOW, actor: 'test' });
      expect(await publishDigest(t.db, cfg, silentLog, d, NOW)).toEqual({
        webhooks: 0,
        alreadyPublished: true,
        email: 'already_sent',
      });

      const deliveries = await t.db
        .selectFrom('deliveries')
        .select(['endpoint_id', 'event_type', 'event'])
        .where('event_type', '=', 'digest.published')
        .orderBy('endpoint_id')
        .execute();
      expect(deliveries).toHaveLength(3); // city-wide (two) → whole deployment; 示范区 → its digest; alert-only endpoint: none
      const cityEvent = deliveries.find((x) => x.endpoint_id === city.id)!.event as unknown as {
        data: { digest: { week: string; district: string | null; summary: string; url: string } };
      };
      expect(cityEvent.data.digest.week).toBe('2026-W47');
      expect(cityEvent.data.digest.district).toBeNull();
      expect(cityEvent.data.digest.url).toBe('https://qs.example/digests/2026-W47');
      expect(cityEvent.data.digest.summary).toContain('新增预警：红 **4**');
      // The English endpoint gets the same message (same id) in English.
      const enEvent = deliveries.find((x) => x.endpoint_id === english.id)!.event as unknown as {
        id: string;
        data: { digest: { title: string; summary: string } };
      };
      expect(enEvent.id).toBe((cityEvent as unknown as { id: string }).id);
      expect(enEvent.data.digest.title).toBe(
        'Whole jurisdiction: weekly labor-risk digest for new forms of employment (2026-W47)',
      );
      expect(enEvent.data.digest.summary).toContain('- New alerts: Red **4**');

      expect(received).toHaveLength(2);
      const zhMail = received.find((m) => m.to.includes('boss@bureau.example'))!;
      const enMail = received.find((m) => m.to.includes('advisor@partner.example'))!;
      expect(zhMail.to.sort()).toEqual(['boss@bureau.example', 'deputy@bureau.example']);
      expect(enMail.to).toEqual(['advisor@partner.example']);
      expect(zhMail.data).toMatch(/Subject: =\?UTF-8\?/);
      expect(zhMail.data).toContain('text/html');
      expect(enMail.data).toContain('Subject: Whole jurisdiction: weekly labor-risk digest');
      expect(enMail.data).toMatch(/Message-ID: <digest-2026-W47-\*-en@qs\.example>/i);
      const stored = await t.db
        .selectFrom('digests')
        .select(['scope', 'published_at', 'emailed_at', 'email_error'])
        .where('week', '=', '2026-W47')
        .orderBy('scope')
        .execute();
      expect(stored.map((s) => [s.scope, s.published_at !== null, s.emailed_at !== null])).toEqual([
        ['*', true, true],
        ['示范区', true, false],
        ['邻区', true, false],
      ]);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });

  it('a failed e-mail is not marked sent, and is retried by the next build', async () => {
    await t.db.updateTable('digests').set({ emailed_at: null }).where('scope', '=', '*').execute();
    const cfg = testConfig({ QIANSHAO_SMTP_URL: 'smtp://127.0.0.1:1', QIANSHAO_DIGEST_TO: 'boss@bureau.example' });
    const d = await buildDigest(t.db, cfg, { week: W, district: null, now: NOW, actor: 'test' });
    const res = await publishDigest(t.db, cfg, silentLog, d, NOW);
    expect(res.email).toBe('failed');
    const row = await t.db
      .selectFrom('digests')
      .select(['emailed_at', 'email_error'])
      .where('scope', '=', '*')
      .where('week', '=', '2026-W47')
      .executeTakeFirstOrThrow();
    expect(row.emailed_at).toBeNull();
    expect(row.email_error).toMatch(/ECONNREFUSED|connect/);
  });
});

describe('console', () => {
  it('lists digests and shows one to digest:read, scoped to the district; refuses others', async () => {
    const app = testApp(t.db, { env: { QIANSHAO_PUBLIC_URL: 'https://qs.example' }, clock: () => NOW });
    const manager = await userWithToken(t.db, 'manager', { district: '示范区' });
    const list = await app.request('/digests', { headers: manager.headers });
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('形势研判周报');
    expect(html).toContain('data-week="2026-W47"');
    expect(html).not.toContain('邻区');
    const one = await app.request('/digests/2026-W47', { headers: manager.headers });
    expect(one.status).toBe(200);
    expect(await one.text()).toContain('示范区新就业形态劳动风险形势研判周报（2026-W47）');
    expect((await app.request('/digests/2026-W47?district=邻区', { headers: manager.headers })).status).toBe(403);
    const preview = await app.request('/digests/2026-W40', { headers: manager.headers });
    expect(preview.status).toBe(200);
    expect(await t.db.selectFrom('digests').select('id').where('week', '=', '2026-W40').execute()).toHaveLength(0);
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    expect((await app.request('/digests', { headers: inspector.headers })).status).toBe(403);
    expect((await app.request('/digests/2026-W99', { headers: manager.headers })).status).toBe(404);
  });
});
