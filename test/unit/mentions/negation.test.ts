import { describe, expect, it } from 'vitest';
import { analyzeItem, buildMatcher, classify, summarizeRisk } from '../../../src/domain/mentions/index.ts';

// Issue 14, item 3: negation, denial and refutation are not accusations.
const summary = (text: string) => summarizeRisk(classify(text));

describe('negators in scope clear the term', () => {
  const cleared = [
    '并未拖欠工资',
    '没有拖欠工资',
    '骑手未被拖欠工资',
    '该公司从未拖欠骑手工资',
    '站点并未发生罢工',
    '公司否认拖欠工资',
    '经调查，不存在欠薪问题',
    '平台方面表示无欠薪情况',
    '网点并非停业，只是搬迁',
    '骑手没被克扣工资',
    '未曾出现讨薪现象',
    '据了解，并没有罢送发生',
    '公司否认封号一事',
    '现场没有聚集人员',
    '站长称从来没有拖欠工钱',
    '配送站并无停工',
    '未被罚款扣款',
    '该站点没有任何拖欠工资的情况',
    '绝无恶意欠薪',
    '物流公司不曾跑路',
    '快递员没有被拖欠十余万元工资',
  ];
  for (const text of cleared) {
    it(`${text} is neutral`, () => {
      const hits = classify(text);
      expect(hits.length).toBeGreaterThan(0);
      expect(summarizeRisk(hits).neutral).toBe(true);
    });
  }
});

describe('what is not a negation stays a risk', () => {
  const risky: Array<[string, string]> = [
    ['骑手称遭无故扣款', 'bans_fines'],
    ['无锡骑手集体讨薪', 'arrears'],
    ['未发生事故，但骑手讨薪', 'arrears'],
    ['骑手未能拿到被拖欠的工资', 'arrears'],
    ['没有收到拖欠的工资', 'arrears'],
    ['没有社保，骑手讨薪无门', 'social_insurance'],
    ['公司未按时发放工资', 'arrears'],
    ['平台无法联系，站点老板跑路', 'closure'],
    ['没想到公司拖欠工资', 'arrears'],
    ['未签劳动合同还拖欠工资', 'arrears'],
    ['公司否认，但骑手称被拖欠工资', 'arrears'],
    ['网传罢工系谣言，但该站确实存在欠薪', 'arrears'],
    ['未经同意扣款', 'bans_fines'],
    ['无偿加班还被罚款', 'bans_fines'],
    ['骑手没能领到欠薪', 'arrears'],
    ['站点未及时补发工资', 'arrears'],
    ['不满平台封号，骑手聚集', 'gathering'],
    ['没有人管，骑手罢工', 'stoppage'],
    ['公司未足额支付，拖欠工资', 'arrears'],
    ['骑手无奈讨薪', 'arrears'],
    ['没收押金后又克扣工资', 'bans_fines'],
  ];
  for (const [text, category] of risky) {
    it(`${text} → ${category}`, () => {
      const s = summary(text);
      expect(s.neutral).toBe(false);
      expect(s.categories).toContain(category);
    });
  }
});

describe('rumour refutation', () => {
  const refuted = [
    '辟谣！网传某站点骑手罢工消息不实',
    '【辟谣】网传快递网点跑路系谣言',
    '网传骑手聚集讨薪，系谣言',
    '关于拖欠工资的传言不属实',
    '公司澄清：不存在拖欠工资',
    '网传骑手跳楼系假消息',
    '网传站点关闭纯属虚构',
    '骑手罢工一事子虚乌有',
    '辟谣：配送站未停业。网传的罢送视频拍摄于外地',
    '所谓欠薪系误传',
    '网传快递员猝死为谣言',
    '网上流传的封号传闻是虚假信息',
    '有人造谣称骑手集体罢工',
    '网传网点异常的消息并不属实',
    '辟谣\n某平台骑手围堵站点系旧闻',
    '辟谣！网传骑手讨薪不实。该站运营正常',
    '警方通报：网传外卖员坠楼系谣传',
    '网传工资拖欠系假新闻',
    '澄清！配送站未发生罢工',
    '网传拉横幅讨薪视频不实',
  ];
  for (const text of refuted) {
    it(`${text.replace('\n', ' ')} is neutral`, () => {
      expect(classify(text).length).toBeGreaterThan(0);
      expect(summary(text).neutral).toBe(true);
    });
  }

  it('a refutation in one sentence does not clear the next sentence of the body', () => {
    expect(summary('网传的罢工消息不实。另有骑手反映被拖欠工资').categories).toEqual(['arrears']);
    expect(summary('辟谣！罢工消息不实，但站点确实拖欠工资').categories).toEqual(['arrears']);
  });
});

describe('与…无关 clears the firm it names', () => {
  const matcher = buildMatcher([
    { text: '饿了么', firmId: 1 },
    { text: '美团外卖', firmId: 2 },
    { text: '圆通速递', firmId: 3 },
  ]);

  it('男子跳楼获救，与外卖平台无关 is no major item for any firm', () => {
    const a = analyzeItem('美团外卖骑手跳楼？男子跳楼获救，与外卖平台无关', matcher);
    expect(a.mentions).toMatchObject([{ firmId: 2, negated: true }]);
    const alone = analyzeItem('男子跳楼获救，与外卖平台无关', matcher);
    expect(alone.summary.major).toBe(false);
  });

  const cases: Array<[string, number[], number[]]> = [
    ['骑手讨薪与饿了么无关，系美团外卖站点纠纷', [1], [2]],
    ['饿了么称此事与美团外卖没有关系', [2], [1]],
    ['圆通速递网点停业，与饿了么无关', [1], [3]],
    ['警方称，男子坠楼与圆通速递无关', [3], []],
    ['此事和饿了么、美团外卖均无关', [1, 2], []],
    ['美团外卖回应：骑手受伤与工作无关', [2], []],
    ['饿了么骑手罢工，与美团外卖毫无关系', [2], [1]],
    ['跟圆通速递没关系，饿了么骑手讨薪', [3], [1]],
  ];
  for (const [text, negated, live] of cases) {
    it(text, () => {
      const a = analyzeItem(text, matcher);
      expect(
        a.mentions
          .filter((m) => m.negated)
          .map((m) => m.firmId)
          .sort(),
      ).toEqual(negated);
      expect(
        a.mentions
          .filter((m) => !m.negated)
          .map((m) => m.firmId)
          .sort(),
      ).toEqual(live);
    });
  }

  it('a disclaimer naming no firm clears the risk of its sentence', () => {
    expect(analyzeItem('男子跳楼获救，与外卖平台无关', matcher).summary.neutral).toBe(true);
    expect(analyzeItem('骑手讨薪，与饿了么无关', matcher).summary.categories).toEqual(['arrears']);
  });

  it('items without a disclaimer carry negated: false', () => {
    expect(analyzeItem('饿了么骑手讨薪', matcher).mentions).toMatchObject([{ firmId: 1, negated: false }]);
  });
});
