import { describe, expect, it } from 'vitest';
import {
  groupKeys,
  joined,
  membership,
  opinionItemOf,
  pickIncident,
  type OpenIncident,
} from '../../../src/domain/alerts/incidents.ts';
import { coverageGaps, fallbackTier, isCoverageGap } from '../../../src/domain/alerts/coverage.ts';
import { countDispositions, dispositionsFor, DISPOSITION_ZH } from '../../../src/domain/alerts/disposition.ts';
import {
  durationText,
  feedAlertStep,
  feedAlertTitle,
  feedProblem,
  usualInterval,
} from '../../../src/domain/alerts/feed-health.ts';
import { itemInstant } from '../../../src/domain/values/item-instant.ts';
import { defaultEscalationPolicy } from '../../../src/domain/alerts/index.ts';

const T = new Date('2026-11-20T06:00:00Z');
const MIN = 60_000;
const at = (m: number) => new Date(T.getTime() + m * MIN);

describe('incidents', () => {
  it('group keys name the firm, the story, the petition and the partners', () => {
    expect(groupKeys({ firmId: 3, trigger: { source: 'opinion', storyId: 9 } })).toEqual(['firm:3', 'story:9']);
    expect(groupKeys({ firmId: 1, partnerFirmIds: [3, 3, 4] })).toEqual(['firm:1', 'firm:3', 'firm:4']);
    expect(groupKeys({ firmId: 2, trigger: { source: 'petition', id: 'P-1' } })).toEqual(['firm:2', 'petition:P-1']);
    expect(opinionItemOf('opinion:42')).toBe(42);
    expect(opinionItemOf('level:red')).toBeNull();
  });

  it('a new alert joins the oldest open incident sharing a key within the window; otherwise it leads a new one', () => {
    const a: OpenIncident = { id: 1, keys: ['firm:3', 'story:9'], level: 'red', openedAt: at(0), lastAlertAt: at(10) };
    const b: OpenIncident = { id: 2, keys: ['firm:5'], level: 'orange', openedAt: at(5), lastAlertAt: at(5) };
    expect(pickIncident(['firm:1', 'story:9'], [b, a], at(20))?.id).toBe(1);
    expect(pickIncident(['firm:7'], [a, b], at(20))).toBeNull();
    // Past the window (group_interval) after the incident's latest alert: a new incident.
    expect(pickIncident(['story:9'], [a], at(10 + 6 * 60 + 1))).toBeNull();
    expect(pickIncident(['story:9'], [a], at(10 + 6 * 60))?.id).toBe(1);
    expect(membership('red', null)).toEqual({ kind: 'lead' });
    expect(membership('red', a)).toEqual({ kind: 'member', incidentId: 1 });
    expect(membership('red', b)).toEqual({ kind: 'raises', incidentId: 2 });
    expect(joined(b, ['firm:6'], 'red', at(30))).toMatchObject({
      keys: ['firm:5', 'firm:6'],
      level: 'red',
      lastAlertAt: at(30),
    });
  });
});

describe('coverage', () => {
  it('a red or orange alert with nobody on duty is a gap, unless silenced', () => {
    expect(isCoverageGap('red', 0, false)).toBe(true);
    expect(isCoverageGap('orange', 0, false)).toBe(true);
    expect(isCoverageGap('yellow', 0, false)).toBe(false);
    expect(isCoverageGap('red', 1, false)).toBe(false);
    expect(isCoverageGap('red', 0, true)).toBe(false);
    expect(fallbackTier(defaultEscalationPolicy)).toBe(3);
    expect(fallbackTier({ steps: [{ target: { kind: 'role' } }] })).toBeNull();
  });

  it('gaps are the stretches with nobody on duty, shift ends exclusive', () => {
    const roster = {
      shifts: [{ id: 1, userId: 1, start: at(0), end: at(60), tier: 1, district: 'D', streets: [], categories: [] }],
      overrides: [],
      rotations: [],
    };
    const gaps = coverageGaps(roster, { districts: ['D'], categories: ['labor'], tier: 1, from: at(0), to: at(120) });
    expect(gaps.map((g) => [g.start, g.end])).toEqual([[at(60), at(120)]]);
    expect(coverageGaps(roster, { districts: ['D'], categories: ['labor'], tier: 1, from: at(0), to: at(60) })).toEqual(
      [],
    );
  });
});

