// Values in PostgreSQL's text input form, for bulk statements that send one
// text[] parameter per column and cast in SQL. Built here rather than by
// the driver: pg's array serializer runs two regex replacements on every
// element, and PGlite would need the same strings anyway.

/** One cell as PostgreSQL text input; null is SQL NULL. */
export type Cell = string | null;

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

function element(v: string): string {
  return NEEDS_ESCAPE.test(v) ? `"${v.replace(ESCAPED, '\\$&')}"` : `"${v}"`;
}

/** An array literal of cells: `{"a",NULL,"b"}`. */
export function arrayLiteral(cells: readonly Cell[]): string {
  let out = '{';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (i > 0) out += ',';
    out += v === null || v === undefined ? 'NULL' : element(v);
  }
  return `${out}}`;
}

export const numberCell = (v: number | null): Cell => (v === null ? null : String(v));

export const boolCell = (v: boolean | null): Cell => (v === null ? null : v ? 'true' : 'false');

/** A text[] value (never null: the record columns default to '{}'). */
export const listCell = (vs: readonly string[]): Cell => (vs.length === 0 ? '{}' : arrayLiteral(vs));

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One cell as a field of COPY's text format: `\N` for null, backslash, tab and line ends escaped. */
export function copyField(v: Cell | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return COPY_SPECIAL.test(v) ? v.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : v;
}
