import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { useTestDb } from '../helpers/db.ts';
import { creditHarness, LOOPBACK } from './support/credit-harness.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { importText } from '../helpers/ingest.ts';
import { findJob } from '../../jobs/schedule.ts';
import { disclosure, exportList } from '../../src/credit/export.ts';
import { createUser } from '../../src/users/users.ts';
import { login } from '../../src/users/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// Issue 18's scenario: three cases through every path of the case file,
// each statutory clock asserted against dates computed by hand over the
// 2026 Spring Festival (days off Sun 15 – Mon 23 Feb 2026; Saturdays 14 and
// 28 Feb are working days). chinese-days does not cover 2027 yet.

const A = '甲建筑劳务有限公司';
const B = '乙配送有限公司';
const C = '丙物流有限公司';
const FIRMS = `单位名称,统一社会信用代码,别名,类型,关联平台,区,街镇
${A},,,劳务派遣,,示范区,晨光路街道
${B},,,加盟商,,示范区,晨光路街道
${C},,,加盟商,,示范区,松涛镇
`;
// Orders to pay: 15, 12 and 10 workers owed ¥200,000, ¥150,000 and ¥120,000 (≥ the collective crime figure).
const INSPECTIONS = `record_id,firm,date,kind,violations,workers,amount,order,due,rectified,status
I-A-1,${A},2026-01-05,complaint,wage_arrears,15,20万,pay,2026-01-20,,overdue
I-B-1,${B},2026-01-06,complaint,wage_arrears,12,15万,pay,2026-01-21,,overdue
I-C-1,${C},2026-01-07,complaint,wage_arrears,10,12万,pay,2026-01-22,,overdue
`;
const SEEDED = new Date('2026-02-02T02:00:00Z');

const db = useTestDb(async (t) => {
  await importText(t.db, 'firms', FIRMS, { now: SEEDED });
  await importText(t.db, 'inspections', INSPECTIONS, { now: SEEDED });
});
const { h, on, app, sender, call, setup: start } = creditHarness(db, SEEDED);

async function setup() {
  const s = await start();
  return { ...s, idOf: (name: string) => s.candOf(name).id as number };
}

const clockOf = (body: any, key: string) => body.clocks.find((k: any) => k.key === key);

