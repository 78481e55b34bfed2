import { describe, expect, it } from 'vitest';
import { Invalid } from '../../../src/domain/errors.ts';
import { formatFromContentType, formatFromName, parseRow } from '../../../src/ingest/rows/index.ts';
import { BOM, collect } from './helpers.ts';

describe('readRows ndjson', () => {
  const text =
    '{"record_id":"JC-1","firm":"示例公司","date":"2026-11-03","violations":["wage_arrears"]}\n' + // 1
    '\n' + // 2
    '{"record_id":"JC-2","firm":"示例公司","date":\n' + // 3: broken
    '[1,2]\r\n' + // 4: not an object
    '{"record_id":"JC-3","uscc":"91310115MA1FL0A199","date":"2026/11/5"}'; // 5, no newline

  it('gives one RawRow per non-blank line with its line number', async () => {
    for (const size of [1, 7, 1 << 16]) {
      const rows = await collect(text, 'ndjson', {}, size);
      expect(
        rows.map((r) => [r.line, r.index, r.record === null]),
        `chunk ${size}`,
      ).toEqual([
        [1, 1, false],
        [3, 2, true],
        [4, 3, true],
        [5, 4, false],
      ]);
    }
  });

  it('keeps a broken line as an error row with its text', async () => {
    const rows = await collect(text, 'ndjson');
    expect(rows[1]).toMatchObject({
      raw: '{"record_id":"JC-2","firm":"示例公司","date":',
      error: expect.stringMatching(/^not valid JSON: /),
    });
    expect(rows[2]).toMatchObject({ raw: '[1,2]', error: 'line is not a JSON object' });
    expect(parseRow('inspections', rows[0]!.record)).toMatchObject({ ok: true, row: { violations: ['wage_arrears'] } });
  });

  it('skips an overlong line and resynchronizes at the next', async () => {
    const long = `{"x":"${'a'.repeat(3000)}"}\n{"record_id":"ok"}\n`;
    const rows = await collect(long, 'ndjson', { maxRecordChars: 500 }, 100);
    expect(rows).toEqual([
      { line: 1, index: 1, raw: '', record: null, error: 'line longer than 500 characters was skipped' },
      { line: 2, index: 2, raw: '{"record_id":"ok"}', record: { record_id: 'ok' } },
    ]);
  });

  it('accepts a BOM and GBK like CSV does', async () => {
    const rows = await collect(Buffer.concat([BOM, Buffer.from('{"a":"示例"}\n')]), 'ndjson');
    expect(rows[0]!.record).toEqual({ a: '示例' });
  });
});

describe('readRows json', () => {
  const pretty = `[
  {
    "record_id": "XF-1",
    "received": "2026-11-02",
    "firm": "示例公司, \\"上海\\" [分公司] {x}"
  },
  {"record_id": "XF-2", "received": "2026-11-03", "firm": "B"},
  42,
  {"record_id": "XF-3", "received": "2026-11-04", "firm": },
  {"record_id": "XF-4", "received": "2026-11-05", "uscc": "91310115MA1FL0A199", "category": ["injury", "hours"]}
]
`;

  it('gives one RawRow per element, at the line where it starts', async () => {
    for (const size of [1, 5, 1 << 16]) {
      const rows = await collect(pretty, 'json', {}, size);
      expect(
        rows.map((r) => [r.line, r.index, r.error ?? 'ok']),
        `chunk ${size}`,
      ).toEqual([
        [2, 1, 'ok'],
        [7, 2, 'ok'],
        [8, 3, 'array element is not a JSON object'],
        [9, 4, expect.stringMatching(/^not valid JSON/)],
        [10, 5, 'ok'],
      ]);
    }
  });

  it('keeps strings with brackets and escaped quotes intact', async () => {
    const rows = await collect(pretty, 'json', {}, 3);
    expect(rows[0]!.record).toEqual({
      record_id: 'XF-1',
      received: '2026-11-02',
      firm: '示例公司, "上海" [分公司] {x}',
    });
    expect(parseRow('petitions', rows[4]!.record)).toMatchObject({
      ok: true,
      row: { categories: ['injury', 'hours'] },
    });
  });

  it('reads a minified array and an empty one', async () => {
    const rows = await collect('[{"a":1},{"a":2}]', 'json', {}, 4);
    expect(rows.map((r) => [r.line, r.index, r.record])).toEqual([
      [1, 1, { a: 1 }],
      [1, 2, { a: 2 }],
    ]);
    expect(await collect('[]', 'json')).toEqual([]);
    expect(await collect('', 'json')).toEqual([]);
  });

  it('reads a file of bare objects as a sequence (a single object, or NDJSON named .json)', async () => {
    const rows = await collect('{"a":1}\n{"a":2}\n', 'json');
    expect(rows.map((r) => r.record)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reports truncation and trailing content as error rows', async () => {
    const cut = await collect('[{"a":1},{"a":', 'json');
    expect(cut).toMatchObject([
      { record: { a: 1 } },
      { line: 1, record: null, error: 'the file ends inside this record (truncated?)' },
    ]);
    const open = await collect('[{"a":1},', 'json');
    expect(open).toMatchObject([
      { record: { a: 1 } },
      { record: null, error: 'the JSON array is never closed (truncated file?)' },
    ]);
    const trailing = await collect('[{"a":1}]\n{"b":2}', 'json');
    expect(trailing).toMatchObject([
      { record: { a: 1 } },
      { line: 2, record: null, error: expect.stringMatching(/after the end/) },
    ]);
  });

  it('stops at an element longer than the limit', async () => {
    const rows = await collect(`[{"a":"${'x'.repeat(2000)}"},{"b":1}]`, 'json', { maxRecordChars: 500 }, 64);
    expect(rows).toEqual([
      { line: 1, index: 1, raw: '', record: null, error: expect.stringMatching(/longer than 500/) },
    ]);
  });

  it('refuses a document that is not an array of objects', async () => {
    await expect(collect('"just a string"', 'json')).rejects.toBeInstanceOf(Invalid);
  });
});

describe('format from name or content type', () => {
  it.each([
    ['imports/firms.csv', 'csv'],
    ['X.CSV', 'csv'],
    ['a.json', 'json'],
    ['a.ndjson', 'ndjson'],
    ['a.jsonl', 'ndjson'],
    ['a.xlsx', null],
    ['noext', null],
  ])('%s → %s', (name, want) => {
    expect(formatFromName(name)).toBe(want);
  });

  it('reads content types with parameters', () => {
    expect(formatFromContentType('text/csv; charset=gbk')).toBe('csv');
    expect(formatFromContentType('application/json')).toBe('json');
    expect(formatFromContentType('application/x-ndjson')).toBe('ndjson');
    expect(formatFromContentType('text/plain')).toBeNull();
  });
});
