import { describe, expect, it } from 'vitest';
import { bandKeys, isSameStory, similarity, storyKey, storyText } from '../../../src/domain/stories/near-duplicate.ts';

// Issue 14, item 5: copies of one story collapse; different stories do not.

const ARTICLE = {
  title: '二十余名外卖骑手聚集配送站讨薪 街道已介入调解',
  text: '二十余名骑手聚集在晨光路配送站门口，反映站点拖欠三个月工资。街道、派出所和区人社局到场调解，站点负责人承诺限期支付。',
};
const key = (title: string, text: string, firms: number[] = [1]) => storyKey(title, text, firms);
const base = key(ARTICLE.title, ARTICLE.text);

const copies: [string, string, string][] = [
  ['identical', ARTICLE.title, ARTICLE.text],
  ['half-width punctuation', ARTICLE.title, ARTICLE.text.replace(/，/g, ',').replace(/。/g, '.')],
  ['spaces and line breaks', ARTICLE.title.replace(' ', '　'), ARTICLE.text.replace(/，/g, '，\n  ')],
  ['a source line added', ARTICLE.title, `来源：某某新闻网 ${ARTICLE.text}`],
  ['an editor line added', ARTICLE.title, `${ARTICLE.text}（责任编辑：王五）`],
  ['a word changed', ARTICLE.title, ARTICLE.text.replace('承诺限期支付', '表示限期支付')],
  ['two small edits', ARTICLE.title.replace('街道已介入调解', '街道介入调解'), ARTICLE.text.replace('三个月', '3个月')],
  ['title rewritten, text kept', '骑手聚集配送站讨薪，街道介入', ARTICLE.text],
  ['summary only (contained)', ARTICLE.title, ARTICLE.text.slice(0, 40)],
  ['full-width digits and letters', ARTICLE.title, ARTICLE.text.replace('三个月', '３个月')],
  ['an appended (完)', ARTICLE.title, `${ARTICLE.text}（完）`],
  ['HTML left-overs', ARTICLE.title, `<p>${ARTICLE.text}</p>`],
];

const different: [string, string, string, number[]?][] = [
  [
    'another station, other words',
    '快递网点罚款扣款引发不满',
    '多名快递员反映网点按超时、投诉次数罚款，申诉后被封号，部分人月收入低于最低工资。',
  ],
  [
    'same firm, a later event',
    '配送站欠薪事件追踪：区人社局已下达责令支付指令书',
    '区人社局表示，企业逾期未支付的，将依法进一步处理，并移送公安机关。',
  ],
  ['a promotion', '外卖平台推出新年促销活动，满减叠加会员红包', '活动期间新用户首单立减，会员每日可领红包。'],
  [
    'a strike elsewhere',
    '数十名骑手罢送 劳务公司称正在筹款',
    '数十名由劳务公司派往平台的骑手停工一天，要求结清两个月工资。公司称正在筹款。',
  ],
  [
    'an accident',
    '骑手送餐途中发生交通事故 受伤骑手已送医',
    '一名骑手在送餐途中与一辆轿车相撞受伤，已被送往医院救治。交警部门正在调查事故原因。',
  ],
  ['a short headline', '骑手讨薪', ''],
  ['templated notice about another firm', ARTICLE.title, ARTICLE.text, [2]],
  ['social insurance', '骑手的社保到底交没交？', '入职半年，查了一下社保一分没交，站长说是平台的事。'],
  ['algorithm', '算法又改了，超时罚款越来越多', '配送时间又压缩了五分钟，困在系统里，一天被扣好几单。'],
  [
    'a policy notice',
    '区人社局约谈平台 督促落实新就业形态劳动者权益保障责任',
    '要求平台督促合作企业依法用工，公示派单规则与计件单价。',
  ],
  [
    'same opening, different story',
    ARTICLE.title.slice(0, 8),
    '平台回应称已督促站点核实情况，骑手工资将于本周内发放完毕，后续将加强对合作商的管理。',
  ],
];

describe('near-duplicate stories', () => {
  it.each(copies)('a copy collapses: %s', (_, title, text) => {
    expect(isSameStory(base, key(title, text))).toBe(true);
    expect(isSameStory(key(title, text), base)).toBe(true);
  });

  it.each(copies)('a copy shares a MinHash band with the original: %s', (_, title, text) => {
    const a = new Set(bandKeys(base.shingles));
    expect(bandKeys(key(title, text).shingles).some((b) => a.has(b))).toBe(true);
  });

  it.each(different)('different stories stay apart: %s', (_, title, text, firms) => {
    expect(isSameStory(base, key(title, text, firms ?? [1]))).toBe(false);
  });

  it('normalises to Han characters, letters and digits only', () => {
    expect(storyText('Ｋ骑手，讨薪！', ' A-1 ')).toBe('k骑手讨薪a1');
  });

  it('keeps firms apart only when neither set covers the other', () => {
    expect(isSameStory(key(ARTICLE.title, ARTICLE.text, [1, 2]), key(ARTICLE.title, ARTICLE.text, [1]))).toBe(true);
    expect(isSameStory(key(ARTICLE.title, ARTICLE.text, []), key(ARTICLE.title, ARTICLE.text, [3]))).toBe(true);
    expect(isSameStory(key(ARTICLE.title, ARTICLE.text, [1, 2]), key(ARTICLE.title, ARTICLE.text, [2, 3]))).toBe(false);
  });

  it.each([
    [['湖南', '长沙'], ['晨光路街道'], false],
    [['杭州'], ['望月街道'], false],
    [['长沙'], ['长沙市'], true],
    [['晨光路'], ['晨光路街道'], true],
    [[], ['晨光路街道'], true],
  ] as [string[], string[], boolean][])('the same words in places %j and %j: same story = %s', (a, b, same) => {
    const text = '一快兔跑腿站点拖欠骑手工资，二十余名骑手反映三个月未拿到工资，站长称等平台结算';
    expect(
      isSameStory(storyKey(`${a.join('')}${text}`, '', [1], a), storyKey(`${b.join('')}${text}`, '', [1], b)),
    ).toBe(same);
  });

  it('similarity is symmetric and 1 for equal sets', () => {
    const s = similarity(base.shingles, base.shingles);
    expect(s).toEqual({ jaccard: 1, containment: 1 });
    expect(similarity(new Set(), base.shingles)).toEqual({ jaccard: 0, containment: 0 });
  });

  it('empty text has no band keys and is no copy of anything', () => {
    expect(bandKeys(key('', '').shingles)).toEqual([]);
    expect(isSameStory(key('', ''), key('', ''))).toBe(false);
  });
});