describe('credit case file (issue 18)', () => {
  it('served by post → statement → reviewed → extended decision → listed and pushed with parties → early removal refused for a re-offence → expiry', async () => {
    const { inspector, approver, secret, idOf } = await setup();
    const id = idOf(A);
    const act = async (who: { headers: Record<string, string> }, action: string, body: unknown = {}) => {
      const r = await call(who.headers, 'POST', `/credit/cases/${id}/${action}`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const get = async () => (await call(approver.headers, 'GET', `/credit/cases/${id}`)).body;

    on('2026-02-03');
    await act(inspector, 'propose', {
      basis: '责令限期支付逾期未付，数额达到标准',
      parties: [
        { role: 'legal_representative', name: '张建国', idNumber: '11010519491231002X', position: '执行董事' },
        { role: 'responsible_manager', name: '李项目', position: '项目经理' },
      ],
    });
    // The decision: 20 working days after the payment deadline (Tue 20 Jan) → Tue 24 Feb (Sat 14 Feb works; 15–23 Feb off).
    expect(clockOf(await get(), 'decision')).toMatchObject({
      from: '2026-01-20',
      dueOn: '2026-02-24',
      status: 'running',
    });

    // Notice posted Tue 10 Feb; no receipt yet: the statement h.clock is stopped.
    on('2026-02-10');
    const notified = await act(inspector, 'notify', {
      noticeNo: '示人社告〔2026〕1号',
      noticeDate: '2026-02-10',
      service: { method: 'post', sentOn: '2026-02-10', proof: 'EMS1234567' },
    });
    expect(notified.notice).toEqual({ number: '示人社告〔2026〕1号', date: '2026-02-10', statement_due_at: null });
    expect(clockOf(await get(), 'statement')).toMatchObject({ status: 'stopped', dueOn: null });

    // The decision period nears its end (Fri 13 Feb: 2 working days left): the daily job alerts once, through the ordinary routing.
    const clocks = findJob('credit-clocks')!;
    const runClocks = async (iso: string) =>
      (
        await clocks.run({
          db: h.t.db,
          log: silentLog,
          config: testConfig(LOOPBACK),
          now: new Date(iso),
          signal: new AbortController().signal,
        })
      ).items;
    expect(await runClocks('2026-02-11T16:20:00Z')).toBe(0);
    expect(await runClocks('2026-02-12T16:20:00Z')).toBe(1);
    expect(await runClocks('2026-02-13T16:20:00Z')).toBe(0);
    const alerts = await h.t.db
      .selectFrom('alerts')
      .select(['rule', 'level', 'title', 'status'])
      .where('rule', '=', 'credit_clock_due')
      .execute();
    expect(alerts).toEqual([
      {
        rule: 'credit_clock_due',
        level: 'orange',
        status: 'open',
        title: expect.stringContaining('作出列入决定期限即将届满（截止 2026-02-24'),
      },
    ]);
    // The approver extends the decision period once, with a reason: 20 more working days → Mon 23 Mar.
    on('2026-02-13');
    expect((await call(inspector.headers, 'POST', `/credit/cases/${id}/extend-decision`, { reason: 'x' })).status).toBe(
      403,
    );
    await act(approver, 'extend-decision', { reason: '春节假期，告知书邮寄送达在途' });
    expect(clockOf(await get(), 'decision')).toMatchObject({
      dueOn: '2026-03-23',
      workingDays: 40,
      note: expect.stringContaining('春节假期'),
    });
    // Received Fri 13 Feb (3 days after posting): 5 working days → Fri 27 Feb (from the notice's date it would be Tue 24 Feb).
    on('2026-02-16');
    const served = await act(inspector, 'serve-notice', { receivedOn: '2026-02-13', proof: '回执签收' });
    expect(served.notice.statement_due_at).toBe('2026-02-27T16:00:00.000Z');
    expect(served.notice_service).toMatchObject({ method: 'post', sentOn: '2026-02-10', receivedOn: '2026-02-13' });

    on('2026-02-25');
    await act(inspector, 'record-statement', { statement: '春节前资金周转困难，请求宽限', receivedOn: '2026-02-25' });
    // Review: 5 working days from Wed 25 Feb → Tue 3 Mar (Sat 28 Feb works).
    expect(clockOf(await get(), 'statement_review')).toMatchObject({ dueOn: '2026-03-03', status: 'running' });
    on('2026-03-02');
    await act(inspector, 'review-statement', { note: '经复核，申辩理由不能成立' });
    on('2026-03-04');
    await act(approver, 'approve', { note: '同意列入' });
    on('2026-03-05');
    const listed = await act(approver, 'list', {
      decisionNo: '示人社决〔2026〕1号',
      service: { method: 'direct', sentOn: '2026-03-05', receivedOn: '2026-03-05' },
    });
    expect(listed).toMatchObject({ state: 'listed', listed_on: '2026-03-05', expected_exit_on: '2029-03-05' });
    let c = await get();
    expect(clockOf(c, 'decision')).toMatchObject({ status: 'met', metOn: '2026-03-05' });
    // Publication: 45号令 art. 9 refers to 政府信息公开条例, art. 26: 20 working days after Thu 5 Mar → Thu 2 Apr.
    expect(clockOf(c, 'publication')).toMatchObject({
      dueOn: '2026-04-02',
      status: 'running',
      article: 'publicationPeriod',
    });
    expect(c.documents.map((d: any) => [d.kind, d.number, d.version])).toEqual([
      ['notice', '示人社告〔2026〕1号', 1],
      ['extension_approval', 'EXT-2026-02-13', 1],
      ['decision', '示人社决〔2026〕1号', 1],
    ]);
    on('2026-03-06');
    await act(inspector, 'record-publication', { publishedOn: '2026-03-06', where: '示范区人社局门户网站' });
    expect(clockOf(await get(), 'publication')).toMatchObject({ status: 'met' });

    // Pushed with the parties (ID numbers masked); the list record names the legal representative.
    expect(await sender().runOnce()).toMatchObject({ delivered: 2 });
    const pushes = h.rx.received.map(
      (r) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as any,
    );
    expect(pushes.map((p) => p.type)).toEqual(['credit.proposed', 'credit.listed']);
    expect(pushes[1].data.credit.parties).toEqual([
      {
        role: 'legal_representative',
        role_zh: '法定代表人',
        name: '张建国',
        id_number: '110***********002X',
        position: '执行董事',
      },
      {
        role: 'responsible_manager',
        role_zh: '直接负责的主管人员',
        name: '李项目',
        id_number: null,
        position: '项目经理',
      },
    ]);
    expect(pushes[1].data.record.法定代表人).toBe('张建国');
    expect(JSON.stringify(pushes)).not.toContain('11010519491231002X');
    expect((await exportList(h.t.db, { kind: 'all' }, false))[0]!.法定代表人).toBe('张建国');

    // The arrears were paid on 1 Apr, but a new order to pay (10 May, due 10 Jun) went unpaid: a re-offence.
    await h.t.db
      .updateTable('inspections')
      .set({ rectified: '2026-04-01', status: 'rectified' })
      .where('record_id', '=', 'I-A-1')
      .execute();
    await importText(
      h.t.db,
      'inspections',
      `record_id,firm,date,kind,violations,workers,amount,order,due,rectified,status\nI-A-2,${A},2026-05-10,complaint,wage_arrears,3,2万,pay,2026-06-10,,overdue\n`,
      { now: new Date('2026-05-10T04:00:00Z') },
    );
    on('2026-10-12');
    await act(inspector, 'apply-early-removal', {
      wagesPaidOn: '2026-04-01',
      correctedOn: '2026-04-01',
      commitment: '承诺今后按时足额支付工资',
    });
    // 15 working days from Mon 12 Oct → Mon 2 Nov.
    expect(clockOf(await get(), 'early_removal_decision')).toMatchObject({ dueOn: '2026-11-02', status: 'running' });
    on('2026-10-20');
    // Granting is checked against the record: the re-offence (and its unpaid arrears) bar it.
    const grant = await call(approver.headers, 'POST', `/credit/cases/${id}/decide-early-removal`, {
      outcome: 'granted',
      reason: '符合条件',
      criminalProceedingsPending: false,
    });
    expect(grant.status).toBe(400);
    expect(grant.body.error.message).toContain('I-A-2');
    const refused = await act(approver, 'decide-early-removal', {
      outcome: 'refused',
      reason: '列入期间再次拖欠农民工工资',
      criminalProceedingsPending: false,
    });
    // Refused (art. 13(1)); the text does not extend the term, so it still ends 5 Mar 2029 (art. 11).
    expect(refused).toMatchObject({ state: 'listed', expected_exit_on: '2029-03-05', exit_extended: null });
    expect(refused.early_removal).toMatchObject({
      outcome: 'refused',
      decidedBy: approver.user.name,
      checks: { reoffences: ['I-A-2'], sixMonthsSinceCorrection: true, criminalProceedingsPending: false },
    });
    expect(clockOf(await get(), 'early_removal_decision')).toMatchObject({ status: 'met', metOn: '2026-10-20' });

    // The term ends: the daily job removes the entry and pushes credit.removed with the reason.
    h.rx.received.length = 0;
    const expiry = findJob('credit-expiry')!;
    expect(
      (
        await expiry.run({
          db: h.t.db,
          log: silentLog,
          config: testConfig(LOOPBACK),
          now: new Date('2029-03-03T16:20:00Z'),
          signal: new AbortController().signal,
        })
      ).items,
    ).toBe(0);
    expect(
      (
        await expiry.run({
          db: h.t.db,
          log: silentLog,
          config: testConfig(LOOPBACK),
          now: new Date('2029-03-04T16:20:00Z'),
          signal: new AbortController().signal,
        })
      ).items,
    ).toBe(1);
    c = await get();
    expect(c).toMatchObject({ state: 'removed', removed_on: '2029-03-05', removal_kind: 'expiry' });
    // Art. 17: removal within 10 working days of the term's end; the job removes on the day.
    expect(clockOf(c, 'expiry_removal')).toMatchObject({ status: 'met', metOn: '2029-03-05', workingDays: 10 });
    expect(await sender().runOnce()).toMatchObject({ delivered: 1 });
    const removed = new Webhook(secret).verify(
      h.rx.received[0]!.body,
      h.rx.received[0]!.headers as Record<string, string>,
    ) as any;
    expect(removed.type).toBe('credit.removed');
    expect(removed.data.credit).toMatchObject({
      removal_kind: 'expiry',
      removal_reason: expect.stringContaining('期满移出'),
      parties: expect.arrayContaining([expect.objectContaining({ name: '张建国' })]),
    });
    // Every step is on the audit trail, the h.clock alert included.
    const audits = await h.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'credit_case')
      .where('object_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'credit.candidate',
      'credit.propose',
      'credit.notify',
      'credit.clock-due',
      'credit.refused',
      'credit.extend-decision',
      'credit.serve-notice',
      'credit.record-statement',
      'credit.review-statement',
      'credit.approve',
      'credit.list',
      'credit.record-publication',
      'credit.apply-early-removal',
      'credit.decide-early-removal',
      'credit.expire',
    ]);
  });

  it('paid in full with a written commitment before the decision: not listed, with both recorded as documents', async () => {
    const { inspector, idOf } = await setup();
    const id = idOf(B);
    on('2026-02-03');
    expect((await call(inspector.headers, 'POST', `/credit/cases/${id}/propose`, { basis: '依据' })).status).toBe(200);
    on('2026-02-05');
    const body = {
      paidOn: '2026-02-04',
      evidence: '银行代发工资回单（12人，150,000元）',
      commitmentSignedOn: '2026-02-05',
      commitment: '承诺今后按时足额支付农民工工资',
      documentNo: '示人社承〔2026〕2号',
    };
    // The record still shows the order unpaid: payment in full is not shown yet.
    const early = await call(inspector.headers, 'POST', `/credit/cases/${id}/close-paid`, body);
    expect(early.status).toBe(400);
    expect(early.body.error.message).toContain('overdue unpaid pay order');
    await h.t.db
      .updateTable('inspections')
      .set({ rectified: '2026-02-04', status: 'rectified' })
      .where('record_id', '=', 'I-B-1')
      .execute();
    const closed = await call(inspector.headers, 'POST', `/credit/cases/${id}/close-paid`, body);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      state: 'not_listed_paid',
      closed_reason: expect.stringContaining('书面承诺'),
      paid_closure: { paidOn: '2026-02-04', commitmentSignedOn: '2026-02-05' },
    });
    expect(closed.body.documents.map((d: any) => [d.kind, d.number, d.issuedOn])).toEqual([
      ['payment_evidence', '示人社承〔2026〕2号', '2026-02-04'],
      ['commitment', '示人社承〔2026〕2号', '2026-02-05'],
    ]);
    // Closed with that reason, not silently withdrawn: a refresh leaves it so and makes no new candidate.
    await call(inspector.headers, 'GET', '/credit/candidates?refresh=true');
    const row = await h.t.db
      .selectFrom('credit_cases')
      .select(['state'])
      .where(
        'firm_id',
        '=',
        (await h.t.db.selectFrom('firms').select('id').where('name', '=', B).executeTakeFirstOrThrow()).id,
      )
      .execute();
    expect(row).toEqual([{ state: 'not_listed_paid' }]);
  });

  it('set aside on 复议: removed with that reason and pushed', async () => {
    const { inspector, approver, secret, idOf } = await setup();
    const id = idOf(C);
    on('2026-02-03');
    for (const [who, action, body] of [
      [inspector, 'propose', { basis: '依据' }],
      [inspector, 'notify', { noticeNo: 'N-C', noticeDate: '2026-02-03' }],
    ] as const)
      expect((await call(who.headers, 'POST', `/credit/cases/${id}/${action}`, body)).status).toBe(200);
    // Served directly on its date (Tue 3 Feb): 5 working days → Tue 10 Feb; no statement can be recorded on it, only after.
    on('2026-02-10');
    expect((await call(inspector.headers, 'POST', `/credit/cases/${id}/no-statement`, {})).status).toBe(400);
    on('2026-02-11');
    expect((await call(inspector.headers, 'POST', `/credit/cases/${id}/no-statement`, {})).status).toBe(200);
    expect((await call(approver.headers, 'POST', `/credit/cases/${id}/approve`, {})).status).toBe(200);
    expect((await call(approver.headers, 'POST', `/credit/cases/${id}/list`, { decisionNo: 'D-C' })).status).toBe(200);
    // The documents, as the console serves them for printing (A4 print CSS): every required section.
    const config = testConfig(LOOPBACK);
    await createUser(
      h.t.db,
      SYSTEM_ACTOR,
      { name: 'doc_reader', role: 'approver', district: '示范区', streets: [], password: 'correct-horse-battery' },
      new Date(),
    );
    const s = await login(
      h.t.db,
      { name: 'doc_reader', password: 'correct-horse-battery', ip: null, userAgent: null },
      new Date(),
      config.login,
      config.sessionTtlMs,
    );
    const page = async (kind: string) =>
      app().request(`/credit/cases/${id}/documents/${kind}`, { headers: { cookie: `qs_session=${s.sessionId}` } });
    const notice = await (await page('notice')).text();
    const decision = await (await page('decision')).text();
    for (const sec of [
      'parties',
      'facts',
      'evidence',
      'basis',
      'measures',
      'duration',
      'early-removal',
      'authority',
      'service',
      'number',
      'version',
    ]) {
      expect(notice).toContain(`data-section="${sec}"`);
      expect(decision).toContain(`data-section="${sec}"`);
    }
    expect(notice).toContain('data-section="statement-rights"');
    expect(decision).toContain('data-section="remedies"');
    expect(decision).toContain('六十日内');
    expect(decision).toContain('六个月内');
    expect(decision).toContain('@page{size:A4');
    expect(notice).toContain('直接送达');
    on('2026-04-20');
    expect(
      (
        await call(approver.headers, 'POST', `/credit/cases/${id}/record-remedy`, {
          kind: 'reconsideration',
          filedOn: '2026-03-20',
          body: '示范区人民政府',
          result: 'pending',
        })
      ).body.state,
    ).toBe('listed');
    const r = await call(approver.headers, 'POST', `/credit/cases/${id}/record-remedy`, {
      kind: 'reconsideration',
      filedOn: '2026-03-20',
      body: '示范区人民政府',
      result: 'set_aside',
      decidedOn: '2026-04-18',
      documentNo: '示府复决〔2026〕5号',
    });
    expect(r.body).toMatchObject({
      state: 'removed',
      removed_on: '2026-04-18',
      removal_kind: 'set_aside',
      removal_reason: expect.stringContaining('行政复议（示府复决〔2026〕5号）撤销列入决定'),
    });
    expect(r.body.remedies).toEqual([
      expect.objectContaining({ kind: 'reconsideration', result: 'set_aside', decidedOn: '2026-04-18' }),
    ]);
    expect(await sender().runOnce()).toMatchObject({ delivered: 3 });
    const pushes = h.rx.received.map(
      (x) => new Webhook(secret).verify(x.body, x.headers as Record<string, string>) as any,
    );
    expect(pushes.map((p) => p.type)).toEqual(['credit.proposed', 'credit.listed', 'credit.removed']);
    expect(pushes[2].data.credit).toMatchObject({
      removal_kind: 'set_aside',
      removal_reason: expect.stringContaining('行政复议'),
    });
    // 29号令: a quarter not yet over is disclosed only as a draft.
    await expect(
      disclosure(h.t.db, { kind: 'all' }, '2026Q1', { asOf: new Date('2026-03-31T04:00:00Z') }),
    ).rejects.toThrow(/not over on 2026-03-31/);
    expect(
      Array.isArray(
        await disclosure(h.t.db, { kind: 'all' }, '2026Q1', { asOf: new Date('2026-03-31T04:00:00Z'), draft: true }),
      ),
    ).toBe(true);
    expect(
      Array.isArray(await disclosure(h.t.db, { kind: 'all' }, '2026Q1', { asOf: new Date('2026-04-01T04:00:00Z') })),
    ).toBe(true);
  });
});
