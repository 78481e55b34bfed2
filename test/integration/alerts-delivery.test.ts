import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, userWithToken } from '../helpers/app.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { AT, FIRM, firmId, seedRiskDistrict } from '../helpers/risk-district.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { createDeliverySender } from '../../src/delivery/worker.ts';
import { defaultModelConfig } from '../../src/domain/scoring/index.ts';

// Alerts from a triggering import to signed webhooks on real loopback receivers.

const db = useTestDb(async (t) => {
  await seedRiskDistrict(t);
  // The district as it stood before the new records: scored, no alerts yet.
  await runScoring(t.db, defaultModelConfig, {
    at: AT,
    firms: 'all',
    reason: 'test',
    actor: { id: null, name: 'test' },
  });
  // Someone is on duty, so no coverage-gap alert (issue 17) adds to what these tests count.
  const duty = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
  await t.db
    .insertInto('roster_shifts')
    .values({
      user_id: duty.user.id,
      starts_at: new Date(AT.getTime() - 7 * 86_400_000),
      ends_at: new Date(AT.getTime() + 7 * 86_400_000),
      district: '示范区',
      tier: 1,
    })
    .execute();
});
let t: TestDb;
let a: Receiver;
let b: Receiver;
beforeAll(async () => {
  a = await startReceiver();
  b = await startReceiver();
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(() => {
  t = db();
  for (const r of [a, b]) {
    r.received.length = 0;
    r.respond = () => ({ status: 200, body: '{}' });
  }
});

const LOOPBACK = { QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' };
const later = new Date(AT.getTime() + 3_600_000);
const app = () => testApp(t.db, { env: LOOPBACK, clock: () => later });
const sender = (clock?: () => Date, random = () => 0.5) =>
  createDeliverySender({
    db: t.db,
    log: silentLog,
    secretKey: TEST_SECRET,
    allowPrivateNetworks: ['127.0.0.0/8'],
    publicUrl: 'http://console.test',
    clock,
    random,
  });

async function register(headers: Record<string, string>, body: Record<string, unknown>) {
  const res = await app().request('/api/v1/webhooks', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: number; secret: string };
}

/** A collective wage petition against the clean firm: a hard trigger (≥ orange) where there was nothing. */
async function triggeringImport(headers: Record<string, string>) {
  const line = JSON.stringify({
    record_id: 'P-NEW-1',
    firm: FIRM.clean,
    received: '2026-11-20',
    category: 'wage_arrears',
    petitioners: 14,
  });
  const res = await app().request('/api/v1/imports/petitions', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-ndjson' },
    body: `${line}\n`,
  });
  expect(res.status).toBe(200);
}

describe('alert delivery', () => {
  it('a triggering import produces exactly one signed delivery per subscribed endpoint, verified by standardwebhooks', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const one = await register(admin.headers, { url: `${a.url}/hook`, kind: 'standard' });
    const two = await register(admin.headers, { url: `${b.url}/hook`, kind: 'standard', events: ['alert.raised'] });
    // Subscribed to other events only: must receive nothing.
    await register(admin.headers, { url: `${b.url}/other`, kind: 'standard', events: ['digest.published'] });
    expect(one.secret).toMatch(/^whsec_/);

    await triggeringImport((await userWithToken(t.db, 'inspector', { district: '示范区' })).headers);
    const pass = await sender().runOnce();
    expect(pass).toMatchObject({ claimed: 2, delivered: 2, dead: 0 });

    for (const [r, secret] of [
      [a, one.secret],
      [b, two.secret],
    ] as const) {
      expect(r.received).toHaveLength(1);
      const req = r.received[0]!;
      expect(req.path).toBe('/hook');
      const payload = new Webhook(secret).verify(req.body, req.headers as Record<string, string>) as any;
      expect(payload.type).toBe('alert.raised');
      expect(payload.data.alert).toMatchObject({
        rule: 'collective_wage_petition',
        level: 'orange',
        firm: { name: FIRM.clean },
        raised_at: later.toISOString(),
        url: expect.stringMatching(/^http:\/\/localhost:8787\/alerts\/\d+$/),
      });
      expect(payload.data.alert.title).toContain(FIRM.clean);
      expect(payload.data.alert.due_at).not.toBeNull();
    }
    // The same message on both endpoints, under one id.
    expect(a.received[0]!.headers['webhook-id']).toBe(b.received[0]!.headers['webhook-id']);
    // Nothing more to send.
    expect((await sender().runOnce()).claimed).toBe(0);
  });

  it('re-scoring the same data raises nothing new (one open alert per firm and rule)', async () => {
    const admin = await userWithToken(t.db, 'admin');
    await register(admin.headers, { url: `${a.url}/hook`, kind: 'standard' });
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    await triggeringImport(inspector.headers);
    await triggeringImport(inspector.headers); // the same file again: duplicates, nothing new
    await runScoring(t.db, defaultModelConfig, {
      at: later,
      firms: 'all',
      reason: 'test',
      actor: { id: null, name: 'test' },
    });
    const alerts = await t.db
      .selectFrom('alerts')
      .select(['rule', 'status', 'level'])
      .where('firm_id', '=', await firmId(t.db, FIRM.clean))
      .execute();
    expect(alerts).toEqual([{ rule: 'collective_wage_petition', status: 'open', level: 'orange' }]);
    expect((await sender().runOnce()).delivered).toBe(1);
  });

  it('a receiver that is down at first gets the message once it is up, with the same webhook-id', async () => {
    const admin = await userWithToken(t.db, 'admin');
    await register(admin.headers, { url: `${a.url}/hook`, kind: 'standard' });
    await triggeringImport(admin.headers);
    a.respond = (_r, n) => (n <= 2 ? { status: 503, body: 'down' } : { status: 204 });
    let clock = new Date();
    const s = sender(() => clock);
    expect(await s.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    // The schedule: immediately, then 5 s (± 20 %), then 5 min.
    expect((await s.runOnce()).claimed).toBe(0);
    clock = new Date(clock.getTime() + 6_000);
    expect(await s.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    clock = new Date(clock.getTime() + 6 * 60_000);
    expect(await s.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(a.received).toHaveLength(3);
    expect(new Set(a.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const row = await t.db
      .selectFrom('deliveries')
      .select(['status', 'attempts', 'last_status'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'delivered', attempts: 3, last_status: 204 });
  });

  it('after the last retry a delivery is dead-lettered, listed, and can be replayed', async () => {
    const admin = await userWithToken(t.db, 'admin');
    await register(admin.headers, { url: `${a.url}/hook`, kind: 'standard' });
    await triggeringImport(admin.headers);
    a.respond = () => ({ status: 500 });
    let clock = new Date();
    const s = sender(() => clock);
    for (let i = 0; i < 8; i++) {
      await s.runOnce();
      clock = new Date(clock.getTime() + 13 * 3_600_000);
    }
    expect(a.received).toHaveLength(8);
    const dead = (await (
      await app().request('/api/v1/deliveries?status=dead', { headers: admin.headers })
    ).json()) as any[];
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: 8, lastStatus: 500, eventType: 'alert.raised' });
    a.respond = () => ({ status: 200 });
    const replay = await app().request(`/api/v1/deliveries/${dead[0].id}/replay`, {
      method: 'POST',
      headers: admin.headers,
    });
    expect(replay.status).toBe(200);
    expect(await sender().runOnce()).toMatchObject({ delivered: 1 });
    expect(a.received.at(-1)!.headers['webhook-id']).toBe(a.received[0]!.headers['webhook-id']);
  });

  it('410 Gone disables the endpoint; a private address is refused at registration', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const ep = await register(admin.headers, { url: `${a.url}/hook`, kind: 'standard' });
    await triggeringImport(admin.headers);
    a.respond = () => ({ status: 410 });
    expect(await sender().runOnce()).toMatchObject({ dead: 1 });
    const row = await t.db
      .selectFrom('webhook_endpoints')
      .select(['enabled', 'disabled_reason'])
      .where('id', '=', ep.id)
      .executeTakeFirstOrThrow();
    expect(row.enabled).toBe(false);
    const strict = testApp(t.db, { clock: () => later });
    const refused = await strict.request('/api/v1/webhooks', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://10.0.0.5/hook', kind: 'standard' }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.message).toMatch(/private/);
  });

  it('two delivery workers on one database never send the same attempt twice', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const ep = await register(admin.headers, { url: `${a.url}/hook`, kind: 'standard' });
    // 120 queued messages straight into the outbox.
    await t.db
      .insertInto('deliveries')
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          endpoint_id: ep.id,
          message_id: `msg_bulk_${i}`,
          event_type: 'alert.raised',
          created_at: new Date(),
          next_attempt_at: new Date(Date.now() - 1000),
          event: JSON.stringify({
            id: `msg_bulk_${i}`,
            type: 'alert.raised',
            timestamp: new Date().toISOString(),
            data: { n: i },
          }),
        })),
      )
      .execute();
    a.respond = () => ({ status: 200, delayMs: 5 });
    const w1 = createDeliverySender(
      { db: t.db, log: silentLog, secretKey: TEST_SECRET, allowPrivateNetworks: ['127.0.0.0/8'], publicUrl: 'x' },
      { batch: 25 },
    );
    const w2 = createDeliverySender(
      { db: t.db, log: silentLog, secretKey: TEST_SECRET, allowPrivateNetworks: ['127.0.0.0/8'], publicUrl: 'x' },
      { batch: 25 },
    );
    const drain = async (w: typeof w1) => {
      let n = 0;
      for (;;) {
        const r = await w.runOnce();
        if (r.claimed === 0) return n;
        n += r.delivered;
      }
    };
    const [n1, n2] = await Promise.all([drain(w1), drain(w2)]);
    expect(n1 + n2).toBe(120);
    expect(n1).toBeGreaterThan(0);
    expect(n2).toBeGreaterThan(0);
    const ids = a.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
  });

  it('group robots: a WeCom robot gets markdown; past its 20 per minute the rest wait, none is dropped', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const ep = await register(admin.headers, { url: `${a.url}/cgi-bin/webhook/send?key=k`, kind: 'wecom' });
    await t.db
      .insertInto('deliveries')
      .values(
        Array.from({ length: 25 }, (_, i) => ({
          endpoint_id: ep.id,
          message_id: `msg_w_${i}`,
          event_type: 'alert.raised',
          created_at: new Date(),
          next_attempt_at: new Date(Date.now() - 1000),
          event: JSON.stringify({
            id: `msg_w_${i}`,
            type: 'alert.raised',
            timestamp: new Date().toISOString(),
            data: {
              alert: {
                id: i,
                rule: 'risk_level',
                level: 'orange',
                title: `预警${i}`,
                firm: { name: '某公司', uscc: null },
                score: 70,
                raised_at: new Date().toISOString(),
                due_at: null,
                url: 'http://x/alerts/1',
              },
            },
          }),
        })),
      )
      .execute();
    a.respond = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    let clock = new Date();
    const s = sender(() => clock);
    expect(await s.runOnce()).toMatchObject({ claimed: 25, delivered: 20, deferred: 5 });
    expect(JSON.parse(a.received[0]!.body)).toMatchObject({ msgtype: 'markdown' });
    expect(JSON.parse(a.received[0]!.body).markdown.content).toContain('预警0');
    clock = new Date(clock.getTime() + 61_000);
    expect(await s.runOnce()).toMatchObject({ claimed: 5, delivered: 5 });
    expect(a.received).toHaveLength(25);
  });

  it('a robot registered in English gets its messages in English (issue 15 item 2), through the real worker', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const ep = await register(admin.headers, {
      url: `${a.url}/robot/send?access_token=k`,
      kind: 'dingtalk',
      lang: 'en',
    });
    const listed = (await (await app().request('/api/v1/webhooks', { headers: admin.headers })).json()) as Array<{
      id: number;
      lang: string;
    }>;
    expect(listed.find((e) => e.id === ep.id)?.lang).toBe('en');
    await t.db
      .insertInto('deliveries')
      .values({
        endpoint_id: ep.id,
        message_id: 'msg_en_1',
        event_type: 'alert.raised',
        created_at: new Date(),
        next_attempt_at: new Date(Date.now() - 1000),
        event: JSON.stringify({
          id: 'msg_en_1',
          type: 'alert.raised',
          timestamp: new Date().toISOString(),
          data: {
            alert: {
              id: 1,
              rule: 'overdue_wage_order',
              level: 'orange',
              title: '【橙色预警·逾期未支付工资】某公司：责令支付逾期未支付',
              firm: { name: '某公司', uscc: null },
              score: 70.04,
              raised_at: '2026-11-20T01:00:00Z',
              due_at: null,
              url: 'http://x/alerts/1',
            },
          },
        }),
      })
      .execute();
    a.respond = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    expect(await sender().runOnce()).toMatchObject({ delivered: 1 });
    const text = JSON.parse(a.received[0]!.body).markdown.text as string;
    expect(text).toContain('### (Orange alert) New alert');
    expect(text).toContain('**(Orange alert · overdue pay order) 某公司**');
    expect(text).toContain('- Risk score: 70');
    expect(text).toContain('- Raised: 2026-11-20 09:00');
    expect(text).not.toMatch(/[\u3000-\u303f\uff00-\uffef]|预警|逾期/);
  });
});
