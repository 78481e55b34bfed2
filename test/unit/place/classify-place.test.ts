import { describe, expect, it } from 'vitest';
import { createPlaceClassifier } from '../../../src/domain/place/classify-place.ts';
import { closerPlace, mentionPlace } from '../../../src/domain/place/mention-place.ts';

// Issue 14, item 6: the district (name, streets), elsewhere, or none.

const places = createPlaceClassifier({
  districts: ['示范区', '邻区'],
  streets: ['晨光路街道', '青枫街道', '松涛镇', '北苑街道'],
});

const cases: [string, 'local' | 'elsewhere' | 'none', string[]?][] = [
  ['示范区一配送站骑手讨薪', 'local', ['示范区']],
  ['晨光路街道某站点拖欠工资', 'local', ['晨光路街道']],
  ['晨光路上的骑手聚集讨薪', 'local', ['晨光路']],
  ['松涛一家网点罚款扣款', 'local', ['松涛']],
  ['邻区北苑街道快递员停工', 'local'],
  ['记者从区人社局获悉，已责令企业支付', 'local', ['区人社局']],
  ['我区开展新就业形态劳动者权益保障专项检查', 'local'],
  ['属地派出所已到场处置', 'local'],
  ['湖南长沙一快递站点拖欠工资', 'elsewhere', ['湖南', '长沙']],
  ['长沙市岳麓区骑手讨薪', 'elsewhere', ['长沙']],
  ['广东深圳数十名骑手罢送', 'elsewhere'],
  ['杭州某网点快递员集体停工', 'elsewhere', ['杭州']],
  ['长宁区一外卖站点拖欠工资', 'elsewhere', ['长宁区']],
  ['浦东新区骑手聚集讨薪', 'elsewhere', ['浦东新区']],
  ['内蒙古包头一站点停运', 'elsewhere'],
  ['长沙来的骑手在晨光路街道讨薪', 'local', ['晨光路街道', '长沙']],
  ['南京东路一家门店促销', 'none'],
  ['湖南路上新开了一家咖啡店', 'none'],
  ['北京西路、重庆南路和广西北路路口拥堵', 'none'],
  ['外卖骑手困在系统里', 'none'],
  ['上海市多家平台企业被约谈', 'none'],
  ['全国多地骑手反映平台算法压缩配送时间', 'none'],
  ['骑手参加区人社局组织的培训', 'local', ['区人社局']],
  ['区总工会为骑手送清凉', 'local'],
  ['长宁区人社局通报欠薪案件', 'elsewhere', ['长宁区']],
  ['中山公园附近的站点骑手反映扣款', 'none'],
];

describe('place of an item', () => {
  it.each(cases)('%s → %s', (text, place, names) => {
    const r = places.classify(text);
    expect(r.place).toBe(place);
    if (names) expect(r.names).toEqual(names);
  });

  it('ignores place names inside a firm name the matcher found', () => {
    const text = '北京三快在线科技有限公司回应骑手欠薪';
    expect(places.classify(text).place).toBe('elsewhere');
    expect(places.classify(text, [{ offset: 0, length: 12 }]).place).toBe('none');
    const local = '杭州某某配送有限公司示范区分站骑手讨薪';
    expect(places.classify(local, [{ offset: 0, length: 10 }])).toEqual({ place: 'local', names: ['示范区'] });
  });

  it('a configured district from the gazetteer is local, not elsewhere', () => {
    const changning = createPlaceClassifier({ districts: ['长宁区'], streets: ['新华路街道'] });
    expect(changning.classify('长宁区一站点拖欠工资').place).toBe('local');
    expect(changning.classify('长宁一站点拖欠工资').place).toBe('local');
    expect(changning.classify('徐汇区一站点拖欠工资').place).toBe('elsewhere');
    expect(changning.classify('新华路骑手讨薪').place).toBe('local');
  });

  it('with no configured places, local cues still work and the gazetteer still applies', () => {
    const bare = createPlaceClassifier({ districts: [], streets: [] });
    expect(bare.classify('湖南长沙骑手讨薪').place).toBe('elsewhere');
    expect(bare.classify('区人社局责令支付').place).toBe('local');
    expect(bare.classify('骑手讨薪').place).toBe('none');
  });
});

describe('place of a mention for the model', () => {
  it('none is national for a platform and local for a partner firm', () => {
    expect(mentionPlace('none', true)).toBe('national');
    expect(mentionPlace('none', false)).toBe('local');
    expect(mentionPlace('elsewhere', true)).toBe('elsewhere');
    expect(mentionPlace('local', true)).toBe('local');
    expect(mentionPlace(null, true)).toBeUndefined();
  });

  it('copies of one story keep the place closest to the district', () => {
    expect(closerPlace('elsewhere', 'local')).toBe('local');
    expect(closerPlace('national', 'elsewhere')).toBe('national');
    expect(closerPlace('national', 'local')).toBe('local');
    expect(closerPlace(undefined, 'elsewhere')).toBeUndefined();
  });
});
