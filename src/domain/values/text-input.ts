// Limits every outside value meets before it reaches the database: one home
// for "what PostgreSQL cannot take" (issue 13, item 11). PostgreSQL text
// and jsonb cannot hold U+0000; its integer ids stop at 2^31 - 1; and a
// document nested thousands deep overflows every recursive walk after
// JSON.parse (stringify, the driver, jsonb input).

/** The largest id of a `serial`/`integer` column. */
export const MAX_DB_ID = 2_147_483_647;

/** Deepest JSON nesting accepted in an import record (real records use 1–2). */
export const MAX_JSON_DEPTH = 64;

export const NUL_MESSAGE = 'contains a NUL character (U+0000), which cannot be stored';

export function hasNul(s: string): boolean {
  return s.indexOf('\u0000') >= 0;
}

/** The text with every NUL dropped (for hostile text we keep, like feed items). */
export function stripNul(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this drops
  return hasNul(s) ? s.replace(/\u0000/g, '') : s;
}

/** Shown instead of NUL in previews, so a quarantined record stays readable and storable. */
export function showNul(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this shows
  return hasNul(s) ? s.replace(/\u0000/g, '\u2400') : s;
}

/**
 * The first key (as a dotted path) of a parsed record whose key or string
 * value holds a NUL, or null. Walks at most MAX_JSON_DEPTH levels, which
 * the reader has already enforced.
 */
export function nulPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasNul(value) ? path || 'record' : null;
  if (value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    const here = path ? `${path}.${k}` : k;
    if (hasNul(k)) return showNul(here);
    const found = nulPath(v, here);
    if (found !== null) return found;
  }
  return null;
}

/**
 * How deep a JSON text nests arrays and objects, scanning the characters
 * (strings skipped) without parsing; stops counting past `limit`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
