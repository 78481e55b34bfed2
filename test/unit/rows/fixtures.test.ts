import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RowKind, type RowReason, formatFromName, parseRow, readRows } from '../../../src/ingest/rows/index.ts';

const DIR = new URL('../../fixtures/imports/', import.meta.url);

interface Outcome {
  accepted: { line: number; row: Record<string, unknown> }[];
  rejected: { line: number; reasons: (RowReason | string)[] }[];
  charset?: string;
}

async function importFile(name: string, kind: RowKind): Promise<Outcome> {
  const out: Outcome = { accepted: [], rejected: [] };
  const format = formatFromName(name)!;
  const source = createReadStream(new URL(name, DIR), { highWaterMark: 64 });
  for await (const raw of readRows(source, format, { kind, onCharset: (c) => (out.charset = c) })) {
    if (raw.record === null) {
      out.rejected.push({ line: raw.line, reasons: [raw.error!] });
      continue;
    }
    const r = parseRow(kind, raw.record);
    if (r.ok) out.accepted.push({ line: raw.line, row: r.row as unknown as Record<string, unknown> });
    else out.rejected.push({ line: raw.line, reasons: r.reasons });
  }
  return out;
}

describe('sample import files', () => {
  it('firms.csv: UTF-8 with BOM, Chinese headers, a multi-line address', async () => {
    const r = await importFile('firms.csv', 'firms');
    expect(r.charset).toBe('utf-8');
    expect(r.rejected).toEqual([]);
    expect(r.accepted.map((a) => a.line)).toEqual([2, 3, 5, 6, 7]);
    expect(r.accepted[1]!.row).toMatchObject({
      name: '上海浦江示例配送服务有限公司',
      role: 'franchisee',
      parents: [{ uscc: '91310115MA1FL0A199' }],
      address: '上海市浦东新区示例路2号\nB座3层',
      extra: { 联系人: '李示例' },
    });
    expect(r.accepted[3]!.row).toMatchObject({ sector: 'ride_hailing', role: 'platform' });
  });

  it('inspections.csv: every date and amount form, one row wrong in many ways', async () => {
    const r = await importFile('inspections.csv', 'inspections');
    expect(r.accepted.map((a) => [a.line, a.row.date, a.row.amount])).toEqual([
      [2, '2026-11-03', 12000],
      [3, '2026-11-05', 12000],
      [4, '2026-11-07', null],
      [5, '2026-11-08', 35000],
    ]);
    expect(r.accepted[3]!.row).toMatchObject({
      violations: ['wage_arrears', 'social_insurance'],
      notes: '多人联名\n要求补缴社保',
    });
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.line).toBe(7);
    expect((r.rejected[0]!.reasons as RowReason[]).map((x) => x.field)).toEqual(['uscc', 'date', 'workers', 'amount']);
  });

  it('inspections-gbk.csv: the same rows from a GBK file', async () => {
    const utf8 = await importFile('inspections.csv', 'inspections');
    const gbk = await importFile('inspections-gbk.csv', 'inspections');
    expect(gbk.charset).toBe('gb18030');
    expect(gbk.rejected).toEqual([]);
    expect(gbk.accepted).toEqual(utf8.accepted);
  });

  it('petitions.csv: labels, flags and a rejected row', async () => {
    const r = await importFile('petitions.csv', 'petitions');
    expect(r.accepted.map((a) => [a.row.recordId, a.row.idNumberValid, a.row.petitioners, a.row.repeat])).toEqual([
      ['XF-2026-0101', true, 3, false],
      ['XF-2026-0102', false, 1, true],
      ['XF-2026-0103', false, 1, true],
    ]);
    expect(r.accepted[1]!.row).toMatchObject({
      channel: 'online',
      categories: ['account_ban', 'algorithm'],
      status: 'closed',
    });
    expect(r.rejected).toEqual([
      {
        line: 5,
        reasons: [
          { field: 'received', column: '登记日期', message: 'required value is missing' },
          {
            field: 'category',
            column: '诉求类别',
            message: expect.stringMatching(/^unknown petition category '工资'/),
          },
          { field: 'repeat', column: '重复信访', message: expect.stringMatching(/^not a yes\/no value/) },
          { field: 'firm', column: '被反映单位', message: expect.stringMatching(/^either the firm name/) },
        ],
      },
    ]);
  });

  it('incidents.csv', async () => {
    const r = await importFile('incidents.csv', 'incidents');
    expect(r.accepted.map((a) => a.row.kind)).toEqual(['strike', 'protest', 'other']);
  });

  it('firms.json: arrays and labels in JSON, extra keys kept', async () => {
    const r = await importFile('firms.json', 'firms');
    expect(r.accepted.map((a) => [a.line, a.row.aliases])).toEqual([
      [2, ['示例速送', '速送']],
      [10, ['即达']],
    ]);
    expect(r.accepted[1]!.row.extra).toEqual({ source_system: 'district-ledger' });
    expect(r.rejected.map((x) => [x.line, (x.reasons as RowReason[]).map((y) => y.field)])).toEqual([
      [19, ['name', 'uscc']],
    ]);
  });

  it('inspections.ndjson: a broken line is rejected, the rest imported', async () => {
    const r = await importFile('inspections.ndjson', 'inspections');
    expect(r.accepted.map((a) => [a.line, a.row.recordId])).toEqual([
      [1, 'JC-N-1'],
      [2, 'JC-N-2'],
      [5, 'JC-N-4'],
    ]);
    expect(r.rejected).toEqual([{ line: 4, reasons: [expect.stringMatching(/^not valid JSON/)] }]);
  });

  it('petitions.json', async () => {
    const r = await importFile('petitions.json', 'petitions');
    expect(r.rejected).toEqual([]);
    expect(r.accepted.map((a) => [a.row.channel, a.row.received])).toEqual([
      ['hotline', '2026-11-02'],
      ['hotline', '2026-11-04'],
    ]);
  });
});
