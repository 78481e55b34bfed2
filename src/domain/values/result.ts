// Every value parser answers with this shape instead of throwing, so a row
// schema can collect all the problems of a row in one pass.

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(message: string): ParseResult<T> {
  return { ok: false, message };
}

/**
 * Folds the width variants Chinese input methods produce (full-width digits,
 * `／`, `：`, `，`) into ASCII before any pattern is tried. NFKC also turns
 * the ideographic space into a plain one.
 */
export function foldWidth(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/** Quotes user input in messages; long cells are cut so a message stays one line. */
export function quote(raw: string): string {
  const s = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  return `'${s.replace(/[\r\n]+/g, ' ')}'`;
}
