import { describe, expect, it } from 'vitest';
import {
  CREDIT_ACTIONS,
  CREDIT_STATES,
  KEEPS_STATE,
  MOVES,
  availableActions,
  defaultCreditConfig,
  newCase,
  transition,
  type CaseState,
  type CreditAction,
  type CreditActor,
  type CreditState,
} from '../../../src/domain/credit/index.ts';
import { Conflict, Forbidden, Invalid } from '../../../src/domain/errors.ts';
import { CN_HOLIDAYS, CN_MAKEUP_WORKDAYS } from '../../../src/domain/alerts/holidays-cn.ts';

const cal = { holidays: CN_HOLIDAYS, makeupWorkdays: CN_MAKEUP_WORKDAYS };
const cfg = defaultCreditConfig;
const inspector: CreditActor = { userId: 1, name: 'insp', role: 'inspector' };
const inspector2: CreditActor = { userId: 4, name: 'insp2', role: 'inspector' };
const approver: CreditActor = { userId: 2, name: 'appr', role: 'approver' };
const approver2: CreditActor = { userId: 5, name: 'appr2', role: 'approver' };
const admin: CreditActor = { userId: 3, name: 'admin', role: 'admin' };
const system: CreditActor = { userId: null, name: 'system', role: null };
const NOW = new Date('2026-11-20T04:00:00Z'); // Friday noon, Shanghai

const INPUT: Record<CreditAction, unknown> = {
  propose: { basis: '45号令第五条' },
  notify: { noticeNo: '告知〔2026〕1号', noticeDate: '2026-11-02' },
  'record-statement': { statement: '企业称资金困难' },
  'no-statement': {},
  approve: {},
  list: { decisionNo: '决定〔2026〕7号', listedOn: '2026-11-20' },
  reject: { reason: '证据不足' },
  withdraw: { reason: '已全额支付' },
  object: { text: '认定金额有误' },
  'mark-objection': {},
  'decide-objection': { outcome: 'dismissed', reason: '金额核实无误' },
  remove: { kind: 'revoked', reason: '复议撤销' },
  expire: {},
  'serve-notice': { receivedOn: '2026-11-05' },
  'review-statement': { note: '经复核，陈述理由不成立' },
  'extend-decision': { reason: '案情复杂，需补充调查' },
  'close-paid': {
    paidOn: '2026-11-10',
    evidence: '银行转账凭证',
    commitmentSignedOn: '2026-11-10',
    commitment: '承诺今后按时足额支付工资',
  },
  'set-parties': { parties: [{ role: 'legal_representative', name: '张三', idNumber: '11010519491231002X' }] },
  'confirm-extreme-link': { mentionId: 1, link: '讨薪未果引发' },
  'serve-decision': { receivedOn: '2026-11-20' },
  'record-publication': { publishedOn: '2026-11-20', where: '区人社局门户网站' },
  'apply-early-removal': { wagesPaidOn: '2026-11-20', correctedOn: '2026-11-20', commitment: '守信承诺' },
  'decide-early-removal': { outcome: 'refused', reason: '未满6个月', criminalProceedingsPending: false },
  'revoke-early-removal': { reason: '申请材料虚假' },
  'record-remedy': { kind: 'reconsideration', filedOn: '2026-11-20', result: 'pending' },
};

/** A case in each state, built by the machine itself. */
function caseIn(state: CreditState): CaseState {
  const go = (c: CaseState, a: CreditAction, who: CreditActor, input: unknown = INPUT[a], now = NOW) =>
    transition(c, a, who, input, now, cal, cfg).next;
  let c = newCase();
  if (state === 'candidate') return c;
  if (state === 'withdrawn') return go(c, 'withdraw', inspector);
  c = go(c, 'propose', inspector);
  if (state === 'proposed') return c;
  if (state === 'rejected') return go(c, 'reject', approver);
  if (state === 'not_listed_paid') return go(c, 'close-paid', inspector);
  c = go(c, 'notify', inspector);
  if (state === 'notified') return c;
  if (state === 'no_statement') return go(c, 'no-statement', inspector);
  c = go(c, 'record-statement', inspector);
  if (state === 'statement_recorded') return c;
  c = go(c, 'approve', approver);
  if (state === 'approved') return c;
  c = go(c, 'list', approver);
  if (state === 'listed') return c;
  return go(c, 'remove', approver);
}

