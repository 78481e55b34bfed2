import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPiiInText, maskIdNumber, maskName, maskPhone, maskPiiInText } from '../../src/domain/pii.ts';

describe('masking personal data', () => {
  it('masks names, phones and ID numbers as the console shows them', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧***');
    expect(maskName('张')).toBe('张*');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
  });

  it('finds and masks phone and ID numbers inside free text', () => {
    const text = '骑手李四（电话13812345678，身份证110105194912310021）反映站长拖欠工资，座机021-62345678。';
    expect(findPiiInText(text).map((f) => f.kind)).toEqual(['phone', 'id', 'phone']);
    const masked = maskPiiInText(text);
    expect(masked).toBe('骑手李四（电话138****5678，身份证110***********0021）反映站长拖欠工资，座机021****5678。');
    expect(masked).not.toMatch(/13812345678|110105194912310021|62345678/);
  });

  it('leaves amounts, dates and order numbers alone', () => {
    const text = '拖欠工资12000元，2026年11月3日起，涉及15人，工单号20261103';
    expect(maskPiiInText(text)).toBe(text);
  });

  it('never leaves an 11-digit mobile number readable (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.integer({ min: 3, max: 9 }),
        fc.stringMatching(/^\d{9}$/),
        fc.string({ maxLength: 20 }),
        (pre, second, rest, post) => {
          const phone = `1${second}${rest}`;
          const safePre = pre.replace(/\d$/, 'x');
          const safePost = post.replace(/^\d/, 'x');
          expect(maskPiiInText(`${safePre}${phone}${safePost}`)).not.toContain(phone);
        },
      ),
    );
  });

  it("masks the petitioner's own name where the summary repeats it, but not one-character names", () => {
    expect(maskPiiInText('反映拖欠工资，联系人张三 13812345678，张三称已三月未发', ['张三'])).toBe(
      '反映拖欠工资，联系人张* 138****5678，张*称已三月未发',
    );
    expect(maskPiiInText('欧阳小明来访', ['欧阳小明', null, '王'])).toBe('欧***来访');
    expect(maskPiiInText('王师傅反映', ['王'])).toBe('王师傅反映');
  });
});
