import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultModelConfig,
  evaluateTriggers,
  levelOf,
  maxLevel,
  parseModelConfig,
  reachesCrimeAmount,
  scoreFirm,
} from '../../../src/domain/scoring/index.ts';
import { AT, daysAgo, evidence, evidenceArb, hoursAgo, inspection, mention, petition } from './helpers.ts';

const c = defaultModelConfig;

describe('levels', () => {
  it('maps the thresholds 80 / 60 / 40 / 20 to red / orange / yellow / blue', () => {
    expect(levelOf(100, c)).toBe('red');
    expect(levelOf(80, c)).toBe('red');
    expect(levelOf(79.9, c)).toBe('orange');
    expect(levelOf(60, c)).toBe('orange');
    expect(levelOf(59.9, c)).toBe('yellow');
    expect(levelOf(40, c)).toBe('yellow');
    expect(levelOf(39.9, c)).toBe('blue');
    expect(levelOf(20, c)).toBe('blue');
    expect(levelOf(19.9, c)).toBeNull();
    expect(levelOf(0, c)).toBeNull();
  });

  it('follows configured thresholds', () => {
    const strict = parseModelConfig({ levels: { red: 90, orange: 70, yellow: 50, blue: 30 } });
    expect(levelOf(85, strict)).toBe('orange');
    expect(levelOf(29.9, strict)).toBeNull();
  });

  it('maxLevel takes the more severe, null meaning none', () => {
    expect(maxLevel('yellow', 'red')).toBe('red');
    expect(maxLevel('orange', 'blue')).toBe('orange');
    expect(maxLevel(null, 'blue')).toBe('blue');
    expect(maxLevel('yellow', null)).toBe('yellow');
    expect(maxLevel(null, null)).toBeNull();
  });
});

