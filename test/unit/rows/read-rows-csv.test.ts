import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type Charset, type CsvHeader, parseRow, readRows } from '../../../src/ingest/rows/index.ts';
import { BOM, chunked, collect } from './helpers.ts';

const ZH =
  '检查编号,单位名称,检查日期,违法事项,涉及金额\n' +
  'JC-1,示例配送有限公司,2026/11/3,拖欠工资、超时加班,"12,000元"\n' +
  'JC-2,示例派遣有限公司,2026年11月5日,,1.2万\n';

describe('readRows csv: headers', () => {
  it('maps Chinese headers to English names when the kind is given', async () => {
    const rows = await collect(ZH, 'csv', { kind: 'inspections' });
    expect(rows.map((r) => r.record)).toEqual([
      {
        record_id: 'JC-1',
        firm: '示例配送有限公司',
        date: '2026/11/3',
        violations: '拖欠工资、超时加班',
        amount: '12,000元',
      },
      { record_id: 'JC-2', firm: '示例派遣有限公司', date: '2026年11月5日', violations: '', amount: '1.2万' },
    ]);
    expect(rows.map((r) => [r.line, r.index])).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });

  it('gives the same rows for English headers in another order', async () => {
    const en =
      'amount,date,record_id,violations,firm\n' + '"12,000元",2026/11/3,JC-1,拖欠工资、超时加班,示例配送有限公司\n';
    const [a] = await collect(en, 'csv', { kind: 'inspections' });
    const [b] = await collect(ZH, 'csv', { kind: 'inspections' });
    expect(a!.record).toEqual(b!.record);
    expect(parseRow('inspections', a!.record)).toEqual(parseRow('inspections', b!.record));
  });

  it('keeps headers as written without a kind, which the schemas still understand', async () => {
    const [row] = await collect(ZH, 'csv');
    expect(Object.keys(row!.record!)).toEqual(['检查编号', '单位名称', '检查日期', '违法事项', '涉及金额']);
    expect(parseRow('inspections', row!.record)).toMatchObject({ ok: true, row: { recordId: 'JC-1', amount: 12000 } });
  });

  it('keeps unknown and duplicate columns under distinct keys and reports the header', async () => {
    let header: CsvHeader | undefined;
    const text = '检查编号,联系人,检查日期,date,,单位名称\nJC-1,王示例,2026-11-03,2026-11-04,x,示例公司\n';
    const [row] = await collect(text, 'csv', { kind: 'inspections', onHeader: (h) => (header = h) });
    expect(header).toEqual({
      headers: ['检查编号', '联系人', '检查日期', 'date', '', '单位名称'],
      names: ['record_id', '联系人', 'date', 'date#4', 'column_5', 'firm'],
    });
    const parsed = parseRow('inspections', row!.record);
    expect(parsed).toMatchObject({
      ok: true,
      row: { date: '2026-11-03', extra: { 联系人: '王示例', 'date#4': '2026-11-04', column_5: 'x' } },
    });
  });
});

describe('readRows csv: charsets', () => {
  it('reads UTF-8 with and without BOM alike', async () => {
    const withBom = await collect(Buffer.concat([BOM, Buffer.from(ZH)]), 'csv', { kind: 'inspections' });
    const without = await collect(ZH, 'csv', { kind: 'inspections' });
    expect(withBom).toEqual(without);
  });

  it('detects GBK written by Excel (CRLF, Chinese headers), across every chunk boundary', async () => {
    const gbk = iconv.encode(ZH.replace(/\n/g, '\r\n'), 'gbk');
    const expected = await collect(ZH, 'csv', { kind: 'inspections' });
    for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
      let charset: Charset | undefined;
      const rows = await collect(gbk, 'csv', { kind: 'inspections', onCharset: (c) => (charset = c) }, size);
      expect(charset, `chunk ${size}`).toBe('gb18030');
      expect(
        rows.map((r) => r.record),
        `chunk ${size}`,
      ).toEqual(expected.map((r) => r.record));
    }
  });

  it('decides at the first non-ASCII byte even when it comes late', async () => {
    const ascii = `record_id,firm,date\n${Array.from({ length: 3000 }, (_, i) => `JC-${i},Firm ${i},2026-11-03\n`).join('')}`;
    const text = `${ascii}JC-X,示例公司,2026-11-04\n`;
    let charset: Charset | undefined;
    const rows = await collect(
      iconv.encode(text, 'gb18030'),
      'csv',
      { kind: 'inspections', onCharset: (c) => (charset = c) },
      1000,
    );
    expect(charset).toBe('gb18030');
    expect(rows.at(-1)!.record).toEqual({ record_id: 'JC-X', firm: '示例公司', date: '2026-11-04' });
    expect(rows).toHaveLength(3001);
  });

  it('reads GB18030 four-byte characters and a UTF-16 file with BOM', async () => {
    const text = 'name,address\n示例𠀀公司,上海\n';
    expect((await collect(iconv.encode(text, 'gb18030'), 'csv'))[0]!.record).toEqual({
      name: '示例𠀀公司',
      address: '上海',
    });
    const utf16 = iconv.encode(text.replace(/,/g, '\t'), 'utf-16le', { addBOM: true });
    expect((await collect(utf16, 'csv', {}, 5))[0]!.record).toEqual({ name: '示例𠀀公司', address: '上海' });
  });

  it('takes a Node Readable as the source', async () => {
    const rows: unknown[] = [];
    for await (const r of readRows(Readable.from([Buffer.from(ZH)]), 'csv', { kind: 'inspections' }))
      rows.push(r.record);
    expect(rows).toHaveLength(2);
  });
});

