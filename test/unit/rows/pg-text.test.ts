import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arrayLiteral, boolCell, listCell, numberCell } from '../../../src/ingest/pg-text.ts';
import { detach } from '../../../src/domain/values/index.ts';

/** PostgreSQL's reading of a one-dimensional array literal, for the cases we write. */
function parseArrayLiteral(s: string): Array<string | null> {
  expect(s.startsWith('{') && s.endsWith('}')).toBe(true);
  const out: Array<string | null> = [];
  let i = 1;
  while (i < s.length - 1) {
    if (s.startsWith('NULL', i)) {
      out.push(null);
      i += 4;
    } else {
      expect(s[i]).toBe('"');
      let v = '';
      for (i++; s[i] !== '"'; i++) v += s[i] === '\\' ? s[++i] : s[i];
      out.push(v);
      i++;
    }
    if (s[i] === ',') i++;
  }
  return out;
}

describe('PostgreSQL text cells', () => {
  it('writes array literals that read back as the same cells', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'binary' }), { nil: null })), (cells) => {
        expect(parseArrayLiteral(arrayLiteral(cells))).toEqual(cells);
      }),
    );
  });

  it('quotes every element, so NULL, braces, commas and spaces stay text', () => {
    expect(arrayLiteral(['NULL', '{a,b}', ' x ', '', null, 'a"b\\c'])).toBe(
      '{"NULL","{a,b}"," x ","",NULL,"a\\"b\\\\c"}',
    );
  });

  it('writes numbers, booleans and lists as PostgreSQL reads them', () => {
    expect([numberCell(12000.5), numberCell(0), numberCell(null)]).toEqual(['12000.5', '0', null]);
    expect([boolCell(true), boolCell(false), boolCell(null)]).toEqual(['true', 'false', null]);
    expect([listCell([]), listCell(['wage_arrears', 'rest'])]).toEqual(['{}', '{"wage_arrears","rest"}']);
  });
});

describe('detach', () => {
  it('returns an equal string, short or long', () => {
    const chunk = '骑手,快兔跑腿（上海）网络科技有限公司晨光路站,2026-11-03\n'.repeat(100);
    for (const s of [chunk.slice(3, 8), chunk.slice(3, 30), chunk, '']) expect(detach(s)).toBe(s);
  });
});
