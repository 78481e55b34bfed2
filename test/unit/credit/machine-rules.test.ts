import { describe, expect, it } from 'vitest';
import { newCase, transition } from '../../../src/domain/credit/index.ts';
import { Conflict } from '../../../src/domain/errors.ts';
import { cal, cfg, inspector, approver, approver2, NOW, INPUT } from './machine-fixtures.ts';

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
