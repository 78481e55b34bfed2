// One entry point for reading an import file record by record, whatever
// its format and charset. Memory stays bounded by a chunk plus one record,
// so a 200 MB file imports in the same footprint as a small one.

import type { Readable } from 'node:stream';
import { type ByteSource, type DecodeOptions, decodeText } from './charset.ts';
import type { RowKind } from './columns.ts';
import { csvRows } from './csv-records.ts';
import type { CsvDelimiter } from './csv-tokenizer.ts';
import { jsonArrayRows, ndjsonRows } from './json-records.ts';
import { errorRow, type CsvHeader, type RawRow } from './raw-row.ts';

export type RowFormat = 'csv' | 'json' | 'ndjson';

export interface ReadRowsOptions extends DecodeOptions {
  /**
   * Maps CSV headers (English or Chinese) to the English names of this
   * kind. Without it records keep the headers as written; the row schemas
   * accept either, so this only saves work per row.
   */
  kind?: RowKind;
  /** Called with the CSV header before the first row, e.g. to check required columns. */
  onHeader?: (header: CsvHeader) => void;
  /** Longest record accepted, in characters; see DEFAULT_MAX_RECORD_CHARS. */
  maxRecordChars?: number;
  /** CSV only; default: sniffed from the header line. */
  delimiter?: CsvDelimiter;
}

const EXTENSIONS: Record<string, RowFormat> = {
  csv: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
};

/** Format from a file name's extension, or null when it says nothing we read. */
export function formatFromName(path: string): RowFormat | null {
  const m = /\.([A-Za-z]+)$/.exec(path);
  return (m && EXTENSIONS[m[1]!.toLowerCase()]) ?? null;
}

/** Format from an HTTP Content-Type, ignoring parameters such as charset. */
export function formatFromContentType(contentType: string): RowFormat | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  return null;
}

/**
 * Reads the records of an import file. Unparseable records come as a
 * RawRow with `error` (and record null) so the caller can quarantine them;
 * only a file that is not the named format at all (a JSON document that is
 * no array) throws, as domain `Invalid`.
 */
export function readRows(
  source: ByteSource | Readable,
  format: RowFormat,
  options: ReadRowsOptions = {},
): AsyncGenerator<RawRow> {
  const { kind, onHeader, maxRecordChars, delimiter, ...decode } = options;
  let charset = decode.charset ?? 'utf-8';
  const text = decodeText(source as ByteSource, {
    ...decode,
    onCharset: (c) => {
      charset = c;
      decode.onCharset?.(c);
    },
  });
  const rows =
    format === 'csv'
      ? csvRows(text, { kind, onHeader, maxRecordChars, delimiter })
      : format === 'ndjson'
        ? ndjsonRows(text, { maxRecordChars })
        : jsonArrayRows(text, { maxRecordChars });
  return rejectUndecodable(rows, () => charset);
}

/**
 * Bytes that are not text in the file's charset decode to U+FFFD. A record
 * holding one is refused with its line named, never stored garbled.
 */
async function* rejectUndecodable(rows: AsyncGenerator<RawRow>, charset: () => string): AsyncGenerator<RawRow> {
  for await (const row of rows) {
    if (row.record !== null && row.raw.includes('\uFFFD')) {
      yield errorRow(
        row.line,
        row.index,
        row.raw,
        `line ${row.line}: bytes that are not valid ${charset().toUpperCase()} text (the file must be UTF-8 or GB18030 throughout); fix the encoding of this line`,
      );
    } else {
      yield row;
    }
  }
}
