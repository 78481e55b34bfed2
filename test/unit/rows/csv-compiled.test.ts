import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RowKind, parseRawRow, parseRow, rowSchemas } from '../../../src/ingest/rows/index.ts';
import { collect } from './helpers.ts';

// The parser compiled from a CSV header must give, row for row, what
// parseRow gives for the record csvRows makes of the same cells: the same
// row, or the same reasons in the same order.

const HEADERS: Record<'inspections' | 'petitions', string[]> = {
  inspections: [
    'record_id',
    '检查编号',
    '编号',
    'firm',
    '单位名称',
    '被检查单位',
    'uscc',
    '统一社会信用代码',
    'date',
    '检查日期',
    '检查类型',
    'violations',
    '违法行为',
    'workers',
    'amount',
    '涉及金额',
    'order',
    'due',
    'rectified',
    'status',
    '区',
    'street',
    'inspector',
    'notes',
    'related',
    '备用电话',
    '2024',
    '1',
    'x#3',
    '',
    ' Record ID ',
  ],
  petitions: [
    'record_id',
    '信访编号',
    'received',
    '登记日期',
    'channel',
    'firm',
    '被反映单位',
    'uscc',
    'category',
    'petitioners',
    'repeat',
    'summary',
    'name',
    '姓名',
    'phone',
    'id_number',
    'status',
    'closed',
    '紧急联系人',
    '7',
    'name#2',
    '',
  ],
};

const VALUES = [
  '',
  ' ',
  'JC-1',
  ' XF-9 ',
  '星火晨光站有限公司',
  '91310105700010058E',
  '91310105700010058F',
  '2026-11-03',
  '2026年11月3日',
  '2026-13-40',
  '2026-11-03 14:05',
  '举报投诉',
  'complaint',
  '拖欠工资|未缴社会保险',
  '拖欠工资、坏值',
  '12',
  '-3',
  '1.2万',
  '12,000元',
  'abc',
  '责令支付',
  '逾期未改',
  '热线',
  '欠薪',
  '是',
  '否',
  'maybe',
  '张三',
  '13812345678',
  '11010519491231002X',
  '110105194912310021',
  '\u200b 空白 \u200b',
  'a"b',
  '0',
  '1',
];

function table(kind: 'inspections' | 'petitions') {
  const header = fc.uniqueArray(fc.constantFrom(...HEADERS[kind]), { minLength: 1, maxLength: 14 });
  const twice = fc.array(fc.constantFrom(...HEADERS[kind]), { maxLength: 2 });
  return fc.tuple(header, twice).chain(([h, extra]) => {
    const names = [...h, ...extra];
    const row = fc.array(fc.constantFrom(...VALUES), { minLength: 0, maxLength: names.length });
    return fc.tuple(fc.constant(names), fc.array(row, { minLength: 1, maxLength: 6 }));
  });
}

const csv = (rows: string[][]) =>
  `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`;

describe('CSV rows through the compiled header', () => {
  for (const kind of ['inspections', 'petitions'] as const) {
    it(`parse as parseRow does, ${kind}`, async () => {
      await fc.assert(
        fc.asyncProperty(table(kind), async ([names, rows]) => {
          // A row of one empty cell is blank and skipped; a marker keeps every row.
          const body = rows.map((r) => (r.length === 0 ? ['x'] : r));
          const raws = await collect(csv([names, ...body]), 'csv', { kind });
          for (const raw of raws) {
            if (raw.record === null) continue;
            expect(parseRawRow(kind, raw)).toEqual(parseRow(kind, raw.record));
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('keeps the last cell of a header name given twice, as the record does', async () => {
    // The second x is renamed x#4 and meets the first header's name.
    const text = 'x#4,record_id,x,x,date,firm\na,JC-1,b,c,2026-11-03,星火\na,JC-2\n';
    const raws = await collect(text, 'csv', { kind: 'inspections' });
    expect(raws[0]!.record).toMatchObject({ 'x#4': 'c', x: 'b' });
    for (const raw of raws) expect(parseRawRow('inspections', raw)).toEqual(parseRow('inspections', raw.record));
    const first = parseRawRow('inspections', raws[0]!);
    expect(first.ok && first.row.extra).toEqual({ 'x#4': 'c', x: 'b' });
  });

  it('falls back to the record when asked for another kind', async () => {
    const [raw] = await collect('record_id,date,firm\nJC-1,2026-11-03,星火\n', 'csv', { kind: 'inspections' });
    expect(parseRawRow('petitions', raw!)).toEqual(parseRow('petitions', raw!.record));
  });
});

describe('the zod schemas', () => {
  it('report what parseRow reports', () => {
    const records: [RowKind, unknown][] = [
      ['inspections', { record_id: 'JC-1', date: '2026-13-40', workers: 'abc' }],
      ['inspections', { record_id: 'JC-1', date: '2026-11-03', firm: '星火' }],
      ['petitions', { record_id: 'XF-1', received: '', uscc: '91310105700010058F' }],
      ['petitions', []],
    ];
    for (const [kind, record] of records) {
      const z = rowSchemas[kind].safeParse(record);
      const p = parseRow(kind, record);
      expect(z.success).toBe(p.ok);
      if (!z.success && !p.ok) expect(z.error.issues.map((i) => i.message)).toEqual(p.reasons.map((r) => r.message));
      if (z.success && p.ok) expect(z.data).toEqual(p.row);
    }
  });
});
