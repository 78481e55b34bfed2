import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { useTestDb } from '../helpers/db.ts';
import { creditHarness, LOOPBACK } from './support/credit-harness.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { importText } from '../helpers/ingest.ts';
import { findJob } from '../../jobs/schedule.ts';
import { createUser } from '../../src/users/users.ts';
import { login } from '../../src/users/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// Issue 18, the paths the scenario test does not walk: an early removal
// obtained by false statements is revoked (人社部令第45号 art. 15: the
// listing is restored and its start and end computed anew), and a candidate
// that rests only on an extreme event shows the incident and waits for a
// person to confirm that the arrears caused it (art. 5).

const D = '丁装饰工程有限公司';
const E = '戊餐饮管理有限公司';
const FIRMS = `单位名称,统一社会信用代码,别名,类型,关联平台,区,街镇
${D},,,劳务派遣,,示范区,晨光路街道
${E},,,加盟商,,示范区,晨光路街道
`;
// D owes 12 workers ¥150,000 (≥ the collective crime figure); E owes 3 workers ¥20,000 (below both figures).
const INSPECTIONS = `record_id,firm,date,kind,violations,workers,amount,order,due,rectified,status
I-D-1,${D},2026-01-06,complaint,wage_arrears,12,15万,pay,2026-01-21,,overdue
I-E-1,${E},2026-01-08,complaint,wage_arrears,3,2万,pay,2026-01-23,,overdue
`;
const SEEDED = new Date('2026-02-02T02:00:00Z');
const sh = (iso: string) => new Date(`${iso}+08:00`);

