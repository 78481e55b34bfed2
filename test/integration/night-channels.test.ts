import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { ALIYUN_KEY, TENCENT_KEY, startFakeProvider, type FakeProvider } from '../helpers/fake-sms-provider.ts';
import { createDeliverySender } from '../../src/delivery/worker.ts';
import { runEscalation } from '../../src/alerts/escalate.ts';
import { feishuSignature } from '../../src/crypto/feishu-callback.ts';
import { createCipheriv, createHash } from 'node:crypto';

// Issue 17, items 1 and 2: an orange alert at 22:10 reaches the officer on
// duty in the group chat, then by SMS, then by a phone call; the officer
// acknowledges from the SMS link on their phone, and escalation stops. The
// providers are fakes on loopback that verify every request's signature.

const FIRM = '夜巡配送有限公司';
const db = useTestDb(async (t) => {
  await insertFirm(t.db, { name: FIRM, district: '示范区', street: '晨光路街道' });
});
let t: TestDb;
let chat: Receiver;
let provider: FakeProvider;
beforeAll(async () => {
  chat = await startReceiver();
  provider = await startFakeProvider();
});
afterAll(async () => {
  await chat.close();
  await provider.close();
});
beforeEach(() => {
  t = db();
  chat.received.length = 0;
  provider.calls.length = 0;
  provider.answer = () => null;
});

