import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeItem,
  buildMatcher,
  createItemJudge,
  readAmount,
  readPeople,
} from '../../../src/domain/mentions/index.ts';
import { AMOUNT_ANCHORS, PEOPLE_ANCHORS, readAmountAt, readPeopleAt } from '../../../src/domain/mentions/collective.ts';
import { Automaton } from '../../../src/domain/mentions/automaton.ts';
import { createPlaceClassifier } from '../../../src/domain/place/classify-place.ts';
import { loadItems, loadRegistry } from '../../helpers/judgement-eval.ts';

// The item judge scans an item once for every rule; each rule alone scans
// it for its own words (analyzeItem, the place classifier). Both must give
// the same judgement, field for field, on anything.

const PROPERTY_TIMEOUT_MS = 60_000;
const registry = loadRegistry();
const local = { districts: registry.districts, streets: registry.streets };
const judge = createItemJudge(registry.patterns, { places: local });
const matcher = buildMatcher(registry.patterns);
const places = createPlaceClassifier(local);

function separately(text: string) {
  const a = analyzeItem(text, matcher);
  return { ...a, place: places.classify(text, a.mentions) };
}

// Pieces that exercise every rule: aliases (short, ambiguous, inside words),
// cues, negators and blockers, refutation, 与…无关, places and roads, head
// counts and sums in every shape the readers know, full-width digits.
const PIECES = [
  ...registry.patterns.map((p) => p.text).slice(0, 60),
  '并未',
  '没有',
  '未',
  '无',
  '否认',
  '不存在',
  '无故',
  '未能',
  '无锡',
  '拖欠工资',
  '欠薪',
  '讨薪',
  '罢工',
  '罢送',
  '聚集',
  '集体',
  '讨要',
  '工资',
  '押金',
  '不退',
  '社保',
  '断缴',
  '辟谣',
  '不实',
  '谣言',
  '但',
  '另有',
  '与',
  '和',
  '无关',
  '毫无关系',
  '关系',
  '二百余名',
  '43名',
  '3.9万元',
  '¥36,000',
  '￥ 1.5万',
  '186,400元',
  '第三十名',
  '十余万元',
  '三个月',
  '三个骑手',
  '近百名',
  '数十名',
  '二十多个兄弟',
  '30人',
  '八个人',
  '１２人',
  '５万元',
  '1',
  '2',
  ',',
  '.',
  '十',
  '百',
  '千',
  '万',
  '余',
  '多',
  '来',
  '名',
  '位',
  '个',
  '人',
  '元',
  '骑手',
  '员工',
  '湖南',
  '长沙',
  '南京东路',
  '本区',
  '区人社局',
  '长宁区',
  '浦东',
  '上海',
  '外卖',
  '平台',
  '美团',
  '滴滴',
  '完美团队',
  '点点滴滴',
  '，',
  '。',
  '！',
  '、',
  '\n',
  ' ',
  'Ａ',
  'a',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((ps) => ps.join(''));

describe('item judge', () => {
  it('judges every labelled item exactly as the rules do one by one', () => {
    for (const item of loadItems()) expect(judge.judge(item.text), item.id).toStrictEqual(separately(item.text));
  });

  it(
    'judges any mix of names, cues, negations, places and numbers as the rules do one by one',
    () => {
      fc.assert(
        fc.property(text, (t) => {
          expect(judge.judge(t)).toStrictEqual(separately(t));
        }),
        { numRuns: 3000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'reads head counts and sums at the anchors exactly as the whole-text readers',
    () => {
      const anchors = Automaton.build([...PEOPLE_ANCHORS, ...AMOUNT_ANCHORS], 0);
      const numbers = fc
        .array(fc.constantFrom(...'0123456789,.一二两三十百千万亿数几上近余多来第名位个人元¥￥ 骑手员工兄弟师傅月'), {
          maxLength: 24,
        })
        .map((cs) => cs.join(''));
      fc.assert(
        fc.property(numbers, (t) => {
          const hits = anchors.scan(t);
          const people = hits.filter((h) => h.pattern < PEOPLE_ANCHORS.length).map((h) => h.start);
          const amount = hits.filter((h) => h.pattern >= PEOPLE_ANCHORS.length).map((h) => h.start);
          expect(readPeopleAt(t, people)).toBe(readPeople(t));
          expect(readAmountAt(t, amount)).toBe(readAmount(t));
        }),
        { numRuns: 5000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('reads the issue examples', () => {
    const j = judge.judge('二百余名骑手聚集罢送，要求补发三个月工资，涉及十余万元');
    expect(j.collective).toEqual({ collective: true, people: 200, amount: 100_000 });
    expect(judge.judge('43名骑手被拖欠3.9万元，另有¥36,000押金不退').collective).toMatchObject({
      people: 43,
      amount: 39_000,
    });
  });
});
