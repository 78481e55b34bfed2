// CSV text → RawRow: the first record is the header, whose names (English
// or Chinese) become the record keys; blank rows are skipped.

import { type RowKind, mapHeader } from './columns.ts';
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

export async function* csvRows(text: AsyncIterable<string>, options: CsvOptions = {}): AsyncGenerator<RawRow> {
  const tokenizer = new CsvTokenizer(options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS, options.delimiter);
  let names: string[] | null = null;
  let index = 0;

  function* convert(records: CsvRecord[]): Generator<RawRow> {
    for (const { line, raw, cells, error } of records) {
      if (error !== undefined) {
        yield errorRow(line, ++index, raw, error);
        continue;
      }
      if (names === null) {
        names = columnNames(cells, options.kind);
        options.onHeader?.({ headers: cells, names });
        continue;
      }
      if (isBlank(cells)) continue;
      index++;
      if (cells.length > names.length && !isBlank(cells.slice(names.length))) {
        const msg = `row has ${cells.length} cells but the header has ${names.length} (an unquoted comma?)`;
        yield errorRow(line, index, raw, msg);
        continue;
      }
      // Missing trailing cells are empty: some tools drop them.
      const record: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) record[names[i]!] = cells[i] ?? '';
      yield { line, index, raw, record };
    }
  }

  for await (const chunk of text) yield* convert(tokenizer.push(chunk));
  yield* convert(tokenizer.end());
}
