import { describe, expect, it } from 'vitest';
import {
  FIRM_ROLE,
  INCIDENT_KIND,
  INSPECTION_KIND,
  INSPECTION_STATUS,
  ORDER,
  PETITION_CATEGORY,
  PETITION_CHANNEL,
  PETITION_STATUS,
  SECTOR,
  VIOLATION,
  type EnumDict,
  cleanText,
  parseBool,
  parseFirmRef,
  splitMulti,
} from '../../../src/domain/values/index.ts';

describe('splitMulti', () => {
  it.each([
    ['wage_arrears|overtime', ['wage_arrears', 'overtime']],
    ['拖欠工资、超时加班', ['拖欠工资', '超时加班']],
    ['拖欠工资；超时加班', ['拖欠工资', '超时加班']],
    ['a | b ｜ c ; d', ['a', 'b', 'c', 'd']],
    ['a||b、、', ['a', 'b']],
    ['a|a|b', ['a', 'b']],
    ['', []],
    ['  ', []],
    ['示例有限公司,上海分公司', ['示例有限公司,上海分公司']],
  ])('%j → %j', (raw, want) => {
    expect(splitMulti(raw)).toEqual({ ok: true, value: want });
  });
});

describe('parseBool', () => {
  it.each([
    ['是', true],
    ['否', false],
    ['yes', true],
    ['No', false],
    ['TRUE', true],
    ['false', false],
    ['Y', true],
    ['0', false],
  ])('%s → %s', (raw, want) => {
    expect(parseBool(raw)).toEqual({ ok: true, value: want });
  });

  it('rejects anything else', () => {
    expect(parseBool('也许')).toEqual({
      ok: false,
      message: "not a yes/no value: '也许'; expected 是/否, yes/no or true/false",
    });
  });
});

describe('cleanText', () => {
  it('trims and drops zero-width characters only', () => {
    expect(cleanText('  示例\u200b公司\ufeff ')).toBe('示例公司');
    expect(cleanText('a  b')).toBe('a  b');
  });
});

