import { parse as parseCsvSync } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { compactUscc, orgCodeCheckChar, usccCheckChar } from '../../../src/domain/uscc.ts';
import { CsvTokenizer, parseRow } from '../../../src/ingest/rows/index.ts';
import { collect } from './helpers.ts';

// Cells full of the characters that make CSV hard.
const cell = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '"', '\n', '\r', '\r\n', '示', '例', '；', '|'),
});
const eol = fc.constantFrom('\n', '\r\n');

/** RFC 4180 text of a table, quoting where needed (or always), and the start line of each row. */
function serialize(table: string[][], lineEnd: string, quoteAll: boolean): { text: string; starts: number[] } {
  let line = 1;
  const starts: number[] = [];
  const rows = table.map((row) => {
    starts.push(line);
    const text = row
      .map((c) => (quoteAll || /[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c))
      .join(',');
    line += (text.match(/\r\n|\r|\n/g) ?? []).length + 1;
    return text;
  });
  return { text: rows.join(lineEnd) + lineEnd, starts };
}

function tokenize(text: string, sizes: number[]): { cells: string[]; line: number }[] {
  const t = new CsvTokenizer(1 << 20, ',');
  const out = [];
  let pos = 0;
  for (let i = 0; pos < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(...t.push(text.slice(pos, pos + size)));
    pos += size;
  }
  out.push(...t.end());
  return out.map((r) => ({ cells: r.cells, line: r.line }));
}

describe('CSV tokenizer', () => {
  it('agrees with csv-parse and with the table it was written from, at any chunking', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          ),
        eol,
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        (table, lineEnd, quoteAll, sizes) => {
          const { text, starts } = serialize(table, lineEnd, quoteAll);
          const got = tokenize(text, sizes);
          expect(got.map((r) => r.cells)).toEqual(table);
          expect(got.map((r) => r.line)).toEqual(starts);
          const oracle = parseCsvSync(text, {
            relax_column_count: true,
            record_delimiter: ['\r\n', '\n', '\r'],
          }) as string[][];
          expect(got.map((r) => r.cells)).toEqual(oracle);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// Inspection rows with random damage; every row must come out exactly once,
// accepted or rejected, at the line where it starts.

function uscc(n: number): string {
  const body = `MA${String(n).padStart(6, '0')}`;
  const first = `91310115${body}${orgCodeCheckChar(body)}`;
  return first + usccCheckChar(first);
}

const corruption = fc.constantFrom(
  'none',
  'none',
  'date',
  'amount',
  'record_id',
  'uscc',
  'violation',
  'workers',
  'extra_cell',
  'newline_note',
  'quote_note',
  'blank_firm',
);

const inspection = fc.record({
  n: fc.integer({ min: 0, max: 999_999 }),
  y: fc.integer({ min: 2020, max: 2030 }),
  m: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
  wan: fc.integer({ min: 0, max: 500 }),
  damage: corruption,
});

type Inspection = typeof inspection extends fc.Arbitrary<infer T> ? T : never;

function csvLine(r: Inspection, i: number): { text: string; bad: boolean } {
  const c = {
    id: `JC-${i}`,
    firm: `示例配送第${r.n % 7}分公司`,
    code: uscc(r.n),
    date: `${r.y}/${r.m}/${r.d}`,
    violations: '拖欠工资、超时加班',
    workers: String(r.n % 40),
    amount: `${r.wan / 10}万元`,
    note: '正常',
  };
  let tail = '';
  switch (r.damage) {
    case 'date':
      c.date = `${r.y}-02-30`;
      break;
    case 'amount':
      c.amount = `-${r.wan + 1}`;
      break;
    case 'record_id':
      c.id = '';
      break;
    case 'uscc':
      c.code = compactUscc(c.code).slice(0, 17) + (c.code.endsWith('0') ? '1' : '0');
      break;
    case 'violation':
      c.violations = '拖欠工资|迟到';
      break;
    case 'workers':
      c.workers = '3.5';
      break;
    case 'extra_cell':
      tail = ',surplus';
      break;
    case 'newline_note':
      c.note = '"第一行\r\n第二行"';
      break;
    case 'quote_note':
      c.note = '"说""好的"""';
      break;
    case 'blank_firm':
      c.firm = '';
      break;
  }
  const bad = !['none', 'newline_note', 'quote_note', 'blank_firm'].includes(r.damage);
  return {
    text: `${c.id},${c.firm},${c.code},${c.date},${c.violations},${c.workers},${c.amount},${c.note}${tail}`,
    bad,
  };
}

describe('importing damaged inspection files', () => {
  it('accepted + rejected always equals the rows written, each at its own line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(inspection, { minLength: 1, maxLength: 40 }),
        eol,
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        async (records, lineEnd, gbk, chunk) => {
          const header = '检查编号,单位名称,统一社会信用代码,检查日期,违法事项,涉及人数,涉及金额,备注';
          const lines = records.map(csvLine);
          const text = [header, ...lines.map((l) => l.text)].join(lineEnd) + lineEnd;
          const bytes = gbk ? iconv.encode(text, 'gbk') : Buffer.from(text);
          let line = 2;
          const starts = lines.map((l) => {
            const at = line;
            line += (l.text.match(/\r\n|\r|\n/g) ?? []).length + 1;
            return at;
          });

          let accepted = 0;
          let rejected = 0;
          const seen: number[] = [];
          for (const raw of await collect(bytes, 'csv', { kind: 'inspections' }, chunk)) {
            seen.push(raw.line);
            if (raw.record !== null && parseRow('inspections', raw.record).ok) accepted++;
            else rejected++;
          }
          expect(accepted + rejected).toBe(records.length);
          expect(seen).toEqual(starts);
          expect(rejected).toBe(lines.filter((l) => l.bad).length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
