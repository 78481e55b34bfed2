// The one writer of CSV cells for every file the project produces (credit
// list exports, disclosures, the demo's record and label files).
//
// A spreadsheet treats a cell starting with = + - @ (and tab or carriage
// return, which some programs strip before looking) as a formula: a firm
// name such as `=HYPERLINK("http://…","点击")` in an export would run in the
// reader's Excel. Such cells get a leading apostrophe (OWASP's advice):
// shown as text, never evaluated.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell: formula starts neutralised, then quoted when it holds `"`, `,` or a line break. */
export function csvCell(value: unknown): string {
  const s = neutralizeFormula(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}