describe('enum dictionaries', () => {
  const all: EnumDict<string>[] = [
    SECTOR,
    FIRM_ROLE,
    INSPECTION_KIND,
    VIOLATION,
    ORDER,
    INSPECTION_STATUS,
    PETITION_CHANNEL,
    PETITION_CATEGORY,
    PETITION_STATUS,
    INCIDENT_KIND,
  ];

  it('accept every English code and every Chinese label', () => {
    for (const dict of all) {
      for (const code of dict.codes) {
        expect(dict.parse(code)).toEqual({ ok: true, value: code });
        expect(dict.parse(dict.labels[code]!)).toEqual({ ok: true, value: code });
      }
    }
  });

  it('map the examples of the brief', () => {
    expect(SECTOR.parse('外卖配送')).toEqual({ ok: true, value: 'food_delivery' });
    expect(FIRM_ROLE.parse('平台')).toEqual({ ok: true, value: 'platform' });
    expect(ORDER.parse('责令支付')).toEqual({ ok: true, value: 'pay' });
    expect(PETITION_CHANNEL.parse('12333')).toEqual({ ok: true, value: 'hotline' });
    expect(PETITION_CHANNEL.parse('热线 (12333)')).toEqual({ ok: true, value: 'hotline' });
    expect(INCIDENT_KIND.parse('欠薪事件')).toEqual({ ok: true, value: 'arrears' });
  });

  it("accept the 12345 hotline and the leaders' message board by their many names (issue 14 item 11)", () => {
    const cases: [string, string][] = [
      ['12345', 'hotline_12345'],
      ['12345市民服务热线', 'hotline_12345'],
      ['12345热线', 'hotline_12345'],
      ['市民热线', 'hotline_12345'],
      ['１２３４５', 'hotline_12345'],
      ['12345（市民服务热线）', 'hotline_12345'],
      ['hotline_12345', 'hotline_12345'],
      ['12345 热线', 'hotline_12345'],
      ['人民网领导留言板', 'leaders_board'],
      ['领导留言板', 'leaders_board'],
      ['留言板', 'leaders_board'],
      ['人民网留言板', 'leaders_board'],
      ['领导留言板(人民网)', 'leaders_board'],
      ['【人民网】领导留言板', 'leaders_board'],
      ['leaders_board', 'leaders_board'],
      ['Leaders Board', 'leaders_board'],
      ['12333热线', 'hotline'],
      ['热线', 'hotline'],
      ['来访', 'visit'],
    ];
    for (const [raw, code] of cases) expect(PETITION_CHANNEL.parse(raw), raw).toEqual({ ok: true, value: code });
    expect(PETITION_CHANNEL.labels.hotline_12345).toBe('12345热线');
    expect(PETITION_CHANNEL.labels.leaders_board).toBe('领导留言板');
    expect(PETITION_CHANNEL.parseList('12345|人民网领导留言板')).toEqual({
      ok: true,
      value: ['hotline_12345', 'leaders_board'],
    });
    // A bracket rule never turns an unknown word into a code.
    expect(PETITION_CHANNEL.parse('微博(12345)').ok).toBe(false);
  });

  it('ignore case, width, spaces, hyphens and underscores', () => {
    expect(SECTOR.parse(' Food Delivery ')).toEqual({ ok: true, value: 'food_delivery' });
    expect(SECTOR.parse('RIDE-HAILING')).toEqual({ ok: true, value: 'ride_hailing' });
    expect(VIOLATION.parse('ｍｉｎ＿ｗａｇｅ')).toEqual({ ok: true, value: 'min_wage' });
  });

  it('name the unknown value and the expected ones', () => {
    const r = SECTOR.parse('外星');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/^unknown sector '外星'; expected one of food_delivery \(外卖配送\)/);
      expect(r.message).toContain('other (其他)');
    }
  });

  it('hand out a fresh list each time, even for a remembered cell', () => {
    const a = VIOLATION.parseList('拖欠工资、童工');
    if (a.ok) a.value.push('other');
    expect(VIOLATION.parseList('拖欠工资、童工')).toEqual({ ok: true, value: ['wage_arrears', 'child_labor'] });
  });

  it('read multi-valued cells with every separator, and 无 as nothing found', () => {
    expect(VIOLATION.parseList('拖欠工资、overtime；未缴社会保险|童工')).toEqual({
      ok: true,
      value: ['wage_arrears', 'overtime', 'social_insurance', 'child_labor'],
    });
    expect(VIOLATION.parseList('无')).toEqual({ ok: true, value: [] });
    expect(VIOLATION.parseList('')).toEqual({ ok: true, value: [] });
    expect(VIOLATION.parseList('拖欠工资|拖欠工资')).toEqual({ ok: true, value: ['wage_arrears'] });
    const bad = VIOLATION.parseList('拖欠工资|迟到|早退');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^unknown violation '迟到', '早退'; expected /);
  });
});

describe('parseFirmRef', () => {
  it('tells a USCC from a name by its shape', () => {
    expect(parseFirmRef('91310115MA1FL0A199')).toEqual({
      ok: true,
      value: { uscc: '91310115MA1FL0A199', name: null, nameKey: null },
    });
    expect(parseFirmRef('9131 0115 MA1F L0A1 99')).toMatchObject({ ok: true, value: { uscc: '91310115MA1FL0A199' } });
    expect(parseFirmRef('示例出行科技（上海）有限公司')).toEqual({
      ok: true,
      value: { uscc: null, name: '示例出行科技（上海）有限公司', nameKey: '示例出行科技(上海)有限公司' },
    });
  });

  it('reports a mistyped code instead of taking it for a name', () => {
    expect(parseFirmRef('91310115MA1FL0A198')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^invalid USCC/),
    });
    expect(parseFirmRef('91310115MA1FL0A19')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/18 characters/),
    });
  });
});
