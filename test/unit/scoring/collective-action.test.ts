import { describe, expect, it } from 'vitest';
import { analyzeItem, buildMatcher, readAmount, readPeople } from '../../../src/domain/mentions/index.ts';
import { evaluateTriggers, parseModelConfig, scoreFirm } from '../../../src/domain/scoring/index.ts';
import { AT, daysAgo, evidence, hoursAgo, mention, petition } from './helpers.ts';

// Issue 14, item 8: collective action is a hard trigger with its own rule.
const matcher = buildMatcher([{ text: '快兔外卖', firmId: 1 }]);

/** The mention evidence an item gives (as the pipeline stores it). */
function itemMention(text: string, at = hoursAgo(2)) {
  const a = analyzeItem(text, matcher);
  return mention({
    at,
    maxSeverity: a.summary.maxSeverity,
    major: a.summary.major,
    categories: a.summary.categories,
    collective: a.collective.collective,
    people: a.collective.people,
    amount: a.collective.amount,
  });
}

describe('head counts and sums read from text', () => {
  const people: Array<[string, number | null]> = [
    ['二百余名骑手', 200],
    ['43名快递员', 43],
    ['近百名骑手', 90],
    ['数十名骑手', 20],
    ['十余名骑手', 10],
    ['二十多个兄弟', 20],
    ['30人集体信访', 30],
    ['八个人', 8],
    ['三个月工资', null],
    ['第一名', null],
    ['上百名外卖员', 100],
    ['一千二百名员工', 1200],
    ['两名骑手', 2],
  ];
  for (const [text, n] of people) it(`${text} → ${n}`, () => expect(readPeople(text)).toBe(n));

  const sums: Array<[string, number | null]> = [
    ['拖欠员工十余万元工资', 100_000],
    ['被拖欠3.9万元', 39_000],
    ['涉及372800元', 372_800],
    ['¥186,400', 186_400],
    ['约6万元', 60_000],
    ['三千元', 3000],
    ['二百余名骑手', null],
    ['工资三万多', null],
  ];
  for (const [text, n] of sums) it(`${text} → ${n}`, () => expect(readAmount(text)).toBe(n));
});

describe('collective action trigger', () => {
  it('二百余名骑手…聚集罢送，要求补发三个月工资 reaches a hard trigger', () => {
    const m = itemMention('快兔外卖二百余名骑手在站点门口聚集罢送，要求补发三个月工资');
    expect(m).toMatchObject({ collective: true, people: 200 });
    const s = scoreFirm(evidence({ mentions: [m] }), AT);
    expect(s.triggers).toMatchObject([
      { kind: 'collective_action', level: 'orange', source: 'opinion', why: { key: 'collective_action' } },
    ]);
    expect(s.triggers[0]!.why.text).toContain('约200人');
    expect(s.level).toBe('orange');
  });

  it('a collective petition of 30 people about 封号 and 扣款 fires it', () => {
    const s = scoreFirm(
      evidence({
        petitions: [petition({ petitioners: 30, categories: ['account_ban', 'deduction'], received: daysAgo(3) })],
      }),
      AT,
    );
    expect(s.triggers.map((t) => t.kind)).toEqual(['collective_action']);
    expect(s.triggers[0]!.why.text).toContain('30人');
  });

  const collective = [
    '快兔外卖骑手集体罢工',
    '快兔外卖站点骑手停工',
    '快兔外卖骑手堵门讨薪',
    '快兔外卖配送站前有人拉横幅',
    '快兔外卖骑手围堵站长',
    '快兔外卖骑手在站点静坐',
    '快兔外卖骑手集体讨薪',
    '43名快兔外卖骑手反映被拖欠工资',
    '快兔外卖数十名骑手罢送',
  ];
  for (const text of collective) {
    it(`${text} fires`, () => {
      expect(
        evaluateTriggers(evidence({ mentions: [itemMention(text)] }), AT, parseModelConfig({})).map((t) => t.kind),
      ).toContain('collective_action');
    });
  }

  const not = [
    '快兔外卖骑手讨薪',
    '43名快兔外卖骑手参加技能比赛',
    '快兔外卖并未发生罢工',
    '辟谣！快兔外卖骑手罢工消息不实',
    '八名快兔外卖骑手被拖欠工资',
  ];
  for (const text of not) {
    it(`${text} does not fire`, () => {
      expect(
        evaluateTriggers(evidence({ mentions: [itemMention(text)] }), AT, parseModelConfig({})).map((t) => t.kind),
      ).not.toContain('collective_action');
    });
  }

  it('respects its window (7 days for items) and `at`', () => {
    const fire = (h: number) =>
      evaluateTriggers(
        evidence({ mentions: [itemMention('快兔外卖骑手罢工', hoursAgo(h))] }),
        AT,
        parseModelConfig({}),
      );
    expect(fire(7 * 24 - 0.01)).toHaveLength(1);
    expect(fire(7 * 24)).toHaveLength(0);
    expect(fire(-0.01)).toHaveLength(0);
  });

  it("head count and sum add to the item's points", () => {
    const plain = scoreFirm(evidence({ mentions: [itemMention('快兔外卖骑手讨薪')] }), AT).raw;
    const many = scoreFirm(evidence({ mentions: [itemMention('快兔外卖二百余名骑手讨薪')] }), AT).raw;
    const money = scoreFirm(evidence({ mentions: [itemMention('快兔外卖骑手讨薪十余万元')] }), AT).raw;
    expect(many).toBeGreaterThan(plain);
    expect(money).toBeGreaterThan(plain);
  });
});
