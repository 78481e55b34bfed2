import { describe, expect, it } from 'vitest';
import {
  caseClocks,
  clocksDueSoon,
  defaultCreditConfig,
  newCase,
  serviceRecord,
  transition,
  type CaseState,
  type CreditActor,
} from '../../../src/domain/credit/index.ts';
import { CN_HOLIDAYS, CN_MAKEUP_WORKDAYS } from '../../../src/domain/alerts/holidays-cn.ts';

// Dates computed by hand over the 2026 Spring Festival (chinese-days has no
// 2027 yet): days off Sun 15 Feb – Mon 23 Feb 2026; Saturdays 14 Feb and
// 28 Feb are working days (调休).
const cal = { holidays: CN_HOLIDAYS, makeupWorkdays: CN_MAKEUP_WORKDAYS };
const cfg = defaultCreditConfig;
const insp: CreditActor = { userId: 1, name: 'insp', role: 'inspector' };
const appr: CreditActor = { userId: 2, name: 'appr', role: 'approver' };
const at = (d: string) => new Date(`${d}T04:00:00Z`); // noon Shanghai
const clock = (c: CaseState, key: string, today: string) => caseClocks(c, today, cal, cfg).find((k) => k.key === key);

describe('service and receipt', () => {
  it('post: the date on the return receipt; public notice: 30 days after publication', () => {
    expect(serviceRecord({ method: 'post', sentOn: '2026-02-10' })).toMatchObject({ receivedOn: null });
    expect(serviceRecord({ method: 'post', sentOn: '2026-02-10', receivedOn: '2026-02-13' }).receivedOn).toBe(
      '2026-02-13',
    );
    expect(serviceRecord({ method: 'public_notice', sentOn: '2026-01-20' }).receivedOn).toBe('2026-02-19');
    expect(() => serviceRecord({ method: 'electronic', sentOn: '2026-02-10', receivedOn: '2026-02-09' })).toThrow(
      /before it was sent/,
    );
  });
});

describe('statutory clocks across the 2026 Spring Festival', () => {
  let c = transition(
    newCase(),
    'propose',
    insp,
    { basis: '第五条', paymentDeadline: '2026-01-20' },
    at('2026-02-03'),
    cal,
    cfg,
  ).next;

  it('decision: 20 working days after the payment deadline (20 Jan) end on Tue 24 Feb; extended by 20 to Mon 23 Mar', () => {
    expect(clock(c, 'decision', '2026-02-03')).toMatchObject({
      dueOn: '2026-02-24',
      status: 'running',
      dueAt: '2026-02-24T16:00:00.000Z',
    });
    const e = transition(
      c,
      'extend-decision',
      appr,
      { reason: '春节假期，告知书邮寄在途' },
      at('2026-02-12'),
      cal,
      cfg,
    ).next;
    expect(clock(e, 'decision', '2026-02-25')).toMatchObject({
      dueOn: '2026-03-23',
      status: 'running',
      workingDays: 40,
    });
    expect(() => transition(e, 'extend-decision', appr, { reason: '再次' }, at('2026-02-13'), cal, cfg)).toThrow(
      /extended once/,
    );
    expect(clock(c, 'decision', '2026-02-25')!.status).toBe('lapsed');
  });

  it('statement: stopped while the posted notice is unreceived; 5 working days from receipt (Fri 13 Feb) end Fri 27 Feb', () => {
    c = transition(
      c,
      'notify',
      insp,
      { noticeNo: 'N-1', noticeDate: '2026-02-10', service: { method: 'post', sentOn: '2026-02-10' } },
      at('2026-02-10'),
      cal,
      cfg,
    ).next;
    expect(c.statementDueAt).toBeNull();
    expect(clock(c, 'statement', '2026-02-12')).toMatchObject({ status: 'stopped', dueOn: null });
    expect(() => transition(c, 'no-statement', insp, {}, at('2026-03-10'), cal, cfg)).toThrow(/has not started/);
    c = transition(
      c,
      'serve-notice',
      insp,
      { receivedOn: '2026-02-13', proof: 'EMS 1234' },
      at('2026-02-16'),
      cal,
      cfg,
    ).next;
    // Sat 14 Feb (调休) is day 1; 15–23 Feb off; 24, 25, 26, 27 Feb are days 2–5. From the notice's date it would have been 24 Feb.
    expect(c.statementDueAt).toBe('2026-02-27T16:00:00.000Z');
    expect(clock(c, 'statement', '2026-02-16')).toMatchObject({
      from: '2026-02-13',
      dueOn: '2026-02-27',
      status: 'running',
    });
    expect(c.file.documents).toEqual([
      expect.objectContaining({
        kind: 'notice',
        number: 'N-1',
        version: 1,
        service: expect.objectContaining({ method: 'post', receivedOn: '2026-02-13' }),
      }),
    ]);
  });

  it('statement review: 5 working days from the statement (Wed 25 Feb) end Tue 3 Mar (Sat 28 Feb works)', () => {
    c = transition(
      c,
      'record-statement',
      insp,
      { statement: '春节前资金紧张', receivedOn: '2026-02-25' },
      at('2026-02-25'),
      cal,
      cfg,
    ).next;
    expect(clock(c, 'statement', '2026-02-25')).toMatchObject({ status: 'met', metOn: '2026-02-25' });
    expect(clock(c, 'statement_review', '2026-02-26')).toMatchObject({ dueOn: '2026-03-03', status: 'running' });
  });

  it('alerts from the 2nd working day before the end: not on Thu 12 Feb, yes on Fri 13 Feb for a clock ending 24 Feb', () => {
    const k = clock(c, 'decision', '2026-02-03')!;
    expect(clocksDueSoon([k], '2026-02-12', 2, cal)).toEqual([]);
    expect(clocksDueSoon([k], '2026-02-13', 2, cal)).toEqual([k]);
  });
});
