import { COLUMNS, type ColumnSpec, type RowKind } from './columns.ts';

// docs/formats.md, rendered from the column tables (columns.ts) so that the
// list of accepted headers cannot drift from what the importer reads.
// `npm run docs:formats` writes it; test/unit/formats-doc.test.ts fails
// when the file and the tables differ.

const TITLES: Record<RowKind, string> = {
  firms: 'firms (企业名录) — `qianshao import firms FILE`',
  inspections: 'inspections (劳动保障监察记录) — `qianshao import inspections FILE`',
  petitions: 'petitions (信访记录) — `qianshao import petitions FILE`',
  incidents: 'incident labels (for backtests) — `qianshao backtest --labels FILE`',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const required = (c: ColumnSpec) =>
  c.required === true ? 'yes' : c.required === 'firm-or-uscc' ? 'one of firm/uscc' : 'no';

function values(c: ColumnSpec): string {
  const parts: string[] = [];
  if (c.values) parts.push(c.values.codes.map((code) => `\`${code}\` ${c.values!.labels[code]}`).join(', '));
  if (c.note) parts.push(c.note);
  return cell(parts.join('; '));
}

function table(kind: RowKind): string[] {
  const cols = COLUMNS[kind];
  const out = [
    `## ${TITLES[kind]}`,
    '',
    '| name | 中文 | also accepted | required | values | example |',
    '| --- | --- | --- | --- | --- | --- |',
    ...cols.map(
      (c) =>
        `| \`${c.name}\` | ${c.zh} | ${cell((c.aliases ?? []).join('、')) || '—'} | ${required(c)} | ${values(c) || '—'} | ${c.example ? `\`${cell(c.example)}\`` : '—'} |`,
    ),
    '',
    'Example (CSV, Chinese headers):',
    '',
    '```csv',
    cols.map((c) => c.zh).join(','),
    cols.map((c) => ((c.example ?? '').includes(',') ? `"${c.example}"` : (c.example ?? ''))).join(','),
    '```',
    '',
  ];
  return out;
}

export function renderFormatsDoc(): string {
  return [
    '# Import formats',
    '',
    '<!-- Generated from src/ingest/rows/columns.ts by `npm run docs:formats`: do not edit by hand. -->',
    '',
    'Every accepted header of each record kind. Headers may be the English name, the Chinese one, or any wording under',
    '"also accepted", in any order; width, case, spaces and a leading `*` do not matter (`＊检查编号`, `Record ID`).',
    "A column that matches none of them is kept with the record as `extra`, and the import names it: the summary's",
    '`"unknown_columns":[…]`, a warning on stderr (CLI) and on the console\'s 隔离区 page. Values may be the English code',
    'or the Chinese label; multi-valued cells separate values with `|`, `、` or `；`. Dates: `2026-11-03`, `2026/11/3`,',
    '`2026年11月3日`, or ISO 8601 with a time (dates without a time are Asia/Shanghai dates). Amounts: `12000`, `12,000元`,',
    '`1.2万`, `1.2万元`. CSV files may be UTF-8 (with or without BOM) or GB18030/GBK. JSON is an array of objects, NDJSON one',
    'object a line, with the same names as keys. An import whose every row is rejected exits 1.',
    '',
    ...(['firms', 'inspections', 'petitions', 'incidents'] as const).flatMap(table),
  ].join('\n');
}