let mentionOfE = 0;
let minorMentionOfE = 0;
const db = useTestDb(async (t) => {
  await importText(t.db, 'firms', FIRMS, { now: SEEDED });
  await importText(t.db, 'inspections', INSPECTIONS, { now: SEEDED });
  const e = await t.db.selectFrom('firms').select('id').where('name', '=', E).executeTakeFirstOrThrow();
  const feed = await t.db
    .insertInto('feeds')
    .values({ name: '本地新闻', url: 'https://news.example.org/rss' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = async (title: string, at: string, major: boolean) => {
    const it = await t.db
      .insertInto('feed_items')
      .values({
        feed_id: feed.id,
        dedup_key: title,
        content_hash: title,
        guid: title,
        link: `https://news.example.org/${encodeURIComponent(title)}`,
        title,
        published_at: sh(at),
        fetched_at: sh(at),
        text: title,
        html: null,
        neutral: false,
        max_severity: major ? 3 : 1,
        categories: [],
        major,
        terms: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const m = await t.db
      .insertInto('mentions')
      .values({
        item_id: it.id,
        firm_id: e.id,
        alias: E,
        offset: 0,
        length: E.length,
        at: sh(at),
        neutral: false,
        max_severity: major ? 3 : 1,
        major,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return m.id;
  };
  mentionOfE = await item('戊餐饮门店员工讨薪未果爬上广告牌', '2026-01-26T10:00:00', true);
  minorMentionOfE = await item('戊餐饮新店开业', '2026-01-27T10:00:00', false);
});
const { h, on, app, sender, call, setup: start } = creditHarness(db, SEEDED);

const setup = start;

async function pushes(secret: string) {
  await sender().runOnce();
  const out = h.rx.received.map((r) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as any);
  h.rx.received.length = 0;
  return out;
}

describe('credit repair and the extreme-event link (issue 18)', () => {
  it('an early removal obtained by false statements is revoked: listed again, the term computed anew from the revocation, pushed', async () => {
    const { inspector, approver, secret, candOf } = await setup();
    const id = candOf(D).id as number;
    const act = async (who: { headers: Record<string, string> }, action: string, body: unknown = {}, status = 200) => {
      const r = await call(who.headers, 'POST', `/credit/cases/${id}/${action}`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      return r.body;
    };
    on('2026-02-03');
    await act(inspector, 'propose', { basis: '责令限期支付逾期未付，数额达到标准' });
    await act(inspector, 'notify', { noticeNo: 'N-D', noticeDate: '2026-02-03' });
    on('2026-02-11');
    await act(inspector, 'no-statement');
    await act(approver, 'approve');
    const listed = await act(approver, 'list', { decisionNo: '示人社决〔2026〕9号' });
    expect(listed).toMatchObject({ state: 'listed', listed_on: '2026-02-11', expected_exit_on: '2029-02-11' });

    // Paid on 2 Mar (the record shows it); after 6 months the firm applies and, on what it submitted, early removal is granted.
    await h.t.db
      .updateTable('inspections')
      .set({ rectified: '2026-03-02', status: 'rectified' })
      .where('record_id', '=', 'I-D-1')
      .execute();
    on('2026-09-07');
    await act(inspector, 'apply-early-removal', {
      wagesPaidOn: '2026-03-02',
      correctedOn: '2026-03-02',
      commitment: '承诺不再拖欠农民工工资',
    });
    on('2026-09-10');
    const granted = await act(approver, 'decide-early-removal', {
      outcome: 'granted',
      reason: '符合第十二条条件',
      criminalProceedingsPending: false,
      criminallyLiable: false,
    });
    expect(granted).toMatchObject({ state: 'removed', removal_kind: 'early', removed_on: '2026-09-10' });
    expect((await pushes(secret)).map((p) => p.type)).toEqual(['credit.proposed', 'credit.listed', 'credit.removed']);

    // The wage receipts turn out forged. An inspector may not revoke; the department's approver does, with the document's number.
    on('2026-09-15');
    await act(inspector, 'revoke-early-removal', { reason: 'x' }, 403);
    const revoked = await act(approver, 'revoke-early-removal', {
      reason: '申请提前移出时提供的工资支付凭证系伪造，情节严重',
      documentNo: '示人社撤〔2026〕1号',
    });
    // Art. 15: listed again; start and end computed anew from the revocation (15 Sep 2026 + 3 years); the decision stays the original one.
    expect(revoked).toMatchObject({
      state: 'listed',
      removed_on: null,
      removal_kind: null,
      listed_on: '2026-02-11',
      decision_no: '示人社决〔2026〕9号',
      relisted_on: '2026-09-15',
      expected_exit_on: '2029-09-15',
      exit_extended: { original_exit_on: '2029-02-11', reason: expect.stringContaining('重新计算') },
    });
    expect(revoked.documents.at(-1)).toMatchObject({
      kind: 'early_removal_revocation',
      number: '示人社撤〔2026〕1号',
      issuedOn: '2026-09-15',
    });
    expect(revoked.early_removal.reason).toContain('已撤销');
    // Only an early removal can be revoked, once: the case is listed now.
    await act(approver, 'revoke-early-removal', { reason: '再次' }, 409);
    const relist = await pushes(secret);
    expect(relist.map((p) => p.type)).toEqual(['credit.listed']);
    expect(relist[0].data.credit).toMatchObject({
      state: 'listed',
      expected_exit_on: '2029-09-15',
      removal_kind: null,
    });
    expect(
      (await call(approver.headers, 'GET', '/credit-list')).body.map((r: any) => [
        r.record.对象名称,
        r.record.预计退出日期,
      ]),
    ).toEqual([[D, '2029-09-15']]);

    // The old exit date no longer removes it; the new one does.
    const expiry = findJob('credit-expiry')!;
    const runExpiry = async (iso: string) =>
      (
        await expiry.run({
          db: h.t.db,
          log: silentLog,
          config: testConfig(LOOPBACK),
          now: new Date(iso),
          signal: new AbortController().signal,
        })
      ).items;
    expect(await runExpiry('2029-02-11T16:20:00Z')).toBe(0);
    expect(await runExpiry('2029-09-14T16:20:00Z')).toBe(1);
    const audits = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_type', '=', 'credit_case')
      .where('object_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'credit.candidate',
      'credit.propose',
      'credit.notify',
      'credit.no-statement',
      'credit.approve',
      'credit.list',
      'credit.apply-early-removal',
      'credit.decide-early-removal',
      'credit.refused',
      'credit.revoke-early-removal',
      'credit.expire',
    ]);
    expect(audits.find((a) => a.action === 'credit.revoke-early-removal')!.details).toMatchObject({
      from: 'removed',
      to: 'listed',
      relistedOn: '2026-09-15',
      expectedExitOn: '2029-09-15',
    });
  });

  it('a candidate only because of an extreme event shows the incident, and cannot be proposed until a person confirms the arrears caused it', async () => {
    const { inspector, approver, candOf } = await setup();
    const cand = candOf(E);
    // Below both crime figures: the only condition is the major opinion item dated after the order.
    expect(cand.conditions).toEqual(['extreme_event']);
    expect(cand.extreme_event).toEqual({
      only_condition: true,
      confirmed: false,
      items: [
        {
          id: mentionOfE,
          title: '戊餐饮门店员工讨薪未果爬上广告牌',
          at: expect.stringMatching(/^2026-01-26T02:00:00/),
          link: null,
        },
      ],
    });
    const id = cand.id as number;
    // The console's case card shows the incident and that the link awaits a person.
    const config = testConfig(LOOPBACK);
    await createUser(
      h.t.db,
      SYSTEM_ACTOR,
      { name: 'card_reader', role: 'approver', district: '示范区', streets: [], password: 'correct-horse-battery' },
      new Date(),
    );
    const s = await login(
      h.t.db,
      { name: 'card_reader', password: 'correct-horse-battery', ip: null, userAgent: null },
      new Date(),
      config.login,
      config.sessionTtlMs,
    );
    const card = async () =>
      (await app().request(`/credit/cases/${id}`, { headers: { cookie: `qs_session=${s.sessionId}` } })).text();
    const before = await card();
    expect(before).toContain('data-extreme-link="pending"');
    expect(before).toContain('戊餐饮门店员工讨薪未果爬上广告牌');
    expect(before).toContain('待人员确认由欠薪引发（45号令第五条）');
    on('2026-02-03');
    const early = await call(inspector.headers, 'POST', `/credit/cases/${id}/propose`, {
      basis: '因拖欠工资引发极端事件',
    });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain('confirm that the arrears caused it');
    // The link is confirmed for an incident the case rests on, not any item about the firm; an approver cannot (it is the proposer's finding).
    const other = await call(inspector.headers, 'POST', `/credit/cases/${id}/confirm-extreme-link`, {
      mentionId: minorMentionOfE,
      link: 'x',
    });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain("not in this case's evidence");
    expect(
      (
        await call(approver.headers, 'POST', `/credit/cases/${id}/confirm-extreme-link`, {
          mentionId: mentionOfE,
          link: 'x',
        })
      ).status,
    ).toBe(403);
    const link = '经核查，该门店员工因被拖欠三个月工资讨要未果而爬上广告牌，与责令支付案件I-E-1所涉欠薪为同一事项';
    const confirmed = await call(inspector.headers, 'POST', `/credit/cases/${id}/confirm-extreme-link`, {
      mentionId: mentionOfE,
      link,
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({
      state: 'candidate',
      extreme_event: { only_condition: true, confirmed: true },
    });
    expect(confirmed.body.extreme_event.items[0].link).toEqual({
      mentionId: mentionOfE,
      link,
      confirmedBy: inspector.user.name,
      confirmedOn: '2026-02-03',
    });
    const after = await card();
    expect(after).toContain('data-extreme-link="confirmed"');
    expect(after).toContain(`已确认（${inspector.user.name}，2026-02-03）：${link}`);
    // Shown on the case as the approver reads it, and the proposal now goes through.
    expect((await call(approver.headers, 'GET', `/credit/cases/${id}`)).body.extreme_event.items[0].link.link).toBe(
      link,
    );
    expect(
      (await call(inspector.headers, 'POST', `/credit/cases/${id}/propose`, { basis: '因拖欠工资引发极端事件' }))
        .status,
    ).toBe(200);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_type', '=', 'credit_case')
      .where('object_id', '=', String(id))
      .where('action', '=', 'credit.confirm-extreme-link')
      .execute();
    expect(audit).toEqual([
      { action: 'credit.confirm-extreme-link', details: expect.objectContaining({ mentionId: mentionOfE, link }) },
    ]);
  });
});
