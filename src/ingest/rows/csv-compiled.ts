// A CSV file's rows parsed straight from their cells. The header fixes,
// once per file, which cell feeds which column of the row table and which
// go to `extra`, so a row costs its value parsers and nothing else: no
// record object is sorted key by key and no schema object is built. The
// result is the one parseRow gives for the record csvRows makes of the
// same cells (test/unit/rows/csv-compiled.test.ts holds the two together).

import type { RowKind } from './columns.ts';
import { cellText } from './fields.ts';
import type { RawRow } from './raw-row.ts';
import type { Extra } from './row-types.ts';
import { type RowOf, type RowResult, parseRow, rowTables } from './schemas.ts';

interface Source {
  /** The record key (header name) the cell is kept under in `extra`. */
  key: string;
  /** Cell indexes that write this key, last first: a repeated name keeps its last cell. */
  at: number[];
  /** Slot in the table's columns, or -1: unknown column. */
  slot: number;
}

export interface CompiledCsv<K extends RowKind = RowKind> {
  readonly kind: K;
  parse(cells: readonly string[]): RowResult<RowOf[K]>;
}

/** Compiles the parser of rows under `names` (csvRows' record keys, in header order). */
export function compileCsv<K extends RowKind>(kind: K, names: readonly string[]): CompiledCsv<K> {
  const table = rowTables[kind];
  const width = table.names.length;
  // The record csvRows builds enumerates its keys in the order of this
  // template (integer-like headers first, as in every JS object).
  const keys = Object.keys(Object.fromEntries(names.map((n) => [n, ''])));
  const sources: Source[] = keys.map((key) => {
    const at: number[] = [];
    names.forEach((n, i) => {
      if (n === key) at.unshift(i);
    });
    return { key, at, slot: table.resolver.slotOf(key) };
  });
  const simple = sources.every((s) => s.at.length === 1);
  return {
    kind,
    parse(cells) {
      const out: (string | undefined)[] = new Array(width).fill(undefined);
      const extra: Extra = {};
      const n = Math.min(cells.length, names.length);
      for (let i = 0; i < sources.length; i++) {
        const s = sources[i]!;
        let value = '';
        if (simple) {
          const j = s.at[0]!;
          if (j < n) value = cells[j]!;
        } else {
          for (const j of s.at) {
            if (j < n) {
              value = cells[j]!;
              break;
            }
          }
        }
        // As ColumnResolver.resolve: a second cell for a filled column is kept aside like an unknown one.
        if (s.slot < 0 || out[s.slot] !== undefined) {
          if (value !== '') extra[s.key] = value;
          continue;
        }
        out[s.slot] = cellText(value);
      }
      return table.run(out, extra);
    },
  };
}

/**
 * A CSV row that carries its cells and its file's compiled parser, in
 * private fields: to everything else (tests comparing rows included) it is
 * the plain RawRow csvRows always made.
 */
export class CompiledCsvRow implements RawRow {
  line: number;
  index: number;
  raw: string;
  record: Record<string, unknown>;
  readonly #cells: readonly string[];
  readonly #compiled: CompiledCsv;

  constructor(
    line: number,
    index: number,
    raw: string,
    record: Record<string, unknown>,
    cells: readonly string[],
    compiled: CompiledCsv,
  ) {
    this.line = line;
    this.index = index;
    this.raw = raw;
    this.record = record;
    this.#cells = cells;
    this.#compiled = compiled;
  }

  /** The row parsed as `kind` from its cells, or null when its header was compiled for another kind. */
  parseAs<K extends RowKind>(kind: K): RowResult<RowOf[K]> | null {
    return this.#compiled.kind === kind ? (this.#compiled as CompiledCsv<K>).parse(this.#cells) : null;
  }
}

/**
 * Parses a row read by readRows: through its file's compiled header when
 * it has one for `kind`, else its record through parseRow. Same result.
 */
export function parseRawRow<K extends RowKind>(kind: K, raw: RawRow): RowResult<RowOf[K]> {
  return (raw instanceof CompiledCsvRow ? raw.parseAs(kind) : null) ?? parseRow(kind, raw.record);
}
