import { describe, expect, it } from 'vitest';
import { type AliasPattern, buildMatcher, type Mention, normalizeText } from '../../../src/domain/mentions/index.ts';

const FIRMS: AliasPattern[] = [
  { text: '快兔', firmId: 1, ambiguous: true },
  { text: '快兔跑腿', firmId: 1 },
  { text: 'Kuaitu', firmId: 1 },
  { text: '上海快兔网络科技有限公司', firmId: 1 },
  { text: '盒马', firmId: 2, ambiguous: true },
  { text: '盒马鲜生', firmId: 2 },
  { text: '达达', firmId: 3 },
  { text: '达达快送', firmId: 3 },
  { text: '跑腿达人', firmId: 4 },
  { text: '美团（上海）', firmId: 5 },
];
const matcher = buildMatcher(FIRMS);

/** Mentions as [surface text, firmId] for compact assertions. */
function surfaces(text: string, mentions: Mention[]): [string, number][] {
  return mentions.map((m) => [text.slice(m.offset, m.offset + m.length), m.firmId]);
}

describe('findMentions: selection', () => {
  it('prefers the longest of nested aliases', () => {
    const text = '快兔跑腿晨光路站骑手聚集讨薪';
    const found = matcher.findMentions(text);
    expect(found).toEqual([{ firmId: 1, alias: '快兔跑腿', offset: 0, length: 4, ambiguous: false }]);
  });

  it('takes the leftmost of overlapping aliases, then the next that does not overlap', () => {
    // 快兔跑腿 and 跑腿达人 overlap on 跑腿: the earlier start wins.
    const text = '快兔跑腿达人';
    expect(surfaces(text, matcher.findMentions(text))).toEqual([['快兔跑腿', 1]]);
  });

  it('keeps adjacent aliases', () => {
    const text = '达达快送盒马鲜生快兔跑腿';
    expect(surfaces(text, matcher.findMentions(text))).toEqual([
      ['达达快送', 3],
      ['盒马鲜生', 2],
      ['快兔跑腿', 1],
    ]);
  });

  it('repeats a mention each time the alias occurs', () => {
    const text = '达达，达达，达达';
    expect(matcher.findMentions(text).map((m) => m.offset)).toEqual([0, 3, 6]);
  });

  it('returns nothing for text without aliases', () => {
    expect(matcher.findMentions('今天天气晴朗')).toEqual([]);
    expect(matcher.findMentions('')).toEqual([]);
  });

  it('reports every firm that shares an alias, on the same span', () => {
    const shared = buildMatcher([
      { text: '星辰物流', firmId: 7 },
      { text: '星辰物流', firmId: 8 },
    ]);
    const found = shared.findMentions('据悉星辰物流停工');
    expect(found.map((m) => [m.firmId, m.offset, m.length])).toEqual([
      [7, 2, 4],
      [8, 2, 4],
    ]);
  });

  it('merges spellings of one alias for one firm', () => {
    const m = buildMatcher([
      { text: 'Kuaitu', firmId: 1 },
      { text: 'KUAITU', firmId: 1 },
    ]);
    expect(m.aliasCount).toBe(1);
    expect(m.findMentions('kuaitu')).toHaveLength(1);
  });

  it('rejects an empty alias', () => {
    expect(() => buildMatcher([{ text: '', firmId: 1 }])).toThrow(/empty/);
  });
});

describe('findMentions: normalization and offsets', () => {
  it('matches full-width Latin and brackets, with offsets into the original text', () => {
    const text = '网传ＫＵＡＩＴＵ与美团(上海)均被约谈';
    const found = matcher.findMentions(text);
    expect(surfaces(text, found)).toEqual([
      ['ＫＵＡＩＴＵ', 1],
      ['美团(上海)', 5],
    ]);
    for (const m of found) {
      expect(normalizeText(text.slice(m.offset, m.offset + m.length))).toBe(normalizeText(m.alias));
    }
  });

  it('matches lower-case and mixed-width spellings', () => {
    for (const text of ['kuaitu骑手', 'Ｋｕａｉｔｕ骑手', 'KuaiＴＵ骑手']) {
      expect(surfaces(text, matcher.findMentions(text))).toEqual([[text.slice(0, 6), 1]]);
    }
  });

  it('does not match a Latin alias inside a longer Latin word', () => {
    expect(matcher.findMentions('Kuaitux上线')).toEqual([]);
    expect(matcher.findMentions('2Kuaitu')).toEqual([]);
    expect(matcher.findMentions('新Kuaitu上线')).toHaveLength(1);
    expect(matcher.findMentions('(Kuaitu)')).toHaveLength(1);
  });

  it('keeps offsets right after astral characters (surrogate pairs)', () => {
    const text = '😀𠀀达达快送';
    const [m] = matcher.findMentions(text);
    expect(m?.offset).toBe(4);
    expect(text.slice(m!.offset, m!.offset + m!.length)).toBe('达达快送');
  });

  it('matches astral characters inside an alias', () => {
    const m = buildMatcher([{ text: '𠀀记物流', firmId: 9 }]);
    expect(m.findMentions('今天𠀀记物流停工')).toEqual([
      { firmId: 9, alias: '𠀀记物流', offset: 2, length: 5, ambiguous: false },
    ]);
  });
});
