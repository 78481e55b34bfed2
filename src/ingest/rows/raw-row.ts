// What the readers hand to the row schemas, one per record of the file.

export interface RawRow {
  /**
   * Physical line (1-based) where the record starts. CSV: the header is
   * line 1 and a record with multi-line quoted cells reports its first
   * line. JSON array: the line where the element starts. NDJSON: its line.
   */
  line: number;
  /** Ordinal of the record in the file (1-based), errors included. */
  index: number;
  /** The record's original text, for the quarantine. */
  raw: string;
  /** Column name (English when the header was recognized) → cell value; null when unparseable. */
  record: Record<string, unknown> | null;
  /** Why the record could not be parsed; set exactly when record is null. */
  error?: string;
}

export interface CsvHeader {
  /** Headers as written in the file. */
  headers: string[];
  /** The key each column gets in `RawRow.record` (English name when known). */
  names: string[];
}

// One runaway quote must not pull a 200 MB file into a single record.
export const DEFAULT_MAX_RECORD_CHARS = 1 << 20;

export function errorRow(line: number, index: number, raw: string, error: string): RawRow {
  return { line, index, raw, record: null, error };
}
