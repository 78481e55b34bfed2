import { describe, expect, it } from 'vitest';
import {
  analyzeItem,
  applyLexiconOverride,
  buildMatcher,
  classify,
  createClassifier,
  DEFAULT_LEXICON,
  LABOR_RISK_CATEGORIES,
  parseLexiconOverride,
  summarizeRisk,
} from '../../../src/domain/mentions/index.ts';

const summary = (text: string) => summarizeRisk(classify(text));
const terms = (text: string) => classify(text).map((h) => `${h.category}:${text.slice(h.offset, h.offset + h.length)}`);

describe('default lexicon', () => {
  it('covers every category with severities 1–5, extreme being 5 and major', () => {
    const seen = new Set(DEFAULT_LEXICON.terms.map((t) => t.category));
    expect([...seen].sort()).toEqual([...LABOR_RISK_CATEGORIES].sort());
    for (const t of DEFAULT_LEXICON.terms) {
      expect(t.severity).toBeGreaterThanOrEqual(1);
      expect(t.severity).toBeLessThanOrEqual(5);
      expect(t.major).toBe(t.category === 'extreme');
      if (t.category === 'extreme') expect(t.severity).toBe(5);
    }
    expect(new Set(DEFAULT_LEXICON.terms.map((t) => t.term)).size).toBe(DEFAULT_LEXICON.terms.length);
  });
});

describe('classify', () => {
  it('reads realistic headlines', () => {
    expect(summary('快兔跑腿晨光路站骑手聚集讨薪')).toEqual({
      neutral: false,
      maxSeverity: 3,
      categories: ['arrears', 'gathering'],
      major: false,
    });
    expect(summary('某主播猝死')).toMatchObject({ categories: ['injury'], maxSeverity: 5, major: false });
    expect(summary('外卖小哥跳楼')).toEqual({ neutral: false, maxSeverity: 5, categories: ['extreme'], major: true });
    expect(summary('多名骑手称被平台封号罚款，超时罚款最高200元')).toMatchObject({
      categories: ['bans_fines', 'algorithm'],
      maxSeverity: 3,
    });
    expect(summary('某配送站点集体停运，骑手围堵站长办公室')).toMatchObject({
      categories: ['stoppage', 'gathering'],
      maxSeverity: 4,
    });
  });

  it('reports term, severity and offsets into the original text', () => {
    const text = '网传某公司拖欠工资三个月';
    expect(classify(text)).toEqual([
      { category: 'arrears', term: '拖欠工资', severity: 3, major: false, offset: 5, length: 4, negated: false },
    ]);
  });

  it('prefers the longest term where terms nest', () => {
    expect(terms('平台超时罚款引争议')).toEqual(['algorithm:超时罚款']);
    expect(terms('站点集体停运')).toEqual(['stoppage:集体停运']);
    expect(terms('骑手集体讨薪')).toEqual(['gathering:集体', 'arrears:讨薪']);
  });

  it('keeps items with no risk term as neutral', () => {
    for (const text of ['快兔跑腿上线新功能，用户好评如潮', '今日上海天气晴', '']) {
      expect(classify(text)).toEqual([]);
      expect(summary(text)).toEqual({ neutral: true, maxSeverity: 0, categories: [], major: false });
    }
  });
});

describe('negation', () => {
  it('marks plainly negated terms and leaves them out of the summary', () => {
    const hits = classify('经核实，该站点未发生罢工');
    expect(hits).toMatchObject([{ term: '罢工', negated: true }]);
    expect(summarizeRisk(hits).neutral).toBe(true);
    expect(classify('事故未造成人员伤亡')).toMatchObject([
      { term: '事故', negated: false },
      { term: '伤亡', negated: true },
    ]);
    expect(classify('并未发生大规模罢工')[0]?.negated).toBe(true);
  });

  it('stays clause-bound: clause breaks, distance and words built on 无 do not negate', () => {
    expect(summary('未发生事故，但骑手讨薪')).toMatchObject({ neutral: false, categories: ['arrears'] });
    // Within the clause a negator reaches a few characters (issue 14 item 3) ...
    expect(classify('未发生过任何形式的罢工')[0]?.negated).toBe(true);
    expect(summary('公司否认拖欠工资').neutral).toBe(true);
    // ... but not further.
    expect(classify('未发生过任何一种形式的罢工')[0]?.negated).toBe(false);
    expect(summary('骑手称遭无故扣款').categories).toEqual(['bans_fines']);
    // Only the first of two listed terms is right after the cue.
    expect(classify('未发生罢工停工').map((h) => h.negated)).toEqual([true, false]);
  });
});

describe('lexicon override', () => {
  it('adds, redefines and removes terms, and can add categories', () => {
    const override = parseLexiconOverride({
      terms: [
        { term: '断缴社保', category: 'social_insurance', severity: 3 },
        { term: '集体', category: 'gathering', severity: 2 },
        { term: '坠亡', category: 'extreme', severity: 5 },
      ],
      remove: ['算法'],
    });
    const c = createClassifier(applyLexiconOverride(DEFAULT_LEXICON, override));
    expect(summarizeRisk(c.classify('骑手集体反映平台断缴社保'))).toEqual({
      neutral: false,
      maxSeverity: 3,
      categories: ['gathering', 'social_insurance'],
      major: false,
    });
    expect(c.classify('算法调整')).toEqual([]);
    expect(c.classify('一男子坠亡')[0]).toMatchObject({ term: '坠亡', major: true });
  });

  it('replaces the whole lexicon and the negation cues when asked', () => {
    const lex = applyLexiconOverride(
      DEFAULT_LEXICON,
      parseLexiconOverride({
        replace: true,
        terms: [{ term: '罢工', category: 'stoppage', severity: 2 }],
        negations: [],
      }),
    );
    expect(lex.terms).toHaveLength(1);
    const c = createClassifier(lex);
    expect(c.classify('未发生罢工，讨薪')).toMatchObject([{ term: '罢工', severity: 2, negated: false }]);
  });

  it('rejects malformed overrides with every problem listed', () => {
    expect(() => parseLexiconOverride({ terms: [{ term: '', category: 'Bad Cat', severity: 9 }] })).toThrow(
      /terms\.0\.term.*terms\.0\.category.*terms\.0\.severity/,
    );
    expect(() => parseLexiconOverride({ term: [] })).toThrow(/invalid lexicon override/);
    expect(() => parseLexiconOverride('{}')).toThrow(/invalid lexicon override/);
    expect(parseLexiconOverride({})).toEqual({ replace: false, terms: [], remove: [] });
  });
});

describe('analyzeItem', () => {
  it('stores mentions with the item classification', () => {
    const matcher = buildMatcher([{ text: '快兔跑腿', firmId: 1 }]);
    const result = analyzeItem('快兔跑腿晨光路站骑手聚集讨薪', matcher);
    expect(result.mentions).toMatchObject([{ firmId: 1, offset: 0, length: 4 }]);
    expect(result.summary.categories).toEqual(['arrears', 'gathering']);
    expect(analyzeItem('快兔跑腿发布新品', matcher).summary.neutral).toBe(true);
  });
});
