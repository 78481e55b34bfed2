import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firmNameKeys, keyColumns } from '../../src/domain/firm-name.ts';
import { buildDemoDistrict } from '../../src/demo/district.ts';

// Issue 14 item 1: the key a name is matched by, beyond spelling.
const key = (n: string) => firmNameKeys(n).nameKey;

describe('firm name key', () => {
  it('folds the legal form, the place and bracket widths of the issue examples', () => {
    const k = key('上海骋润物流科技有限公司');
    for (const v of [
      '骋润物流科技(上海)有限公司',
      '骋润物流科技（上海）',
      '上海骋润物流科技',
      '上海市骋润物流科技有限责任公司',
      '骋润物流科技（上海市）有限公司',
      '上海 骋润物流科技',
      '骋润物流科技【上海】',
    ]) {
      expect(key(v), v).toBe(k);
    }
    expect(key('上海鸿航信息技术')).toBe(key('上海鸿航信息技术有限公司'));
    expect(firmNameKeys('骋润物流科技').baseKey).toBe(firmNameKeys('上海骋润物流科技有限公司').baseKey);
    expect(firmNameKeys('骋润物流科技').hasPlace).toBe(false);
  });

  it('drops every legal form, also stacked ones', () => {
    const k = key('蓝鲸货运科技');
    for (const form of [
      '有限公司',
      '有限责任公司',
      '股份有限公司',
      '集团有限公司',
      '集团股份有限公司',
      '（集团）有限公司',
      '公司',
      '集团',
      '股份公司',
    ]) {
      expect(key(`蓝鲸货运科技${form}`), form).toBe(k);
    }
    expect(key('松涛创投合伙企业（有限合伙）')).toBe(key('松涛创投'));
    expect(key('松涛创投（有限合伙）')).toBe(key('松涛创投'));
  });

  it('keeps a branch, station or outlet apart from its head office', () => {
    const head = key('上海骋润物流科技有限公司');
    for (const b of [
      '上海骋润物流科技有限公司长宁分公司',
      '骋润物流科技长宁分公司',
      '骋润物流科技(上海)有限公司长宁分公司',
      '骋润长宁站',
      '骋润物流科技有限公司天山路营业部',
      '骋润物流科技有限公司北新泾网点',
      '骋润物流科技有限公司仙霞配送站',
      '上海骋润物流科技有限公司分公司',
    ]) {
      const k = firmNameKeys(b);
      expect(k.branch, b).toBe(true);
      expect(k.nameKey, b).not.toBe(head);
      expect(k.baseKey, b).toContain('|');
    }
    // The same branch written two ways is one key.
    expect(key('骋润物流科技(上海)有限公司长宁分公司')).toBe(key('上海骋润物流科技有限公司长宁分公司'));
    // A station registered as a company is written without its legal form.
    expect(key('晨光路配送站')).toBe(key('晨光路配送站有限公司'));
  });

  it('keeps names that differ in their words apart', () => {
    expect(key('上海骋润物流科技有限公司')).not.toBe(key('北京骋润物流科技有限公司'));
    expect(key('骋润物流科技有限公司')).not.toBe(key('骋润物流有限公司'));
    expect(key('上海有限公司')).not.toBe('');
  });

  it('keys every demo registry name so that its variants meet it, and no two distinct firms unless their names say so', () => {
    const { firms } = buildDemoDistrict();
    const keys = new Map<string, string[]>();
    for (const f of firms) keys.set(key(f.name), [...(keys.get(key(f.name)) ?? []), f.name]);
    // Registered names are distinct firms; the key may only merge those that differ in legal form or place alone.
    for (const [, names] of keys) expect(names.length, names.join(' / ')).toBeLessThanOrEqual(2);
    expect(keys.size).toBeGreaterThan(firms.length * 0.97);
    expect(keyColumns('上海快兔网络科技有限公司')).toEqual({
      name_key: '快兔网络科技(上海)',
      base_key: '快兔网络科技',
    });
  });
});

describe('firm name key (properties)', () => {
  const han = fc.constantFrom(...'骋润物流科技鸿航信息网络蓝鲸货运快兔跑腿配送松涛劳务'.split(''));
  const core = fc.array(han, { minLength: 2, maxLength: 6 }).map((a) => a.join(''));
  const place = fc.constantFrom('上海', '北京', '杭州', '长宁');
  const form = fc.constantFrom('有限公司', '有限责任公司', '股份有限公司', '集团有限公司', '');
  const brackets = fc.constantFrom(['(', ')'], ['（', '）']);

  it('a name with its place leading, bracketed or full-width, with or without its legal form, has one key', () => {
    fc.assert(
      fc.property(core, place, form, form, brackets, fc.boolean(), (c, p, f1, f2, [l, r], city) => {
        const registered = `${p}${c}${f1}`;
        const written = city ? `${c}${l}${p}${city && p.length === 2 ? '市' : ''}${r}${f2}` : `${c}${l}${p}${r}${f2}`;
        expect(key(written)).toBe(key(registered));
        expect(firmNameKeys(written).baseKey).toBe(firmNameKeys(registered).baseKey);
      }),
    );
  });

  it('a branch of a firm never has the key of any firm that is not a branch', () => {
    const marker = fc.constantFrom('分公司', '站', '营业部', '网点', '配送站', '服务部', '门店');
    fc.assert(
      fc.property(core, place, form, core, marker, (c, p, f, where, m) => {
        const head = firmNameKeys(`${p}${c}${f}`);
        const branch = firmNameKeys(`${p}${c}${f}${where}${m}`);
        expect(branch.branch).toBe(true);
        expect(branch.nameKey).not.toBe(head.nameKey);
        expect(branch.baseKey).not.toBe(head.baseKey);
        if (!head.branch) expect(head.baseKey).not.toContain('|');
      }),
    );
  });

  it('is idempotent on its own output and ignores width and spacing', () => {
    fc.assert(
      fc.property(core, place, form, (c, p, f) => {
        const k = firmNameKeys(`${p}${c}${f}`);
        expect(firmNameKeys(`${p} ${c}　${f}`.replace(/\(/g, '（')).nameKey).toBe(k.nameKey);
        expect(firmNameKeys(k.baseKey).baseKey).toBe(k.baseKey);
      }),
    );
  });
});