describe('hard triggers', () => {
  it('an extreme-event mention makes the firm red and flags majorOpinion, whatever the score', () => {
    const s = scoreFirm(
      evidence({ mentions: [mention({ major: true, maxSeverity: 5, categories: ['extreme'], credibility: 0.1 })] }),
      AT,
    );
    expect(s.score).toBeLessThan(20);
    expect(s.scoreLevel).toBeNull();
    expect(s.level).toBe('red');
    expect(s.flags).toEqual({ majorOpinion: true, creditCandidate: false });
    expect(s.triggers[0]).toMatchObject({
      kind: 'major_opinion',
      level: 'red',
      source: 'opinion',
      why: { key: 'major_opinion' },
    });
  });

  it('the extreme-event window is the last 7 days, and nothing after `at`', () => {
    const at = (h: number) =>
      evaluateTriggers(evidence({ mentions: [mention({ major: true, at: hoursAgo(h) })] }), AT, c);
    expect(at(7 * 24 - 0.01)).toHaveLength(1);
    expect(at(7 * 24)).toHaveLength(0);
    expect(at(-0.01)).toHaveLength(0);
    expect(at(0)).toHaveLength(1);
  });

  it('a collective wage petition (≥ 10) within 60 days makes the firm at least orange', () => {
    const s = scoreFirm(evidence({ petitions: [petition({ petitioners: 10, received: daysAgo(59) })] }), AT);
    expect(s.level).toBe('orange');
    expect(s.triggers).toMatchObject([{ kind: 'collective_wage_petition', level: 'orange', date: daysAgo(59) }]);
    const fire = (over: Parameters<typeof petition>[0]) =>
      evaluateTriggers(evidence({ petitions: [petition({ petitioners: 10, ...over })] }), AT, c);
    expect(fire({ received: daysAgo(60) })).toHaveLength(0);
    expect(fire({ received: daysAgo(-1) })).toHaveLength(0);
    expect(fire({ petitioners: 9 })).toHaveLength(0);
    // Another category is not a wage petition; it is collective action (issue 14, item 8).
    expect(fire({ categories: ['account_ban'] }).map((t) => t.kind)).toEqual(['collective_action']);
    expect(fire({ categories: ['account_ban', 'wage_arrears'] })).toHaveLength(1);
    // Concluded (办结) on or before `at`: no longer a trigger; concluded later: still one then.
    expect(fire({ closed: daysAgo(1) })).toHaveLength(0);
    expect(fire({ closed: daysAgo(-1) })).toHaveLength(1);
  });

  it('the collective line and windows are configurable', () => {
    const cfg = parseModelConfig({
      petition: { collectiveThreshold: 20 },
      triggers: { collectiveWagePetition: { days: 90 } },
    });
    const fire = (n: number, age: number) =>
      evaluateTriggers(evidence({ petitions: [petition({ petitioners: n, received: daysAgo(age) })] }), AT, cfg);
    expect(fire(19, 1)).toHaveLength(0);
    expect(fire(20, 89)).toHaveLength(1);
  });

  it('an overdue order to pay wages makes the firm at least yellow and a credit-list candidate', () => {
    const r = inspection({
      violations: ['wage_arrears'],
      workers: 1,
      amount: 800,
      due: daysAgo(1),
      date: daysAgo(300),
    });
    const s = scoreFirm(evidence({ inspections: [r] }), AT);
    expect(s.score).toBeLessThan(40);
    expect([null, 'blue']).toContain(s.scoreLevel);
    expect(s.level).toBe('yellow');
    expect(s.flags).toEqual({ majorOpinion: false, creditCandidate: true });
    expect(s.triggers[0]).toMatchObject({
      kind: 'overdue_wage_order',
      id: r.id,
      recordId: r.recordId,
      why: { key: 'overdue_wage_order' },
    });
  });

  it('the overdue-order trigger needs a pay order, a passed deadline and no rectification by `at`', () => {
    const fire = (over: Parameters<typeof inspection>[0]) =>
      evaluateTriggers(evidence({ inspections: [inspection({ due: daysAgo(5), ...over })] }), AT, c);
    expect(fire({})).toHaveLength(1);
    expect(fire({ order: 'rectify' })).toHaveLength(0);
    expect(fire({ due: daysAgo(0) })).toHaveLength(0);
    expect(fire({ rectified: daysAgo(1), status: 'rectified' })).toHaveLength(0);
    expect(fire({ rectified: daysAgo(-1), status: 'rectified' })).toHaveLength(1);
    expect(fire({ date: daysAgo(-1) })).toHaveLength(0);
    // The window (365 days) runs from the deadline.
    expect(fire({ date: daysAgo(500), due: daysAgo(364) })).toHaveLength(1);
    expect(fire({ date: daysAgo(500), due: daysAgo(365) })).toHaveLength(0);
  });

  it('notes when the arrears reach the 拒不支付劳动报酬罪 amount line', () => {
    const t = c.triggers.overdueWageOrder;
    expect(reachesCrimeAmount(1, 20_000, t)).toBe(true);
    expect(reachesCrimeAmount(1, 19_999, t)).toBe(false);
    expect(reachesCrimeAmount(12, 100_000, t)).toBe(true);
    expect(reachesCrimeAmount(5, 60_000, t)).toBe(false); // split unknown
    const s = scoreFirm(evidence({ inspections: [inspection({ workers: 12, amount: 150_000, due: daysAgo(2) })] }), AT);
    expect(s.triggers[0]?.why).toMatchObject({ key: 'overdue_wage_order_crime_amount' });
    expect(s.triggers[0]?.why.text).toContain('达到拒不支付劳动报酬罪数额标准');
  });

  it('a trigger never lowers the level the score earns, and lists the strongest first with counts', () => {
    const e = evidence({
      inspections: Array.from({ length: 6 }, (_, i) =>
        inspection({ workers: 40, amount: 200_000, due: daysAgo(5 + i) }),
      ),
      mentions: [mention({ major: true }), mention({ major: true, at: hoursAgo(30) })],
      petitions: [petition({ petitioners: 12 })],
    });
    const s = scoreFirm(e, AT);
    expect(s.score).toBeGreaterThanOrEqual(80);
    expect(s.level).toBe('red');
    expect(s.triggers.map((t) => [t.kind, t.count])).toEqual([
      ['major_opinion', 2],
      ['collective_wage_petition', 1],
      ['overdue_wage_order', 6],
    ]);
    // The most recent record is the one shown.
    expect(s.triggers[2]?.id).toBe(e.inspections[0]?.id);
  });

  it('evaluateTriggers on its own agrees with the triggers inside the score', () => {
    fc.assert(
      fc.property(evidenceArb, fc.integer({ min: 0, max: 600 }), (e, back) => {
        const at = new Date(AT.getTime() - back * 86_400_000);
        expect(evaluateTriggers(e, at, c)).toEqual(scoreFirm(e, at).triggers);
      }),
      { numRuns: 300 },
    );
  });
});
