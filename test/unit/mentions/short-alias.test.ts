import { describe, expect, it } from 'vitest';
import { type AliasPattern, buildMatcher } from '../../../src/domain/mentions/index.ts';
import { parseAliasMarker } from '../../../src/domain/mentions/alias-marker.ts';

// Issue 14, item 4: short brand names do not match inside other words.
const FIRMS: AliasPattern[] = [
  { text: '美团', firmId: 1 },
  { text: '美团外卖', firmId: 1 },
  { text: '北京三快在线科技有限公司', firmId: 1 },
  { text: '滴滴', firmId: 2 },
  { text: '滴滴出行', firmId: 2 },
  { text: '百世', firmId: 3 },
  { text: '百世快递', firmId: 3 },
  { text: '中通', firmId: 4 },
  { text: '中通快递', firmId: 4 },
  { text: '饿了么', firmId: 5, ambiguous: true },
  { text: '饿了么外卖', firmId: 5 },
  { text: '顺丰', firmId: 6 },
  { text: '京东', firmId: 7 },
  { text: '圆通', firmId: 8 },
  { text: '闪送', firmId: 9 },
  { text: '达达', firmId: 10 },
  { text: '货拉拉', firmId: 11 },
];
const matcher = buildMatcher(FIRMS);
const brief = (text: string) =>
  matcher.findMentions(text).map((m) => [text.slice(m.offset, m.offset + m.length), m.firmId, m.cue]);

describe('short aliases inside other words do not match', () => {
  const words = [
    '完美团队',
    '点点滴滴',
    '流芳百世',
    '中通客车',
    '你饿了么',
    '中通客车发布新款',
    '这支完美团队赢得了比赛',
    '记录生活的点点滴滴',
    '会议中通过了决议',
    '一帆风顺丰收在望',
    '北京东城区',
    '方圆通道',
    '他一闪送出妙传',
    '达达主义艺术展',
    '百世之后',
    '滴滴答答的雨声',
    '中通社消息',
    '你饿了么？我点了外卖',
    '一个完美团队的快递小哥',
    '点点滴滴都是骑手的付出',
    '名垂百世的配送英雄',
    '宝宝饿了么',
    '京东方科技',
    '他们是一个完美团队，平台骑手都服气',
  ];
  for (const text of words) {
    it(text, () => {
      expect(brief(text)).toEqual([]);
    });
  }
});

describe('short aliases with a boundary or a cue still match', () => {
  const cases: Array<[string, Array<[string, number, string | undefined]>]> = [
    ['美团骑手讨薪', [['美团', 1, undefined]]],
    ['「美团」回应', [['美团', 1, undefined]]],
    ['滴滴司机罢运', [['滴滴', 2, undefined]]],
    ['据滴滴方面消息，司机已复工', [['滴滴', 2, 'sector']]],
    ['百世快递网点停业', [['百世快递', 3, undefined]]],
    ['中通网点异常', [['中通', 4, undefined]]],
    ['骑手投诉美团拖欠', [['美团', 1, 'sector']]],
    ['饿了么骑手聚集', [['饿了么', 5, 'sector']]],
    [
      '顺丰、京东快递员',
      [
        ['顺丰', 6, undefined],
        ['京东', 7, undefined],
      ],
    ],
    ['圆通：网点停业', [['圆通', 8, undefined]]],
    [
      '美团饿了么骑手',
      [
        ['美团', 1, undefined],
        ['饿了么', 5, 'sector'],
      ],
    ],
    ['闪送骑手讨薪', [['闪送', 9, undefined]]],
    [
      '美团外卖称美团将整改',
      [
        ['美团外卖', 1, undefined],
        ['美团', 1, 'firm'],
      ],
    ],
    ['长宁区美团站点', [['美团', 1, 'sector']]],
    ['货拉拉涨价', [['货拉拉', 11, undefined]]],
    [
      '北京三快在线科技有限公司旗下美团被约谈',
      [
        ['北京三快在线科技有限公司', 1, undefined],
        ['美团', 1, 'firm'],
      ],
    ],
    ['中通', [['中通', 4, undefined]]],
    [
      '达达，达达',
      [
        ['达达', 10, undefined],
        ['达达', 10, undefined],
      ],
    ],
    ['在京东做快递员', [['京东', 7, 'sector']]],
    ['Tips: 顺丰 bans 骑手', [['顺丰', 6, undefined]]],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      expect(brief(text)).toEqual(expected);
    });
  }

  it('shortAlias: 0 turns the rule off', () => {
    expect(buildMatcher(FIRMS, { shortAlias: 0 }).findMentions('完美团队')).toHaveLength(1);
  });
});

describe('ambiguous marker in the firms file', () => {
  it('reads a trailing ? or * (half or full width) as ambiguous', () => {
    expect(parseAliasMarker('饿了么?')).toEqual({ alias: '饿了么', ambiguous: true });
    expect(parseAliasMarker(' 盒马？ ')).toEqual({ alias: '盒马', ambiguous: true });
    expect(parseAliasMarker('快兔*')).toEqual({ alias: '快兔', ambiguous: true });
    expect(parseAliasMarker('快兔＊')).toEqual({ alias: '快兔', ambiguous: true });
    expect(parseAliasMarker('快兔跑腿')).toEqual({ alias: '快兔跑腿', ambiguous: false });
    expect(parseAliasMarker('??')).toEqual({ alias: '', ambiguous: true });
  });
});
