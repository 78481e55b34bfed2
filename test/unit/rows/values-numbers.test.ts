import { describe, expect, it } from 'vitest';
import { parseAmount, parseInteger } from '../../../src/domain/values/index.ts';

function amount(raw: string): number {
  const r = parseAmount(raw);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('parseAmount: the forms of CONTRACT §2', () => {
  it.each([
    ['12000', 12000],
    ['12,000元', 12000],
    ['1.2万', 12000],
    ['1.2万元', 12000],
    ['12000元', 12000],
    ['1,234,567.89', 1234567.89],
    ['0.5万', 5000],
    ['1.15万', 11500],
    ['3亿元', 300000000],
    ['¥12,000', 12000],
    ['￥12,000.50元', 12000.5],
    ['１２，０００元', 12000],
    [' 12000 ', 12000],
    ['0', 0],
    ['1.2345万元', 12345],
  ])('%s → %d', (raw, want) => {
    expect(amount(raw)).toBe(want);
  });

  it('scales on decimal digits, so there is no floating-point residue', () => {
    expect(amount('1.15万')).toBe(11500);
    expect(amount('0.07万')).toBe(700);
    expect(amount('2.675万元')).toBe(26750);
  });

  it('rejects negative amounts, garbage and finer than a fen', () => {
    expect(parseAmount('-500')).toEqual({ ok: false, message: 'an amount cannot be negative: -500' });
    expect(parseAmount('-1.2万').ok).toBe(false);
    for (const bad of ['', 'abc', '一万', '12,00', '1,2000', '12.000.5', '1.2万万', '.5', '12e3', 'NaN', '1..2']) {
      expect(parseAmount(bad).ok, bad).toBe(false);
    }
    expect(parseAmount('一万')).toMatchObject({
      message: expect.stringMatching(/^not an amount: '一万'; expected 12000, 12,000元, 1.2万 or 1.2万元/),
    });
    expect(parseAmount('12.345').ok).toBe(false);
    expect(parseAmount('99999999999999999999').ok).toBe(false);
  });
});

describe('parseInteger', () => {
  it('reads counts as spreadsheets write them', () => {
    expect(parseInteger('12')).toEqual({ ok: true, value: 12 });
    expect(parseInteger('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseInteger('12人')).toEqual({ ok: true, value: 12 });
    expect(parseInteger('１２名')).toEqual({ ok: true, value: 12 });
    expect(parseInteger('12.0')).toEqual({ ok: true, value: 12 });
    expect(parseInteger('0')).toEqual({ ok: true, value: 0 });
  });

  it('rejects fractions, negatives, garbage and values below the minimum', () => {
    expect(parseInteger('1.5')).toEqual({ ok: false, message: 'not a whole number: 1.5' });
    expect(parseInteger('-3')).toEqual({ ok: false, message: 'cannot be negative: -3' });
    expect(parseInteger('many').ok).toBe(false);
    expect(parseInteger('').ok).toBe(false);
    expect(parseInteger('0', { min: 1 })).toEqual({ ok: false, message: 'must be at least 1: 0' });
    expect(parseInteger('11', { max: 10 }).ok).toBe(false);
    expect(parseInteger('99999999999999999').ok).toBe(false);
  });
});
