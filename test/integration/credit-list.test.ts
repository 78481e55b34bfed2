import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, userWithToken } from '../helpers/app.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { AT, FIRM, seedRiskDistrict } from '../helpers/risk-district.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { createDeliverySender } from '../../src/delivery/worker.ts';
import { findJob } from '../../jobs/schedule.ts';
import { runEscalation } from '../../src/alerts/escalate.ts';
import { testConfig } from '../helpers/app.ts';
import iconv from 'iconv-lite';
import { disclosure, encodeCsv, exportList, RECORD_FIELDS, toCsv } from '../../src/credit/export.ts';

// From overdue pay orders to a listed entry pushed as a signed webhook,
// through the API, with two people; and the same with one person, refused.

const db = useTestDb(seedRiskDistrict);
let t: TestDb;
let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver();
});
afterAll(async () => {
  await rx.close();
});
beforeEach(() => {
  t = db();
  rx.received.length = 0;
  rx.respond = () => ({ status: 200, body: '{}' });
});

const LOOPBACK = { QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' };
let clock = AT;
const app = () => testApp(t.db, { env: LOOPBACK, clock: () => clock });
const sender = (c?: () => Date) =>
  createDeliverySender({
    db: t.db,
    log: silentLog,
    secretKey: TEST_SECRET,
    allowPrivateNetworks: ['127.0.0.0/8'],
    publicUrl: 'http://console.test',
    clock: c,
    random: () => 0.5,
  });

async function call(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await app().request(`/api/v1${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function setup() {
  clock = AT;
  const admin = await userWithToken(t.db, 'admin');
  const hook = await call(admin.headers, 'POST', '/webhooks', {
    url: `${rx.url}/credit`,
    kind: 'standard',
    events: ['credit.proposed', 'credit.listed', 'credit.removed'],
  });
  expect(hook.status).toBe(200);
  const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
  const approver = await userWithToken(t.db, 'approver', { district: '示范区' });
  const cands = await call(inspector.headers, 'GET', '/credit/candidates?refresh=true');
  expect(cands.status).toBe(200);
  return { admin, inspector, approver, secret: hook.body.secret as string, cands: cands.body as any[] };
}

const byName = (cands: any[], name: string) => cands.find((c) => c.firm.name === name);

describe('credit list', () => {
  it('finds the art. 5 candidates with their evidence and condition', async () => {
    const { cands, approver } = await setup();
    const names = cands.map((c) => c.firm.name).sort();
    // Overdue pay orders ≥ ¥100,000 for ≥ 10 workers; the future-dated order is not overdue yet.
    expect(names).toEqual([FIRM.severe, FIRM.severePartner].sort());
    const s = byName(cands, FIRM.severePartner);
    expect(s.conditions).toEqual(['crime_amount', 'collective_petition']);
    expect(s.evidence.orders.map((o: any) => o.recordId)).toEqual(['I-S1-1', 'I-S1-2']);
    expect(s.evidence.petitions.map((p: any) => p.recordId)).toEqual(['P-S1-1']);
    expect(s.reason).toContain('逾期仍未支付');
    // Running the rule again changes nothing; an approver may read but not refresh.
    const again = await call(approver.headers, 'GET', '/credit/candidates');
    expect(again.body.map((c: any) => c.id).sort()).toEqual(cands.map((c) => c.id).sort());
    expect((await call(approver.headers, 'GET', '/credit/candidates?refresh=true')).status).toBe(403);
  });

  it('two people take a candidate to a listed entry, pushed as signed credit.proposed and credit.listed', async () => {
    const { cands, inspector, approver, secret } = await setup();
    const id = byName(cands, FIRM.severePartner).id;
    expect(
      (
        await call(inspector.headers, 'POST', `/credit/cases/${id}/propose`, {
          basis: '责令限期支付逾期未付，数额达到标准',
        })
      ).body.state,
    ).toBe('proposed');
    const notified = await call(inspector.headers, 'POST', `/credit/cases/${id}/notify`, {
      noticeNo: '示人社告〔2026〕12号',
      noticeDate: '2026-11-20',
    });
    expect(notified.body.notice).toEqual({
      number: '示人社告〔2026〕12号',
      date: '2026-11-20',
      statement_due_at: '2026-11-27T16:00:00.000Z',
    });
    // The period is still running.
    const early = await call(inspector.headers, 'POST', `/credit/cases/${id}/no-statement`);
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain('statement period runs until');
    clock = new Date('2026-11-28T02:00:00Z');
    expect((await call(inspector.headers, 'POST', `/credit/cases/${id}/no-statement`)).body.state).toBe('no_statement');
    // The inspector may not approve; an approver may.
    expect((await call(inspector.headers, 'POST', `/credit/cases/${id}/approve`)).status).toBe(403);
    expect((await call(approver.headers, 'POST', `/credit/cases/${id}/approve`, { note: '同意' })).body.state).toBe(
      'approved',
    );
    const listed = await call(approver.headers, 'POST', `/credit/cases/${id}/list`, {
      decisionNo: '示人社决〔2026〕3号',
      authority: '示范区人力资源和社会保障局',
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      state: 'listed',
      listed_on: '2026-11-28',
      expected_exit_on: '2029-11-28',
      decision_no: '示人社决〔2026〕3号',
    });

    const one = await call(approver.headers, 'GET', `/credit/cases/${id}`);
    expect(one.body.history.map((h: any) => h.action)).toEqual([
      'candidate',
      'propose',
      'notify',
      'no-statement',
      'approve',
      'list',
    ]);
    const list = await call(approver.headers, 'GET', '/credit-list');
    expect(list.body).toHaveLength(1);
    expect(list.body[0].record).toMatchObject({
      对象名称: FIRM.severePartner,
      文书号: '示人社决〔2026〕3号',
      列入日期: '2026-11-28',
      预计退出日期: '2029-11-28',
      决定机关: '示范区人力资源和社会保障局',
      移出日期: null,
    });

    expect(await sender().runOnce()).toMatchObject({ delivered: 2 });
    const payloads = rx.received.map(
      (r) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as any,
    );
    expect(payloads.map((p) => p.type)).toEqual(['credit.proposed', 'credit.listed']);
    const rec = payloads[1].data.record;
    // (jsonb storage does not keep key order; the CSV export does.)
    expect(Object.keys(rec).sort()).toEqual(
      [
        '对象名称',
        '统一社会信用代码',
        '法定代表人',
        '列入事由',
        '列入依据',
        '决定机关',
        '文书号',
        '列入日期',
        '预计退出日期',
        '移出日期',
        '移出原因',
      ].sort(),
    );
    expect(rec.列入依据).toContain('人力资源社会保障部令第45号');
    expect(payloads[1].data.credit).toMatchObject({
      proposed_by: inspector.user.name,
      approved_by: approver.user.name,
    });
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('object_type', '=', 'credit_case')
      .where('object_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'credit.candidate',
      'credit.propose',
      'credit.notify',
      'credit.no-statement',
      'credit.refused',
      'credit.approve',
      'credit.list',
    ]);
  });

  it('one user holding both roles cannot approve or list their own proposal; the attempt is audited', async () => {
    const { cands, admin, inspector } = await setup();
    const id = byName(cands, FIRM.severe).id;
    await call(admin.headers, 'POST', `/credit/cases/${id}/propose`, { basis: '依据' });
    await call(admin.headers, 'POST', `/credit/cases/${id}/notify`, { noticeNo: 'N-1' });
    await call(admin.headers, 'POST', `/credit/cases/${id}/record-statement`, { statement: '无异议' });
    const r = await call(admin.headers, 'POST', `/credit/cases/${id}/approve`);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('two-person rule');
    expect((await call(admin.headers, 'POST', `/credit/cases/${id}/list`, { decisionNo: 'D-1' })).status).toBe(409);
    const row = await t.db
      .selectFrom('credit_cases')
      .select(['state', 'approver_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'statement_recorded', approver_id: null });
    const refused = await t.db
      .selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('action', '=', 'credit.refused')
      .execute();
    expect(refused).toEqual([
      {
        actor_name: admin.user.name,
        details: expect.objectContaining({ attempted: 'approve', reason: expect.stringContaining('two-person rule') }),
      },
    ]);
    // And an inspector from another jurisdiction does not see the case at all.
    const neighbour = await userWithToken(t.db, 'inspector', { district: '邻区' });
    expect((await call(neighbour.headers, 'GET', `/credit/cases/${id}`)).status).toBe(404);
    void inspector;
    // The database repeats the rule: a direct write of a self-approved listing fails.
    await expect(
      t.db
        .updateTable('credit_cases')
        .set({ state: 'listed', approver_id: admin.user.id, proposer_id: admin.user.id })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/credit_cases_two_people/);
  });

  it('re-pushing after the receiver was down keeps the message id; expiry removes and pushes', async () => {
    const { cands, inspector, approver, secret } = await setup();
    const id = byName(cands, FIRM.severePartner).id;
    for (const [who, action, body] of [
      [inspector, 'propose', { basis: '依据' }],
      [inspector, 'notify', { noticeNo: 'N-2' }],
      [inspector, 'record-statement', { statement: '资金困难' }],
      [approver, 'approve', {}],
      [approver, 'list', { decisionNo: 'D-2' }],
    ] as const)
      expect((await call(who.headers, 'POST', `/credit/cases/${id}/${action}`, body)).status).toBe(200);
    rx.respond = (_r, n) => (n <= 2 ? { status: 503, body: 'down' } : { status: 204 });
    let now = new Date();
    const s = sender(() => now);
    await s.runOnce();
    now = new Date(now.getTime() + 6 * 60_000);
    await s.runOnce();
    const listedIds = rx.received
      .map((r) => JSON.parse(r.body))
      .map((b, i) => [b.type, rx.received[i]!.headers['webhook-id']]);
    const ids = listedIds.filter(([type]) => type === 'credit.listed').map(([, wid]) => wid);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids).size).toBe(1);
    const rows = await t.db.selectFrom('deliveries').select(['event_type', 'status']).orderBy('id').execute();
    expect(rows).toEqual([
      { event_type: 'credit.proposed', status: 'delivered' },
      { event_type: 'credit.listed', status: 'delivered' },
    ]);

    // Three years on, the daily job removes the entry and pushes credit.removed.
    rx.received.length = 0;
    rx.respond = () => ({ status: 200 });
    const job = findJob('credit-expiry')!;
    const config = testConfig(LOOPBACK);
    const r = await job.run({
      db: t.db,
      log: silentLog,
      config,
      now: new Date('2029-11-20T00:00:00Z'),
      signal: new AbortController().signal,
    });
    expect(r.items).toBe(1);
    expect(await sender().runOnce()).toMatchObject({ delivered: 1 });
    const removed = new Webhook(secret).verify(
      rx.received[0]!.body,
      rx.received[0]!.headers as Record<string, string>,
    ) as any;
    expect(removed.type).toBe('credit.removed');
    expect(removed.data.record).toMatchObject({
      移出日期: '2029-11-20',
      移出原因: expect.stringContaining('期满移出'),
    });
    expect((await call(approver.headers, 'GET', '/credit-list')).body).toEqual([]);
    expect((await call(approver.headers, 'GET', '/credit-list?history=true')).body).toHaveLength(1);
  });

  it('records each missed objection deadline once (history, audit and an alert) from the daily job', async () => {
    const { cands, inspector, approver, admin } = await setup();
    const id = byName(cands, FIRM.severe).id;
    for (const [who, action, body] of [
      [inspector, 'propose', { basis: '依据' }],
      [inspector, 'notify', { noticeNo: 'N-4' }],
      [inspector, 'record-statement', { statement: '无' }],
      [approver, 'approve', {}],
      [approver, 'list', { decisionNo: 'D-4' }],
    ] as const)
      expect((await call(who.headers, 'POST', `/credit/cases/${id}/${action}`, body)).status).toBe(200);
    // An alert endpoint subscribed to alert.raised, and one that is not (credit events only, from setup()).
    const hook = await call(admin.headers, 'POST', '/webhooks', {
      url: `${rx.url}/alerts`,
      kind: 'standard',
      events: ['alert.raised'],
    });
    expect(hook.status).toBe(200);
    const alertHook = hook.body.id as number;
    // The officer on duty in the firm's district that night: the alert is assigned to them and pages them.
    const duty = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    await t.db.updateTable('users').set({ mobile: '13800000009' }).where('id', '=', duty.user.id).execute();
    const roster = await app().request('/api/v1/roster/import', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      body: `user,start,end,district,streets,categories,tier\n${duty.user.name},2026-11-23 08:00,2026-11-25 08:00,示范区,,,1\n`,
    });
    expect(await roster.json()).toEqual({ accepted: 1, rejected: [] });
    // Received on Friday 2026-11-20: marked by the end of Monday, decided by the end of Friday 11-27.
    const objected = await call(inspector.headers, 'POST', `/credit/cases/${id}/object`, {
      text: '工资已于11月18日支付',
    });
    expect(objected.body.objection).toMatchObject({
      markDue: '2026-11-23T16:00:00.000Z',
      decideDue: '2026-11-27T16:00:00.000Z',
    });
    const job = findJob('credit-expiry')!;
    const run = (iso: string) =>
      job.run({
        db: t.db,
        log: silentLog,
        config: testConfig(LOOPBACK),
        now: new Date(iso),
        signal: new AbortController().signal,
      });
    const overdue = async () =>
      (await call(approver.headers, 'GET', `/credit/cases/${id}`)).body.history
        .filter((h: any) => h.action === 'objection-overdue')
        .map((h: any) => [h.details.deadline, h.details.due]);

    expect((await run('2026-11-23T15:59:00Z')).items).toBe(0);
    expect((await run('2026-11-23T16:20:00Z')).items).toBe(1);
    expect(await overdue()).toEqual([['mark', '2026-11-23T16:00:00.000Z']]);
    // Running again (or twice the same night) adds nothing.
    expect((await run('2026-11-24T16:20:00Z')).items).toBe(0);
    // Marked late; the decision deadline still passes, and is recorded once too.
    clock = new Date('2026-11-25T02:00:00Z');
    expect((await call(inspector.headers, 'POST', `/credit/cases/${id}/mark-objection`)).body.objection.markedAt).toBe(
      '2026-11-25T02:00:00.000Z',
    );
    expect((await run('2026-11-27T16:20:00Z')).items).toBe(1);
    expect((await run('2026-11-28T16:20:00Z')).items).toBe(0);
    expect(await overdue()).toEqual([
      ['mark', '2026-11-23T16:00:00.000Z'],
      ['decide', '2026-11-27T16:00:00.000Z'],
    ]);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('action', '=', 'credit.objection-overdue')
      .orderBy('id')
      .execute();
    expect(audits).toEqual([
      { actor_name: 'system', details: expect.objectContaining({ deadline: 'mark', firmId: expect.any(Number) }) },
      { actor_name: 'system', details: expect.objectContaining({ deadline: 'decide' }) },
    ]);
    // Each miss raised the credit_objection_overdue alert: the first raised it (one delivery per subscribed endpoint), the second updated it.
    const alerts = await t.db.selectFrom('alerts').selectAll().where('rule', '=', 'credit_objection_overdue').execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      category: 'labor',
      level: 'orange',
      status: 'open',
      fingerprint: `credit_case:${id}:decide`,
    });
    expect(alerts[0]!.title).toContain(FIRM.severe);
    expect(alerts[0]!.title).toContain('异议处理决定');
    expect(alerts[0]!.evidence).toEqual([
      expect.objectContaining({ source: 'credit_case', id, deadline: 'decide' }),
      expect.objectContaining({ source: 'credit_case', id, deadline: 'mark' }),
    ]);
    const timeline = await t.db
      .selectFrom('alert_events')
      .select(['kind', 'details'])
      .where('alert_id', '=', alerts[0]!.id)
      .orderBy('id')
      .execute();
    expect(timeline.map((e) => [e.kind, (e.details as any).deadline])).toEqual([
      ['raised', 'mark'],
      ['updated', 'decide'],
    ]);
    // Routed like any alert: assigned to the officer on duty; raised at 00:20 in quiet hours, an orange alert
    // pages nobody until 08:00 Shanghai, when its chain starts (the escalation job fires it).
    expect(timeline[0]!.details).toMatchObject({ assignee: duty.user.name });
    expect(alerts[0]).toMatchObject({ assignee_id: duty.user.id, escalation_step: 0 });
    expect(alerts[0]!.escalation_next_at!.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    const escalation = await runEscalation(
      { db: t.db, log: silentLog, config: testConfig(LOOPBACK) },
      new Date('2026-11-24T00:01:00Z'),
    );
    expect(escalation.escalated).toBe(1);
    const paged = await t.db
      .selectFrom('alert_events')
      .select('details')
      .where('alert_id', '=', alerts[0]!.id)
      .where('kind', '=', 'escalated')
      .execute();
    expect(paged.map((e) => e.details)).toEqual([expect.objectContaining({ step: 0, users: [duty.user.name] })]);
    const queued = await t.db
      .selectFrom('deliveries')
      .select(['endpoint_id', 'event_type', 'alert_id'])
      .where('event_type', '=', 'alert.raised')
      .execute();
    expect(queued).toEqual([{ endpoint_id: alertHook, event_type: 'alert.raised', alert_id: alerts[0]!.id }]);
    // Once decided, nothing more; the case stays listed (objection dismissed).
    clock = new Date('2026-11-30T02:00:00Z');
    expect(
      (
        await call(approver.headers, 'POST', `/credit/cases/${id}/decide-objection`, {
          outcome: 'dismissed',
          reason: '未提供支付凭证',
        })
      ).body.state,
    ).toBe('listed');
    expect((await run('2026-12-10T16:20:00Z')).items).toBe(0);
  });

  it('exports the list as CSV (UTF-8 BOM or GBK) in the record field order, and the quarterly disclosure', async () => {
    const { cands, inspector, approver } = await setup();
    const id = byName(cands, FIRM.severe).id;
    for (const [who, action, body] of [
      [inspector, 'propose', { basis: '依据' }],
      [inspector, 'notify', { noticeNo: 'N-3' }],
      [inspector, 'record-statement', { statement: '无' }],
      [approver, 'approve', {}],
      [approver, 'list', { decisionNo: '示人社决〔2026〕9号' }],
    ] as const)
      expect((await call(who.headers, 'POST', `/credit/cases/${id}/${action}`, body)).status).toBe(200);
    const rows = await exportList(t.db, { kind: 'all' }, false);
    const csv = toCsv(RECORD_FIELDS, rows);
    expect(csv.split('\r\n')[0]).toBe(RECORD_FIELDS.join(','));
    expect(csv).toContain(FIRM.severe);
    const gbk = encodeCsv(csv, true);
    expect(iconv.decode(gbk, 'gbk')).toBe(csv);
    expect([...encodeCsv(csv, false).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Q4, after it ended: child labor (I-S2-2), then the case listed in the quarter. The ¥1,000,000 order to pay (I-F-1)
    // is still 办理中 (open): without a processing decision it is not disclosed (29号令).
    const afterQ4 = { asOf: new Date('2027-01-05T04:00:00Z') };
    const q4 = await disclosure(t.db, { kind: 'all' }, '2026Q4', afterQ4);
    expect(q4.map((r) => [r.单位名称, r.主要违法事实!.match(/案件编号([\w-]+)/)?.[1] ?? 'credit'])).toEqual([
      [FIRM.severe, 'I-S2-2'],
      [FIRM.severe, 'credit'],
    ]);
    expect(q4[0]).toMatchObject({
      主要违法事实: expect.stringContaining('使用童工'),
      处理情况: '责令改正（限期2026-11-10）；状态：逾期未改；未整改',
    });
    expect(Object.keys(q4[0]!)).toEqual([
      '单位名称',
      '统一社会信用代码',
      '地址',
      '法定代表人',
      '主要违法事实',
      '处理情况',
    ]);
    expect(q4[1]).toMatchObject({ 处理情况: expect.stringContaining('示人社决〔2026〕9号') });
    // Q3: the ¥500,000 order with illegal dispatch of 60 workers, and the ¥120,000 order for 25 workers; no listing.
    const q3 = await disclosure(t.db, { kind: 'all' }, '2026Q3', afterQ4);
    expect(q3.map((r) => r.主要违法事实!.match(/案件编号([\w-]+)/)?.[1])).toEqual(['I-S2-1', 'I-S1-2']);
    expect(q3[0]!.主要违法事实).toContain('违法劳务派遣');
    expect(q3[0]!.主要违法事实).toContain('涉及劳动者60人');
    // A stricter dispatch threshold and no wage criterion: nothing in Q3.
    expect(
      await disclosure(t.db, { kind: 'all' }, '2026Q3', {
        ...afterQ4,
        disclosure: { criteria: ['illegal_dispatch'], dispatchMinWorkers: 100 },
      }),
    ).toEqual([]);
  });
});
