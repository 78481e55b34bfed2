import { describe, expect, it } from 'vitest';
import {
  CREDIT_ACTIONS,
  CREDIT_STATES,
  KEEPS_STATE,
  MOVES,
  availableActions,
  newCase,
  transition,
} from '../../../src/domain/credit/index.ts';
import { Conflict, Forbidden, Invalid } from '../../../src/domain/errors.ts';
import {
  cal,
  cfg,
  inspector,
  inspector2,
  approver,
  approver2,
  admin,
  system,
  NOW,
  INPUT,
  caseIn,
  rightActor,
  prep,
} from './machine-fixtures.ts';

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
