// Shared by the rows tests: feeding bytes in chunks of a chosen size, so
// every chunk boundary (inside a quote, a CRLF, a GBK character) is met.

import { readRows, type RawRow, type ReadRowsOptions, type RowFormat } from '../../../src/ingest/rows/index.ts';

export function* chunked(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(bytes.length, i + size));
}

export async function collect(
  input: string | Uint8Array,
  format: RowFormat,
  options: ReadRowsOptions = {},
  chunkSize = 64 * 1024,
): Promise<RawRow[]> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const rows: RawRow[] = [];
  for await (const row of readRows(chunked(bytes, chunkSize), format, options)) rows.push(row);
  return rows;
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
