// CSV text → RawRow: the first record is the header, whose names (English
// or Chinese) become the record keys; blank rows are skipped.

import { type RowKind, mapHeader } from './columns.ts';
import { type CompiledCsv, CompiledCsvRow, compileCsv } from './csv-compiled.ts';
import { type CsvDelimiter, type CsvRecord, CsvTokenizer } from './csv-tokenizer.ts';
import { type CsvHeader, DEFAULT_MAX_RECORD_CHARS, type RawRow, errorRow } from './raw-row.ts';

export interface CsvOptions {
  kind?: RowKind;
  onHeader?: (header: CsvHeader) => void;
  maxRecordChars?: number;
  /** Default: sniffed from the header line (comma unless it has none). */
  delimiter?: CsvDelimiter;
}

export function columnNames(headers: readonly string[], kind?: RowKind): string[] {
  const used = new Set<string>();
  return headers.map((h, i) => {
    const written = h.trim();
    let name = (kind && mapHeader(kind, written)) || written || `column_${i + 1}`;
    // A repeated header keeps its cell under a distinct key instead of
    // overwriting the first one; the schema then treats it as extra.
    if (used.has(name)) name = `${written || 'column'}#${i + 1}`;
    used.add(name);
    return name;
  });
}

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** Cells → record by the header's names, cloning one template per file: see valuesTemplate in fields.ts. */
function recordMaker(names: readonly string[]): (cells: readonly string[]) => Record<string, string> {
  const template: Record<string, string> = Object.fromEntries(names.map((n) => [n, '']));
  return (cells) => {
    const record = { ...template };
    // Missing trailing cells stay empty: some tools drop them.
    const n = Math.min(cells.length, names.length);
    for (let i = 0; i < n; i++) record[names[i]!] = cells[i]!;
    return record;
  };
}

export async function* csvRows(text: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<RawRow> {
  const tokenizer = new CsvTokenizer(options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS, options.delimiter);
  let names: string[] | null = null;
  let makeRecord: ((cells: readonly string[]) => Record<string, string>) | null = null;
  let compiled: CompiledCsv | undefined;
  let index = 0;

  const convert = ({ line, raw, cells, error }: CsvRecord): RawRow | null => {
    if (error !== undefined) return errorRow(line, ++index, raw, error);
    if (names === null || makeRecord === null) {
      names = columnNames(cells, options.kind);
      makeRecord = recordMaker(names);
      if (options.kind) compiled = compileCsv(options.kind, names);
      options.onHeader?.({ headers: cells, names });
      return null;
    }
    if (isBlank(cells)) return null;
    index++;
    if (cells.length > names.length && !isBlank(cells.slice(names.length))) {
      const msg = `row has ${cells.length} cells but the header has ${names.length} (an unquoted comma?)`;
      return errorRow(line, index, raw, msg);
    }
    const record = makeRecord(cells);
    return compiled ? new CompiledCsvRow(line, index, raw, record, cells, compiled) : { line, index, raw, record };
  };

  // Plain loops rather than yield* of a sync generator: inside an async
  // generator that wraps every row in one more promise.
  for await (const chunk of text) {
    for (const rec of tokenizer.push(chunk)) {
      const row = convert(rec);
      if (row !== null) yield row;
    }
  }
  for (const rec of tokenizer.end()) {
    const row = convert(rec);
    if (row !== null) yield row;
  }
}
