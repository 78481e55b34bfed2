import { describe, expect, it } from 'vitest';
import { type AliasPattern, buildMatcher, DEFAULT_CUE_WINDOW } from '../../../src/domain/mentions/index.ts';

// 快兔 and 盒马 are also ordinary words, so they need a second cue.
const FIRMS: AliasPattern[] = [
  { text: '快兔', firmId: 1, ambiguous: true },
  { text: '快兔跑腿', firmId: 1 },
  { text: '盒马', firmId: 2, ambiguous: true },
  { text: '盒马鲜生', firmId: 2 },
  { text: '兔跑', firmId: 3 },
  { text: '马到', firmId: 6, ambiguous: true },
];
const matcher = buildMatcher(FIRMS);

function brief(text: string, m = matcher): [string, number, string | undefined][] {
  return m.findMentions(text).map((x) => [text.slice(x.offset, x.offset + x.length), x.firmId, x.cue]);
}

describe('ambiguous aliases', () => {
  it('are dropped with no cue', () => {
    expect(brief('一只快兔在草地上奔跑')).toEqual([]);
    expect(brief('盒马效应')).toEqual([]);
  });

  it('count with a sector cue before or after', () => {
    expect(brief('快兔骑手聚集')).toEqual([['快兔', 1, 'sector']]);
    expect(brief('多名外卖员称盒马拖欠')).toEqual([['盒马', 2, 'sector']]);
  });

  it('count when the same firm is named by a plain alias elsewhere in the item', () => {
    expect(brief('快兔跑腿回应：快兔将整改')).toEqual([
      ['快兔跑腿', 1, undefined],
      ['快兔', 1, 'firm'],
    ]);
  });

  it('are not vouched for by another firm', () => {
    expect(brief('盒马鲜生回应：快兔将整改')).toEqual([['盒马鲜生', 2, undefined]]);
  });

  it('ignore a cue farther than the window', () => {
    const gap = '的'.repeat(DEFAULT_CUE_WINDOW);
    expect(brief(`快兔${gap}骑手`)).toEqual([['快兔', 1, 'sector']]);
    expect(brief(`快兔${gap}的骑手`)).toEqual([]);
    expect(brief(`骑手${gap}快兔`)).toEqual([['快兔', 1, 'sector']]);
    expect(brief(`骑手的${gap}快兔`)).toEqual([]);
  });

  it('do not count a cue inside their own span', () => {
    const m = buildMatcher([{ text: '骑手之家', firmId: 8, ambiguous: true }]);
    expect(brief('骑手之家', m)).toEqual([]);
    expect(brief('骑手之家骑手', m)).toEqual([['骑手之家', 8, 'sector']]);
  });

  it('free their span when rejected, so a plain alias inside can match', () => {
    // 快兔 (ambiguous, no cue) would otherwise hide 兔跑 by starting earlier.
    // (Short-alias boundaries off: 兔跑 glued to 快 is itself inside a word.)
    expect(brief('快兔跑了', buildMatcher(FIRMS, { shortAlias: 0 }))).toEqual([['兔跑', 3, undefined]]);
  });

  it('withdraw the firm cue when the plain alias loses the selection', () => {
    // 盒马鲜生 is covered by nothing, so it vouches for 盒马 ...
    expect(brief('盒马鲜生与盒马')).toEqual([
      ['盒马鲜生', 2, undefined],
      ['盒马', 2, 'firm'],
    ]);
    // ... but a vouching alias that another mention covers does not count:
    // 快兔跑腿 wins over 兔跑, so firm 3 has no plain mention here.
    // (Sector cues off: 跑腿 is one, and would confirm 跑跑 on its own.)
    const m = buildMatcher([...FIRMS, { text: '跑跑', firmId: 3, ambiguous: true }], { sectorCues: [] });
    expect(brief('快兔跑腿，跑跑', m)).toEqual([['快兔跑腿', 1, undefined]]);
  });

  it('use configurable cue words and window', () => {
    const custom = buildMatcher(FIRMS, { sectorCues: ['仓库'], cueWindow: 2 });
    expect(brief('快兔骑手', custom)).toEqual([]);
    expect(brief('快兔的仓库', custom)).toEqual([['快兔', 1, 'sector']]);
    expect(brief('快兔的的的仓库', custom)).toEqual([]);
    const off = buildMatcher(FIRMS, { sectorCues: [] });
    expect(brief('快兔骑手', off)).toEqual([]);
    expect(brief('快兔跑腿与快兔', off)).toEqual([
      ['快兔跑腿', 1, undefined],
      ['快兔', 1, 'firm'],
    ]);
    expect(brief('快兔骑手', buildMatcher(FIRMS, { cueWindow: 0 }))).toEqual([]);
  });

  it('match cue words after full-width folding, like aliases', () => {
    const m = buildMatcher([{ text: 'Go', firmId: 9, ambiguous: true }], { sectorCues: ['App'] });
    expect(brief('ＧＯ ＡＰＰ', m)).toEqual([['ＧＯ', 9, 'sector']]);
  });
});