describe('readRows csv: lines and quoting', () => {
  const text =
    'record_id,firm,notes\r\n' + // 1
    'JC-1,"示例, 有限公司","第一行\r\n第二行\n第三行"\r\n' + // 2-4
    '\r\n' + // 5 (blank)
    'JC-2,"说""引号""",plain\r\n' + // 6
    ',,\r\n' + // 7 (blank cells)
    'JC-3,a"b,c\r\n' + // 8: a quote inside an unquoted cell is literal
    'JC-4,x\r\n' + // 9: a short row
    'JC-5,x,y,z\r\n' + // 10: a long row
    'JC-6,"ok"tail,n\r\n' + // 11: text after a closing quote
    'JC-7,last,row'; // 12, no final newline

  it('reports the physical line where each record starts', async () => {
    for (const size of [1, 3, 1 << 16]) {
      const rows = await collect(text, 'csv', { kind: 'inspections' }, size);
      expect(
        rows.map((r) => r.line),
        `chunk ${size}`,
      ).toEqual([2, 6, 8, 9, 10, 11, 12]);
      expect(rows.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
  });

  it('unquotes cells and keeps multi-line cells whole', async () => {
    const rows = await collect(text, 'csv', { kind: 'inspections' });
    expect(rows[0]!.record).toEqual({ record_id: 'JC-1', firm: '示例, 有限公司', notes: '第一行\r\n第二行\n第三行' });
    expect(rows[0]!.raw).toBe('JC-1,"示例, 有限公司","第一行\r\n第二行\n第三行"');
    expect(rows[1]!.record).toEqual({ record_id: 'JC-2', firm: '说"引号"', notes: 'plain' });
    expect(rows[2]!.record).toEqual({ record_id: 'JC-3', firm: 'a"b', notes: 'c' });
    expect(rows[3]!.record).toEqual({ record_id: 'JC-4', firm: 'x', notes: '' });
  });

  it('turns malformed records into error rows and goes on', async () => {
    const rows = await collect(text, 'csv', { kind: 'inspections' });
    expect(rows[4]).toMatchObject({
      line: 10,
      record: null,
      raw: 'JC-5,x,y,z',
      error: 'row has 4 cells but the header has 3 (an unquoted comma?)',
    });
    expect(rows[5]).toMatchObject({
      line: 11,
      record: null,
      raw: 'JC-6,"ok"tail,n',
      error: 'cell 2 has text after its closing quote',
    });
    expect(rows[6]).toMatchObject({ line: 12, record: { record_id: 'JC-7', firm: 'last', notes: 'row' } });
  });

  it('ends with one error row at an unclosed quote', async () => {
    const rows = await collect('a,b\n1,2\n3,"open\n4,5\n', 'csv');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.record).toEqual({ a: '1', b: '2' });
    expect(rows[1]).toMatchObject({ line: 3, record: null, error: expect.stringMatching(/never closed/) });
  });

  it('stops at a runaway record instead of buffering the file', async () => {
    const big = `a,b\n1,"${'x'.repeat(5000)}\n`;
    const rows = await collect(big, 'csv', { maxRecordChars: 1000 }, 256);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      line: 2,
      record: null,
      error: expect.stringMatching(/longer than 1000 characters/),
    });
  });

  it('sniffs tab and semicolon delimiters from the header line', async () => {
    expect((await collect('a\tb\n1\t2\n', 'csv'))[0]!.record).toEqual({ a: '1', b: '2' });
    expect((await collect('a;b\n1;2,5\n', 'csv'))[0]!.record).toEqual({ a: '1', b: '2,5' });
    expect((await collect('a;b\n1;2\n', 'csv', { delimiter: ',' }))[0]!.record).toEqual({ 'a;b': '1;2' });
  });

  it('reads an empty file or a header alone as no rows', async () => {
    expect(await collect('', 'csv')).toEqual([]);
    expect(await collect('a,b\r\n', 'csv')).toEqual([]);
    expect(await collect(BOM, 'csv')).toEqual([]);
  });

  it('does not hold the file: one chunk at a time', async () => {
    const rowsOut: number[] = [];
    let produced = 0;
    async function* source() {
      yield Buffer.from('a,b\n');
      for (let i = 0; i < 5; i++) {
        produced++;
        yield Buffer.from(`${i},x\n`);
      }
    }
    for await (const r of readRows(source(), 'csv')) rowsOut.push(produced - Number((r.record as { a: string }).a));
    // Each row comes out before more than one further chunk was pulled.
    expect(Math.max(...rowsOut)).toBeLessThanOrEqual(2);
  });
});

describe('chunked helper', () => {
  it('covers the input exactly', () => {
    const parts = [...chunked(Buffer.from('abcdefg'), 3)].map((b) => Buffer.from(b).toString());
    expect(parts).toEqual(['abc', 'def', 'g']);
  });
});