/** Someone allowed to do `a` on `c` (or null when nobody may). */
function rightActor(a: CreditAction, from: CreditState): CreditActor {
  if (a === 'expire') return system;
  if (
    [
      'approve',
      'list',
      'reject',
      'remove',
      'decide-objection',
      'extend-decision',
      'decide-early-removal',
      'revoke-early-removal',
      'record-remedy',
    ].includes(a)
  )
    return approver;
  return from === 'candidate' && a === 'withdraw' ? inspector : inspector;
}

function prep(a: CreditAction, c: CaseState): CaseState {
  if (a === 'mark-objection') return transition(c, 'object', inspector, INPUT.object, NOW, cal, cfg).next;
  if (a === 'decide-objection') {
    const o = transition(c, 'object', inspector, INPUT.object, NOW, cal, cfg).next;
    return transition(o, 'mark-objection', inspector, {}, NOW, cal, cfg).next;
  }
  if (a === 'expire') return { ...c, expectedExitOn: '2026-11-20' };
  // Steps that need an earlier record: a notice or decision not yet received, an application, an early removal.
  if (a === 'serve-notice')
    return {
      ...c,
      file: {
        ...c.file,
        noticeService: { method: 'post', sentOn: '2026-11-02', receivedOn: null, proof: null, rule: '' },
      },
    };
  if (a === 'serve-decision')
    return {
      ...c,
      file: {
        ...c.file,
        decisionService: { method: 'post', sentOn: '2026-11-20', receivedOn: null, proof: null, rule: '' },
      },
    };
  if (a === 'decide-early-removal')
    return transition(c, 'apply-early-removal', inspector, INPUT['apply-early-removal'], NOW, cal, cfg).next;
  if (a === 'revoke-early-removal') return { ...c, removalKind: 'early' };
  return c;
}

