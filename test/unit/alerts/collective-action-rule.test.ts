import { describe, expect, it } from 'vitest';
import { dueTimes } from '../../../src/domain/alerts/index.ts';
import { alertCandidates, RULE_ZH } from '../../../src/domain/alert-rules.ts';
import { analyzeItem, buildMatcher } from '../../../src/domain/mentions/index.ts';
import { scoreFirm } from '../../../src/domain/scoring/index.ts';
import { en } from '../../../src/http/i18n/en.ts';
import { zh } from '../../../src/http/i18n/zh.ts';
import { AT, evidence, hoursAgo, mention, petition, daysAgo } from '../scoring/helpers.ts';
import { sh } from './helpers.ts';

// Issue 14, item 8: collective action has its own alert rule, labels and deadline.
describe('collective_action alert rule', () => {
  it('is labelled in Chinese and English', () => {
    expect(RULE_ZH.collective_action).toBe('集体行动');
    expect((zh.rules as Record<string, string>).collective_action).toBe('集体行动');
    expect((en.rules as Record<string, string>).collective_action).toBe('Collective action');
  });

  it('raises an orange alert from an item, routed to opinion response, with the head count in its title', () => {
    const a = analyzeItem(
      '快兔外卖二百余名骑手聚集罢送，要求补发三个月工资',
      buildMatcher([{ text: '快兔外卖', firmId: 1 }]),
    );
    const m = mention({
      at: hoursAgo(1),
      maxSeverity: a.summary.maxSeverity,
      categories: a.summary.categories,
      collective: a.collective.collective,
      people: a.collective.people,
    });
    const c = alertCandidates('快兔外卖示例站', scoreFirm(evidence({ mentions: [m] }), AT), null);
    const rule = c.find((x) => x.rule === 'collective_action')!;
    expect(rule).toMatchObject({ level: 'orange', category: 'opinion' });
    expect(rule.title).toContain('【橙色预警·集体行动】快兔外卖示例站');
    expect(rule.title).toContain('约200人');
  });

  it('raises a labor alert from a collective petition of another category', () => {
    const s = scoreFirm(
      evidence({
        petitions: [petition({ petitioners: 30, categories: ['account_ban', 'deduction'], received: daysAgo(1) })],
      }),
      AT,
    );
    expect(alertCandidates('某站', s, null).find((x) => x.rule === 'collective_action')).toMatchObject({
      category: 'labor',
      level: 'orange',
    });
  });

  it('is due the same day, acknowledged within an hour (30 minutes at red)', () => {
    const orange = dueTimes({ level: 'orange', rule: 'collective_action', raisedAt: sh('2026-11-03 10:00') });
    expect(orange.ackDueAt).toEqual(sh('2026-11-03 11:00'));
    expect(orange.handleDueAt).toEqual(sh('2026-11-04 00:00'));
    const red = dueTimes({ level: 'red', rule: 'collective_action', raisedAt: sh('2026-11-03 21:00') });
    expect(red.ackDueAt).toEqual(sh('2026-11-03 21:30'));
    expect(red.handleDueAt).toEqual(sh('2026-11-04 00:00')); // never past midnight (不过夜)
  });
});
