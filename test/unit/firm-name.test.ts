import { describe, expect, it } from 'vitest';
import { normalizeFirmName, toHalfWidth } from '../../src/domain/firm-name.ts';

describe('firm name normalization', () => {
  it('folds full-width characters, brackets, spaces and company-form variants', () => {
    const a = normalizeFirmName('快兔跑腿（上海）网络科技有限责任公司');
    expect(a).toBe(normalizeFirmName('快兔跑腿(上海)网络科技有限公司'));
    expect(a).toBe(normalizeFirmName(' 快兔跑腿 (上海) 网络科技 有限公司 '));
    expect(normalizeFirmName('ＡＢＣ配送站')).toBe('abc配送站');
  });
  it('keeps branches distinct from their head office', () => {
    expect(normalizeFirmName('快兔跑腿网络科技有限公司长宁分公司')).not.toBe(
      normalizeFirmName('快兔跑腿网络科技有限公司'),
    );
  });
  it('is idempotent', () => {
    for (const s of ['（上海）有限责任公司', 'Ａ　Ｂ', '【蓝鲸】货运'])
      expect(normalizeFirmName(normalizeFirmName(s))).toBe(normalizeFirmName(s));
  });
  it('half-width conversion covers the full-width ASCII block and the ideographic space', () => {
    expect(toHalfWidth('！～０９Ａｚ　')).toBe('!~09Az ');
  });
});

import fc from 'fast-check';

describe('firm name normalization (properties)', () => {
  const piece = fc.constantFrom(
    '快兔',
    '跑腿',
    '（',
    '）',
    '(',
    ')',
    ' ',
    '　',
    'Ａ',
    'a',
    '有限责任公司',
    '有限公司',
    '分公司',
    '上海',
    '1',
    '１',
    '【',
    '】',
  );
  const name = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
  it('is idempotent and ignores spaces and full/half width', () => {
    fc.assert(
      fc.property(name, (n) => {
        const once = normalizeFirmName(n);
        expect(normalizeFirmName(once)).toBe(once);
        expect(normalizeFirmName(n.replace(/[ 　]/g, ''))).toBe(once);
        expect(normalizeFirmName(toHalfWidth(n))).toBe(once);
        expect(once).not.toMatch(/[\s\uFF01-\uFF5E]/);
      }),
    );
  });
});