describe('disposition', () => {
  const ctx = { by: 'zhang', now: at(60), raisedAt: at(0) };
  it('resolving a major-opinion alert records at least one action, with time and person', () => {
    expect(() => dispositionsFor('major_opinion', [], ctx)).toThrow(/actions: resolving a major_opinion alert/);
    expect(dispositionsFor('risk_level', [], ctx)).toEqual([]);
    expect(
      dispositionsFor(
        'major_opinion',
        [{ action: 'verified', at: at(30).toISOString() }, { action: 'response_published' }],
        ctx,
      ),
    ).toEqual([
      { action: 'verified', at: at(30).toISOString(), by: 'zhang' },
      { action: 'response_published', at: at(60).toISOString(), by: 'zhang' },
    ]);
    expect(() => dispositionsFor('major_opinion', [{ action: 'on_site', at: at(61).toISOString() }], ctx)).toThrow(
      /actions\.0\.at/,
    );
    expect(() => dispositionsFor('major_opinion', [{ action: 'on_site', at: at(-1).toISOString() }], ctx)).toThrow(
      /before the alert was raised/,
    );
    expect(DISPOSITION_ZH.cyber_police_liaison).toBe('网信/公安联动');
  });
  it('the digest counts each action', () => {
    expect(
      countDispositions([[{ action: 'verified' }, { action: 'on_site' }], [{ action: 'verified' }]]),
    ).toMatchObject({ verified: 2, on_site: 1, firm_interview: 0 });
  });
});

describe('feed health', () => {
  const base = {
    enabled: true,
    createdAt: at(-10_000),
    lastSuccessAt: at(0),
    consecutiveFailures: 0,
    lastItemAt: at(0),
    usualIntervalMs: 30 * MIN,
  };
  it('a feed failing for 2 h raises; less does not', () => {
    expect(feedProblem({ ...base, consecutiveFailures: 5 }, at(119))).toBeNull();
    expect(feedProblem({ ...base, consecutiveFailures: 5 }, at(120))).toMatchObject({ kind: 'failing', since: at(0) });
    expect(feedProblem({ ...base, consecutiveFailures: 5, enabled: false }, at(600))).toBeNull();
  });
  it('a feed silent for more than 6 × its usual interval raises', () => {
    expect(feedProblem(base, at(180))).toBeNull();
    expect(feedProblem(base, at(181))).toMatchObject({ kind: 'silent', since: at(0) });
    expect(usualInterval([0, 10, 20, 30, 40].map((m) => m * MIN))).toBe(10 * MIN);
    expect(usualInterval([0, 10, 20].map((m) => m * MIN))).toBeNull();
  });
  it('one alert per episode: raised once, updated when its kind changes, recovered when well', () => {
    const failing = { kind: 'failing' as const, since: at(0), failures: 3 };
    const silent = { kind: 'silent' as const, since: at(0), usualIntervalMs: 10 * MIN };
    expect(feedAlertStep(null, null)).toBeNull();
    expect(feedAlertStep(null, failing)).toBe('raise');
    expect(feedAlertStep({ kind: 'failing' }, failing)).toBeNull();
    expect(feedAlertStep({ kind: 'failing' }, silent)).toBe('update');
    expect(feedAlertStep({ kind: 'silent' }, null)).toBe('recover');
  });
  it('says how long in words, in both languages', () => {
    expect(durationText('zh', 135 * MIN)).toBe('2 小时 15 分');
    expect(durationText('en', 135 * MIN)).toBe('2 h 15 min');
    expect(durationText('zh', 26 * 60 * MIN)).toBe('1 天 2 小时');
    expect(durationText('en', 30_000)).toBe('0 min');
    expect(feedAlertTitle('某融媒体', { kind: 'failing', since: at(0), failures: 4 }, at(125))).toBe(
      '【舆情源告警】某融媒体：抓取连续失败已 2 小时 5 分（4 次）',
    );
    expect(feedAlertTitle('某融媒体', { kind: 'silent', since: at(0), usualIntervalMs: 20 * MIN }, at(121))).toBe(
      '【舆情源告警】某融媒体：已 2 小时 1 分 无新内容（通常约 20 分 一条）',
    );
    expect(feedAlertTitle('某融媒体', null, at(0))).toBe('【舆情源恢复】某融媒体：已恢复正常');
  });
});

describe('future-dated items', () => {
  it('published more than 10 minutes after arrival: flagged and counted at arrival', () => {
    expect(itemInstant(at(11), at(0))).toEqual({ at: at(0), futureDated: true });
    expect(itemInstant(at(10), at(0))).toEqual({ at: at(10), futureDated: false });
    expect(itemInstant(at(-60), at(0))).toEqual({ at: at(-60), futureDated: false });
    expect(itemInstant(null, at(0))).toEqual({ at: at(0), futureDated: false });
  });
});