const MIN = 60_000;
/** 2026-12-04 22:10 in Shanghai. */
const T0 = new Date('2026-12-04T14:10:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
const env = (quiet: string) => ({
  QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8',
  QIANSHAO_QUIET_HOURS: quiet,
  QIANSHAO_PUBLIC_URL: 'https://qs.example.gov.cn',
});
const LATE_QUIET = '23:30-07:00';
const app = (now: Date, quiet = LATE_QUIET) => testApp(t.db, { env: env(quiet), clock: () => now });
const config = (quiet = LATE_QUIET) => testConfig(env(quiet));
const sender = (now: Date) =>
  createDeliverySender({
    db: t.db,
    log: silentLog,
    secretKey: config().secretKey!,
    allowPrivateNetworks: ['127.0.0.0/8'],
    publicUrl: 'https://qs.example.gov.cn',
    clock: () => now,
    random: () => 0.5,
  });
const escalate = (now: Date, quiet = LATE_QUIET) =>
  runEscalation({ db: t.db, log: silentLog, config: config(quiet) }, now);

async function call(now: Date, headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await app(now).request(path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const STEPS = (second: string) => ({
  levels: ['orange'],
  policy: {
    steps: [
      { target: { kind: 'on_duty', tier: 1 }, channels: ['chat'], waitMinutes: 15 },
      { target: { kind: 'on_duty', tier: 1 }, channels: [second], waitMinutes: 15 },
      { target: { kind: 'on_duty', tier: 1 }, channels: ['voice'], waitMinutes: 30 },
    ],
    repeat: 1,
    ackTimeoutMinutes: 60,
  },
});

/** The district on the night: roster, its policy, a WeCom robot, and SMS/voice channels. */
async function district(opts: { sms: 'aliyun_sms' | 'tencent_sms' }) {
  const duty = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
  const backup = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
  await t.db.updateTable('users').set({ mobile: '13800000001' }).where('id', '=', duty.user.id).execute();
  await t.db.updateTable('users').set({ mobile: '13800000002' }).where('id', '=', backup.user.id).execute();
  const admin = await userWithToken(t.db, 'admin', { district: '示范区' });
  const csv = `user,start,end,district,streets,categories,tier\n${duty.user.name},2026-12-04 08:00,2026-12-05 12:00,示范区,,,1\n${backup.user.name},2026-12-04 08:00,2026-12-05 12:00,示范区,,,2\n`;
  const roster = await app(T0).request('/api/v1/roster/import', {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'text/csv' },
    body: csv,
  });
  expect(await roster.json()).toEqual({ accepted: 2, rejected: [] });
  expect((await call(T0, admin.headers, 'PUT', '/api/v1/escalation-policies/night', STEPS('sms'))).status).toBe(200);
  const reg = (body: Record<string, unknown>) => call(T0, admin.headers, 'POST', '/api/v1/webhooks', body);
  expect((await reg({ url: `${chat.url}/cgi-bin/webhook/send?key=night-robot`, kind: 'wecom' })).status).toBe(200);
  const sms =
    opts.sms === 'aliyun_sms'
      ? await reg({
          url: `${provider.url}/`,
          kind: 'aliyun_sms',
          secret: ALIYUN_KEY.secret,
          settings: { accessKeyId: ALIYUN_KEY.id, signName: '前哨预警', templateCode: 'SMS_465300001' },
        })
      : await reg({
          url: `${provider.url}/`,
          kind: 'tencent_sms',
          secret: TENCENT_KEY.secret,
          settings: { secretId: TENCENT_KEY.id, sdkAppId: '1400000001', signName: '前哨预警', templateId: '2000001' },
        });
  expect(sms).toMatchObject({ status: 200, body: { secret: null } });
  const voice = await reg({
    url: `${provider.url}/`,
    kind: 'aliyun_voice',
    secret: ALIYUN_KEY.secret,
    settings: { accessKeyId: ALIYUN_KEY.id, ttsCode: 'TTS_300001', calledShowNumber: '02100000000' },
  });
  expect(voice.status).toBe(200);
  return { duty, backup, admin };
}

/** A wage petition by 14 riders: a collective wage petition, orange, raised at `now`. */
async function raiseOrange(headers: Record<string, string>, now: Date, quiet = LATE_QUIET) {
  const line = JSON.stringify({
    record_id: 'P-NIGHT-1',
    firm: FIRM,
    received: '2026-12-04',
    category: 'wage_arrears',
    petitioners: 14,
  });
  const res = await app(now, quiet).request('/api/v1/imports/petitions', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-ndjson' },
    body: `${line}\n`,
  });
  expect(res.status).toBe(200);
  const alert = await t.db
    .selectFrom('alerts')
    .select(['id', 'level', 'status', 'assignee_id'])
    .executeTakeFirstOrThrow();
  expect(alert.level).toBe('orange');
  return alert;
}

const timeline = async (alertId: number) =>
  (
    await t.db
      .selectFrom('alert_events')
      .select(['kind', 'actor_name', 'details', 'at'])
      .where('alert_id', '=', alertId)
      .orderBy('id')
      .execute()
  ).map(
    (e): Record<string, any> => ({
      kind: e.kind,
      actor: e.actor_name,
      at: e.at.toISOString(),
      ...(e.details as Record<string, unknown>),
    }),
  );

describe('reaching the duty officer at night', () => {
  it('orange at 22:10: chat, then SMS at step 1 (throttled once), voice at step 2; acknowledged by the SMS link, escalation stops', async () => {
    const { duty, admin } = await district({ sms: 'aliyun_sms' });
    const alert = await raiseOrange(admin.headers, T0);
    expect(alert.assignee_id).toBe(duty.user.id);

    // Step 0: the group robot, @-mentioning the officer, with their own acknowledge link.
    expect(await sender(T0).runOnce()).toMatchObject({ delivered: 1, dead: 0 });
    expect(provider.calls).toHaveLength(0);
    const group = JSON.parse(chat.received[0]!.body);
    expect(group.msgtype).toBe('text');
    expect(group.text.mentioned_mobile_list).toEqual(['13800000001']);
    expect(group.text.content).toContain(`一键确认（${duty.user.name}）：https://qs.example.gov.cn/a/`);

    // Step 1 at 22:25: SMS to tier 1. The provider throttles the first try (per-number flow control).
    provider.answer = (_c, n) =>
      n === 1 ? { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控Permits:1' } : null;
    expect(await escalate(at(15))).toMatchObject({ escalated: 1 });
    expect(await sender(at(15)).runOnce()).toMatchObject({ delivered: 1, retried: 1 }); // the group's notice, and the SMS
    expect(await sender(at(15.5)).runOnce()).toMatchObject({ claimed: 0 }); // the provider asked for a minute
    expect(await sender(at(16.2)).runOnce()).toMatchObject({ delivered: 1 });
    const sms = provider.calls.filter((c) => c.action === 'SendSms');
    expect(sms).toHaveLength(2);
    expect(sms.every((c) => c.verified)).toBe(true);
    expect(sms[1]!.params).toMatchObject({
      PhoneNumbers: '13800000001',
      SignName: '前哨预警',
      TemplateCode: 'SMS_465300001',
    });
    const vars = JSON.parse(sms[1]!.params['TemplateParam']);
    expect(vars).toMatchObject({ level: '橙色预警', action: '预警升级', firm: FIRM });
    expect(vars.code).toMatch(/^[0-9a-z]+[A-Za-z0-9_-]{8}$/);
    expect(vars.code.length).toBeLessThanOrEqual(12);
    // The same code on both tries: one link per person and channel.
    expect(JSON.parse(sms[0]!.params['TemplateParam']).code).toBe(vars.code);

    // Step 2 at 22:40: a voice call to tier 1.
    expect(await escalate(at(30))).toMatchObject({ escalated: 1 });
    expect(await sender(at(30)).runOnce()).toMatchObject({ delivered: 2 });
    const voice = provider.calls.filter((c) => c.action === 'SingleCallByTts');
    expect(voice).toHaveLength(1);
    expect(voice[0]!.verified).toBe(true);
    expect(voice[0]!.params).toMatchObject({
      CalledNumber: '13800000001',
      TtsCode: 'TTS_300001',
      CalledShowNumber: '02100000000',
      PlayTimes: '2',
    });
    expect(JSON.parse(voice[0]!.params['TtsParam'])).toEqual({ level: '橙色预警', action: '预警升级', firm: FIRM });

    // 22:45, on the phone: opening the link shows the alert and changes nothing (link scanners GET too).
    const page = await app(at(35)).request(`/a/${vars.code}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('确认收到，我来处理');
    expect(html).toContain(FIRM);
    expect(html).toContain('短信');
    expect(
      (await t.db.selectFrom('alerts').select('status').where('id', '=', alert.id).executeTakeFirstOrThrow()).status,
    ).toBe('open');
    const en = await app(at(35)).request(`/a/${vars.code}?lang=en`);
    expect(await en.text()).toContain('Acknowledge: I am on it');

    // The POST acknowledges, as the officer, by SMS; no password.
    const ack = await app(at(35)).request(`/a/${vars.code}`, { method: 'POST' });
    expect(ack.status).toBe(200);
    expect(await ack.text()).toContain('已确认收到');
    const after = await t.db
      .selectFrom('alerts')
      .select(['status', 'acknowledged_at', 'escalation_next_at'])
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'acknowledged', acknowledged_at: at(35), escalation_next_at: null });
    // Once only.
    expect((await app(at(36)).request(`/a/${vars.code}`, { method: 'POST' })).status).toBe(409);

    // 23:10 would have started the chain's second pass; nothing more goes out.
    expect(await escalate(at(60))).toMatchObject({ escalated: 0 });
    const before = provider.calls.length;
    await sender(at(60)).runOnce();
    expect(provider.calls.length).toBe(before);

    // The timeline: every attempt with its channel, and the acknowledgement with its channel.
    const events = await timeline(alert.id);
    const attempts = events
      .filter((e) => e.kind === 'delivery')
      .map((e) => `${e['channel']}:${e['event']}:${e['outcome']}${e['to'] ? `:${e['to']}` : ''}`);
    expect(attempts.slice(0, 4)).toEqual([
      'wecom:alert.raised:delivered',
      'wecom:alert.escalated:delivered',
      `aliyun_sms:alert.escalated:retried:${duty.user.name}`,
      `aliyun_sms:alert.escalated:delivered:${duty.user.name}`,
    ]);
    // Step 2's group notice and call went out in one pass, in either order.
    expect(attempts.slice(4, 6).sort()).toEqual([
      `aliyun_voice:alert.escalated:delivered:${duty.user.name}`,
      'wecom:alert.escalated:delivered',
    ]);
    expect(attempts.slice(6)).toEqual(['wecom:alert.acknowledged:delivered']);
    expect(attempts).toContain(`aliyun_voice:alert.escalated:delivered:${duty.user.name}`);
    expect(events.find((e) => e['outcome'] === 'retried')!['error']).toContain('isv.BUSINESS_LIMIT_CONTROL');
    expect(events.filter((e) => e.kind === 'escalated').map((e) => e['channels'])).toEqual([['sms'], ['voice']]);
    const acked = events.find((e) => e.kind === 'acknowledged')!;
    expect(acked).toMatchObject({ actor: duty.user.name, channel: 'sms', at: at(35).toISOString() });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'alert.acknowledged')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(duty.user.id);
    expect(audit[0]!.details).toMatchObject({ channel: 'sms' });
  });

  it('Tencent Cloud SMS: signed TC3 requests, LimitExceeded waits, and the chat link acknowledges as "chat"', async () => {
    const { duty, admin } = await district({ sms: 'tencent_sms' });
    const alert = await raiseOrange(admin.headers, T0);
    await sender(T0).runOnce();
    provider.answer = (_c, n) =>
      n === 1
        ? { code: 'LimitExceeded.PhoneNumberThirtySecondLimit', message: '单个手机号30秒内下发短信条数超过设定的上限' }
        : null;
    await escalate(at(15));
    expect(await sender(at(15)).runOnce()).toMatchObject({ retried: 1 });
    expect(await sender(at(16)).runOnce()).toMatchObject({ delivered: 1 });
    const calls = provider.calls.filter((c) => c.provider === 'tencent');
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => c.verified)).toBe(true);
    expect(calls[1]!.headers['x-tc-action']).toBe('SendSms');
    expect(calls[1]!.params).toMatchObject({
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400000001',
      SignName: '前哨预警',
      TemplateId: '2000001',
    });
    const [level, action, firm, code] = calls[1]!.params['TemplateParamSet'];
    expect([level, action]).toEqual(['橙色预警', '预警升级']);
    for (const v of [level, action, firm, code]) expect(Array.from(v as string).length).toBeLessThanOrEqual(12);
    expect(firm).toBe('夜巡配送有限公司');
    expect(code).toMatch(/^[0-9a-z]+[A-Za-z0-9_-]{8}$/);

    // The officer taps the link in the group message instead: recorded as "chat".
    const link = /一键确认（[^）]+）：https:\/\/qs\.example\.gov\.cn\/a\/([0-9A-Za-z_-]+)/.exec(
      JSON.parse(chat.received[0]!.body).text.content,
    )![1]!;
    expect(link).not.toBe(code);
    expect((await app(at(20)).request(`/a/${link}`, { method: 'POST' })).status).toBe(200);
    const events = await timeline(alert.id);
    expect(events.find((e) => e.kind === 'acknowledged')).toMatchObject({ actor: duty.user.name, channel: 'chat' });
    // The SMS link of the same alert now only reports that it is done.
    const page = await app(at(21)).request(`/a/${code}`);
    expect(await page.text()).toContain('该预警已被确认或已处理');
  });

  it('an officer who reads English gets the English SMS template (the language switch is kept on the account); the group robot keeps its own language', async () => {
    const { duty, admin } = await district({ sms: 'tencent_sms' });
    // The bureau registered an English template too.
    await t.db
      .updateTable('webhook_endpoints')
      .set({
        settings: JSON.stringify({
          secretId: TENCENT_KEY.id,
          sdkAppId: '1400000001',
          signName: '前哨预警',
          templateId: '2000001',
          templateId_en: '2000002',
        }),
      })
      .where('kind', '=', 'tencent_sms')
      .execute();
    // The officer switches the console to English.
    expect((await app(T0).request('/?lang=en', { headers: duty.headers })).status).toBe(200);
    expect(
      (await t.db.selectFrom('users').select('lang').where('id', '=', duty.user.id).executeTakeFirstOrThrow()).lang,
    ).toBe('en');
    expect(
      await t.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', 'user.lang').execute(),
    ).toEqual([{ action: 'user.lang', actor_name: duty.user.name }]);
    await raiseOrange(admin.headers, T0);
    await sender(T0).runOnce();
    await escalate(at(15));
    expect(await sender(at(15)).runOnce()).toMatchObject({ delivered: 2 });
    const calls = provider.calls.filter((c) => c.provider === 'tencent');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toMatchObject({ PhoneNumberSet: ['+8613800000001'], TemplateId: '2000002' });
    const [level, action, firm] = calls[0]!.params['TemplateParamSet'];
    expect([level, action, firm]).toEqual(['Orange alert', 'Alert escal…', '夜巡配送有限公司']); // Tencent: 12 characters a variable
    // The group robot reads Chinese (its endpoint's language), whoever it mentions.
    expect(JSON.parse(chat.received[0]!.body).text.content).toContain(`一键确认（${duty.user.name}）`);
  });

  it('quiet hours: an orange SMS step at night waits for the morning; a wrong, altered or expired link acknowledges nothing', async () => {
    const { admin } = await district({ sms: 'aliyun_sms' });
    const alert = await raiseOrange(admin.headers, T0, '22:00-08:00');
    await sender(T0).runOnce();
    // The group still hears of it at once, but nobody is paged (no @-mention, no link).
    expect(chat.received).toHaveLength(1);
    expect(JSON.parse(chat.received[0]!.body).msgtype).toBe('markdown');
    // Step 1 is due at 22:25 but held to 08:00.
    expect(await escalate(at(15), '22:00-08:00')).toMatchObject({ escalated: 0 });
    const row = await t.db
      .selectFrom('alerts')
      .select('escalation_next_at')
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    expect(row.escalation_next_at!.toISOString()).toBe('2026-12-05T00:00:00.000Z');
    await sender(at(15)).runOnce();
    expect(provider.calls).toHaveLength(0);
    // 08:00: the chain starts, the officer is @-mentioned with a link.
    const morning = new Date('2026-12-05T00:00:00Z');
    expect(await escalate(morning, '22:00-08:00')).toMatchObject({ escalated: 1 });
    await sender(morning).runOnce();
    const code = /\/a\/([0-9A-Za-z_-]+)/.exec(JSON.parse(chat.received.at(-1)!.body).text.content)![1]!;
    const altered = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    expect((await app(at(20)).request(`/a/${altered}`)).status).toBe(404);
    expect((await app(at(20)).request(`/a/${altered}`, { method: 'POST' })).status).toBe(403);
    expect((await app(at(20)).request('/a/nothing', { method: 'POST' })).status).toBe(403);
    const expired = await app(new Date(morning.getTime() + 25 * 60 * MIN)).request(`/a/${code}`, { method: 'POST' });
    expect(expired.status).toBe(409);
    expect(await expired.text()).toContain('链接已过期');
    expect(
      (await t.db.selectFrom('alerts').select('status').where('id', '=', alert.id).executeTakeFirstOrThrow()).status,
    ).toBe('open');
  });

  it('SMS/voice channels are refused without their settings, and their key secret is sealed, never listed', async () => {
    const admin = await userWithToken(t.db, 'admin', { district: '示范区' });
    const bad = await call(T0, admin.headers, 'POST', '/api/v1/webhooks', {
      url: `${provider.url}/`,
      kind: 'aliyun_sms',
      secret: 'x',
      settings: { accessKeyId: 'LTAI0000' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('settings.signName');
    const noSecret = await call(T0, admin.headers, 'POST', '/api/v1/webhooks', {
      url: `${provider.url}/`,
      kind: 'aliyun_voice',
      settings: { accessKeyId: 'LTAI0000', ttsCode: 'T' },
    });
    expect(noSecret.status).toBe(400);
    const ok = await call(T0, admin.headers, 'POST', '/api/v1/webhooks', {
      url: `${provider.url}/`,
      kind: 'aliyun_voice',
      secret: ALIYUN_KEY.secret,
      settings: { accessKeyId: ALIYUN_KEY.id, ttsCode: 'T' },
      district: '示范区',
    });
    expect(ok.status).toBe(200);
    const list = await call(T0, admin.headers, 'GET', '/api/v1/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(ALIYUN_KEY.secret);
    expect(list.body[0]).toMatchObject({
      kind: 'aliyun_voice',
      district: '示范区',
      hasSecret: true,
      settings: { accessKeyId: 'LTAI…0001', ttsCode: 'T' },
    });
    const stored = await t.db.selectFrom('webhook_endpoints').select('secret_sealed').executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(ALIYUN_KEY.secret);
    const audit = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'webhook.create').execute();
    expect(JSON.stringify(audit)).not.toContain(ALIYUN_KEY.secret);
  });

  it('Feishu: the card carries an acknowledge button per person; a verified card callback acknowledges, a forged one does not', async () => {
    const { duty, admin } = await district({ sms: 'aliyun_sms' });
    expect(
      (
        await call(T0, admin.headers, 'POST', '/api/v1/webhooks', {
          url: `${chat.url}/open-apis/bot/v2/hook/night`,
          kind: 'feishu',
          secret: 'robot-sign-secret',
        })
      ).status,
    ).toBe(200);
    // Feishu robots mention by user id, not mobile: the card still names the person on its button.
    const alert = await raiseOrange(admin.headers, T0);
    await sender(T0).runOnce();
    const card = JSON.parse(chat.received.find((r) => r.path.startsWith('/open-apis'))!.body);
    expect(card.msg_type).toBe('interactive');
    expect(card.card.header.template).toBe('orange');
    const button = card.card.elements[1].actions[0];
    expect(button.text.content).toBe(`${duty.user.name}：确认收到`);
    expect(button.url).toMatch(/^https:\/\/qs\.example\.gov\.cn\/a\//);
    expect(button.url.endsWith(`/a/${button.value.ack}`)).toBe(true);

    const KEY = 'feishu-encrypt-key-0001';
    const feishuApp = (now: Date) =>
      testApp(t.db, {
        env: { ...env(LATE_QUIET), QIANSHAO_FEISHU_ENCRYPT_KEY: KEY, QIANSHAO_FEISHU_VERIFICATION_TOKEN: 'vtoken' },
        clock: () => now,
      });
    const encrypt = (plain: string) => {
      const iv = Buffer.alloc(16, 7);
      const c = createCipheriv('aes-256-cbc', createHash('sha256').update(KEY).digest(), iv);
      return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()]).toString('base64');
    };
    const post = (now: Date, payload: unknown, sign = true) => {
      const raw = JSON.stringify({ encrypt: encrypt(JSON.stringify(payload)) });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-lark-request-timestamp': '1764857400',
        'x-lark-request-nonce': 'n1',
      };
      headers['x-lark-signature'] = sign ? feishuSignature(KEY, '1764857400', 'n1', raw) : '0'.repeat(64);
      return feishuApp(now).request('/api/v1/feishu/card-callback', { method: 'POST', headers, body: raw });
    };
    // The URL check when the callback is configured.
    const check = await post(T0, { challenge: 'c-123', token: 'vtoken', type: 'url_verification' });
    expect(await check.json()).toEqual({ challenge: 'c-123' });
    const tap = {
      schema: '2.0',
      header: { event_type: 'card.action.trigger', token: 'vtoken' },
      event: { operator: { open_id: 'ou_duty' }, action: { tag: 'button', value: { ack: button.value.ack } } },
    };
    expect((await post(at(5), tap, false)).status).toBe(401);
    expect((await post(at(5), { ...tap, header: { ...tap.header, token: 'other-app' } })).status).toBe(401);
    expect(
      (await t.db.selectFrom('alerts').select('status').where('id', '=', alert.id).executeTakeFirstOrThrow()).status,
    ).toBe('open');
    const ok = await post(at(5), tap);
    expect(await ok.json()).toEqual({ toast: { type: 'success', content: `已确认（${duty.user.name}）` } });
    expect(
      (await t.db.selectFrom('alerts').select('status').where('id', '=', alert.id).executeTakeFirstOrThrow()).status,
    ).toBe('acknowledged');
    const events = await timeline(alert.id);
    expect(events.find((e) => e.kind === 'acknowledged')).toMatchObject({
      actor: duty.user.name,
      channel: 'chat',
      through: 'feishu_card',
      operator: 'ou_duty',
    });
    // The route exists only when a Feishu app is configured.
    expect(
      (
        await app(at(6)).request('/api/v1/feishu/card-callback', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
  });
});