describe('credit state machine: every (state, action) pair', () => {
  const pairs = CREDIT_STATES.flatMap((s) => CREDIT_ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('%s + %s', (state, action) => {
    const c = caseIn(state);
    expect(c.state).toBe(state);
    const allowed = MOVES[action].from.includes(state);
    if (!allowed) {
      expect(() => transition(c, action, rightActor(action, state), INPUT[action], NOW, cal, cfg)).toThrow(Conflict);
      try {
        transition(c, action, rightActor(action, state), INPUT[action], NOW, cal, cfg);
      } catch (e) {
        expect((e as Error).message).toContain(`cannot ${action} a case that is ${state}`);
      }
      return;
    }
    // confirm-extreme-link names an opinion item of the case's evidence (45号令 art. 5).
    const facts = action === 'confirm-extreme-link' ? { mentionIds: [1] } : {};
    const r = transition(prep(action, c), action, rightActor(action, state), INPUT[action], NOW, cal, cfg, facts);
    expect(r.from).toBe(state);
    // Steps that record something on the case keep its state (with these inputs).
    expect(r.to).toBe(KEEPS_STATE.has(action) ? state : MOVES[action].to);
  });
});

describe('two-person rule and permissions', () => {
  it('the proposer may not approve, even holding both roles (admin)', () => {
    let c = transition(newCase(), 'propose', admin, INPUT.propose, NOW, cal, cfg).next;
    c = transition(c, 'notify', admin, INPUT.notify, NOW, cal, cfg).next;
    c = transition(c, 'record-statement', admin, INPUT['record-statement'], NOW, cal, cfg).next;
    expect(() => transition(c, 'approve', admin, {}, NOW, cal, cfg)).toThrow(
      /two-person rule: admin proposed this case/,
    );
    expect(availableActions(c, admin)).not.toContain('approve');
    const ok = transition(c, 'approve', approver, {}, NOW, cal, cfg).next;
    expect(() => transition(ok, 'list', admin, INPUT.list, NOW, cal, cfg)).toThrow(Forbidden);
    expect(transition(ok, 'list', approver2, INPUT.list, NOW, cal, cfg).next.state).toBe('listed');
  });

  it('a forged approval by the proposer still cannot be listed', () => {
    const c = { ...caseIn('approved'), approverId: inspector.userId };
    expect(() => transition(c, 'list', approver, INPUT.list, NOW, cal, cfg)).toThrow(
      /no approval by someone other than its proposer/,
    );
  });

  it('roles: an inspector cannot approve, an approver cannot propose, the system can do neither', () => {
    expect(() => transition(caseIn('statement_recorded'), 'approve', inspector2, {}, NOW, cal, cfg)).toThrow(
      /approve needs credit:approve/,
    );
    expect(() => transition(newCase(), 'propose', approver, INPUT.propose, NOW, cal, cfg)).toThrow(
      /propose needs credit:propose/,
    );
    for (const a of ['propose', 'approve', 'list', 'remove'] as const) {
      const from = MOVES[a].from[0]!;
      expect(() => transition(caseIn(from), a, system, INPUT[a], NOW, cal, cfg)).toThrow(/the system may not/);
    }
    expect(() => transition(caseIn('listed'), 'expire', approver, {}, NOW, cal, cfg)).toThrow(Forbidden);
    expect(() => transition(caseIn('proposed'), 'withdraw', system, INPUT.withdraw, NOW, cal, cfg)).toThrow(Forbidden);
    expect(transition(newCase(), 'withdraw', system, { reason: '不再符合' }, NOW, cal, cfg).to).toBe('withdrawn');
  });

  it('no sequence of single-user actions reaches listed', () => {
    for (const who of [inspector, approver, admin, system]) {
      let c = newCase();
      for (let round = 0; round < 8; round++) {
        for (const a of availableActions(c, who)) {
          if (a === 'withdraw' || a === 'reject') continue;
          try {
            c = transition(c, a, who, INPUT[a], new Date('2026-12-31T04:00:00Z'), cal, cfg).next;
          } catch {
            /* input-dependent refusals */
          }
        }
      }
      expect(c.state).not.toBe('listed');
    }
  });
});

describe('inputs and conditions', () => {
  it('refuses bad input with a clear message', () => {
    expect(() => transition(newCase(), 'propose', inspector, {}, NOW, cal, cfg)).toThrow(/credit propose: basis/);
    expect(() =>
      transition(caseIn('proposed'), 'notify', inspector, { noticeNo: 'x', noticeDate: '2026-02-30' }, NOW, cal, cfg),
    ).toThrow(Invalid);
    expect(() =>
      transition(caseIn('proposed'), 'notify', inspector, { noticeNo: 'x', noticeDate: '2026-12-01' }, NOW, cal, cfg),
    ).toThrow(/in the future/);
    expect(() => transition(caseIn('proposed'), 'reject', approver, {}, NOW, cal, cfg)).toThrow(/reason/);
  });

  it('no-statement only after the statement period', () => {
    const c = transition(
      caseIn('proposed'),
      'notify',
      inspector,
      { noticeNo: 'n', noticeDate: '2026-11-16' },
      NOW,
      cal,
      cfg,
    ).next;
    // Mon 16 Nov + 5 working days = Mon 23 Nov, ending 24:00 Shanghai.
    expect(c.statementDueAt).toBe('2026-11-23T16:00:00.000Z');
    expect(() => transition(c, 'no-statement', inspector, {}, NOW, cal, cfg)).toThrow(
      /statement period runs until 2026-11-23T16:00:00.000Z/,
    );
    expect(transition(c, 'no-statement', inspector, {}, new Date('2026-11-23T16:00:00Z'), cal, cfg).to).toBe(
      'no_statement',
    );
  });

  it('listing sets a three-year term; expiry only when it ended', () => {
    const c = transition(
      caseIn('approved'),
      'list',
      approver,
      { decisionNo: 'D1', listedOn: '2024-02-29' },
      NOW,
      cal,
      cfg,
    ).next;
    expect(c.expectedExitOn).toBe('2027-02-28');
    expect(c.authority).toBe(cfg.defaultAuthority);
    expect(() => transition(c, 'expire', system, {}, NOW, cal, cfg)).toThrow(/term runs until 2027-02-28/);
    const gone = transition(c, 'expire', system, {}, new Date('2027-02-27T16:00:00Z'), cal, cfg).next;
    expect(gone).toMatchObject({ state: 'removed', removalKind: 'expiry', removedOn: '2027-02-28' });
  });

  it('early removal needs six months since the correction', () => {
    const listed = caseIn('listed');
    const early = {
      kind: 'early',
      wagesPaidOn: '2026-05-01',
      correctedOn: '2026-05-20',
      commitment: '承诺按时足额支付工资',
    };
    expect(() =>
      transition(listed, 'remove', approver, { ...early, correctedOn: '2026-05-21' }, NOW, cal, cfg),
    ).toThrow(/possible from 2026-11-21/);
    const r = transition(listed, 'remove', approver, early, NOW, cal, cfg).next;
    expect(r).toMatchObject({ state: 'removed', removalKind: 'early', removedOn: '2026-11-20' });
    expect(r.removalReason).toContain('信用承诺');
    expect(() =>
      transition(
        listed,
        'remove',
        approver,
        { kind: 'early', wagesPaidOn: '2026-06-01', correctedOn: '2026-06-01' },
        NOW,
        cal,
        cfg,
      ),
    ).toThrow(/commitment/);
  });

  it('objections: one open at a time, marked before decided, upheld removes the listing', () => {
    const o = transition(caseIn('listed'), 'object', inspector, INPUT.object, NOW, cal, cfg).next;
    expect(() => transition(o, 'object', inspector, INPUT.object, NOW, cal, cfg)).toThrow(/still open/);
    expect(() => transition(o, 'decide-objection', approver, INPUT['decide-objection'], NOW, cal, cfg)).toThrow(
      /mark the objection/,
    );
    const m = transition(o, 'mark-objection', approver, {}, NOW, cal, cfg).next;
    expect(() => transition(m, 'mark-objection', inspector, {}, NOW, cal, cfg)).toThrow(/already marked/);
    const kept = transition(m, 'decide-objection', approver, INPUT['decide-objection'], NOW, cal, cfg);
    expect(kept.to).toBe('listed');
    const upheld = transition(
      m,
      'decide-objection',
      approver,
      { outcome: 'upheld', reason: '金额有误' },
      NOW,
      cal,
      cfg,
    ).next;
    expect(upheld).toMatchObject({ state: 'removed', removalKind: 'revoked' });
  });
});

describe('rules as the text of 人社部令第45号 has them', () => {
  const listed = () => {
    let c = transition(newCase(), 'propose', inspector, INPUT.propose, NOW, cal, cfg).next;
    c = transition(c, 'notify', inspector, INPUT.notify, NOW, cal, cfg).next;
    c = transition(c, 'record-statement', inspector, INPUT['record-statement'], NOW, cal, cfg).next;
    c = transition(c, 'approve', approver, {}, NOW, cal, cfg).next;
    return transition(c, 'list', approver, INPUT.list, NOW, cal, cfg).next;
  };
  const later = (d: string) => new Date(`${d}T04:00:00Z`);

  it('art. 13: a re-offence bars early removal but does not extend the term (the restart is a local option, off by default)', () => {
    const applied = transition(
      listed(),
      'apply-early-removal',
      inspector,
      { wagesPaidOn: '2026-11-20', correctedOn: '2026-11-20', commitment: '守信承诺' },
      later('2027-06-01'),
      cal,
      cfg,
    ).next;
    const facts = { reoffences: [{ recordId: 'I-9', date: '2027-03-01' }] };
    expect(() =>
      transition(
        applied,
        'decide-early-removal',
        approver,
        { outcome: 'granted', reason: '符合', criminalProceedingsPending: false },
        later('2027-06-02'),
        cal,
        cfg,
        facts,
      ),
    ).toThrow(/I-9/);
    const refused = transition(
      applied,
      'decide-early-removal',
      approver,
      { outcome: 'refused', reason: '再次拖欠', criminalProceedingsPending: false },
      later('2027-06-02'),
      cal,
      cfg,
      facts,
    ).next;
    expect(refused.expectedExitOn).toBe('2029-11-20');
    const local = transition(
      applied,
      'decide-early-removal',
      approver,
      { outcome: 'refused', reason: '再次拖欠', criminalProceedingsPending: false },
      later('2027-06-02'),
      cal,
      { ...cfg, reoffenceRestartsTerm: true },
      facts,
    ).next;
    expect(local.expectedExitOn).toBe('2030-03-01');
  });

  it('art. 13(2): criminal liability already imposed bars early removal like pending proceedings', () => {
    const applied = transition(
      listed(),
      'apply-early-removal',
      inspector,
      { wagesPaidOn: '2026-11-20', correctedOn: '2026-11-20', commitment: '守信承诺' },
      later('2027-06-01'),
      cal,
      cfg,
    ).next;
    expect(() =>
      transition(
        applied,
        'decide-early-removal',
        approver,
        { outcome: 'granted', reason: '符合', criminalProceedingsPending: false, criminallyLiable: true },
        later('2027-06-02'),
        cal,
        cfg,
      ),
    ).toThrow(/已因拒不支付劳动报酬罪被追究刑事责任/);
    expect(
      transition(
        applied,
        'decide-early-removal',
        approver,
        { outcome: 'granted', reason: '符合', criminalProceedingsPending: false, criminallyLiable: false },
        later('2027-06-02'),
        cal,
        cfg,
      ).next.state,
    ).toBe('removed');
  });

  it('art. 15: revoking an early removal restores the listing and computes its term anew from the revocation', () => {
    const applied = transition(
      listed(),
      'apply-early-removal',
      inspector,
      { wagesPaidOn: '2026-11-20', correctedOn: '2026-11-20', commitment: '守信承诺' },
      later('2027-06-01'),
      cal,
      cfg,
    ).next;
    const removed = transition(
      applied,
      'decide-early-removal',
      approver,
      { outcome: 'granted', reason: '符合', criminalProceedingsPending: false },
      later('2027-06-02'),
      cal,
      cfg,
    ).next;
    const r = transition(
      removed,
      'revoke-early-removal',
      approver2,
      { reason: '提交的工资支付凭证系伪造', documentNo: '撤〔2027〕1号' },
      later('2027-09-15'),
      cal,
      cfg,
    );
    expect(r.next).toMatchObject({
      state: 'listed',
      removedOn: null,
      removalKind: null,
      listedOn: '2026-11-20',
      expectedExitOn: '2030-09-15',
    });
    expect(r.next.file).toMatchObject({
      relistedOn: '2027-09-15',
      originalExitOn: '2029-11-20',
      exitExtendedFor: expect.stringContaining('重新计算'),
    });
    expect(r.next.file.documents.at(-1)).toMatchObject({
      kind: 'early_removal_revocation',
      number: '撤〔2027〕1号',
      issuedOn: '2027-09-15',
    });
    expect(() => transition(listed(), 'revoke-early-removal', approver, { reason: 'x' }, NOW, cal, cfg)).toThrow(
      Conflict,
    );
  });

  it('art. 5: a causal link is confirmed only for an opinion item the case rests on', () => {
    const c = newCase();
    expect(() =>
      transition(c, 'confirm-extreme-link', inspector, { mentionId: 7, link: '讨薪未果引发' }, NOW, cal, cfg, {
        mentionIds: [3],
      }),
    ).toThrow(/not in this case's evidence/);
    expect(
      transition(c, 'confirm-extreme-link', inspector, { mentionId: 3, link: '讨薪未果引发' }, NOW, cal, cfg, {
        mentionIds: [3],
      }).next.file.extremeLinks,
    ).toEqual([{ mentionId: 3, link: '讨薪未果引发', confirmedBy: 'insp', confirmedOn: '2026-11-20' }]);
  });
});
