// Free text, yes/no cells and multi-valued cells.

import { type ParseResult, fail, foldWidth, ok, quote } from './result.ts';

// Zero-width characters arrive with text pasted from web pages and chat
// apps; they are invisible in the console yet make equal names differ.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8
 * represents a slice of 13 or more characters as a view into its parent,
 * so a cell kept as a cache key would keep the whole 64 KB chunk of the
 * file it came from alive; a cache that outlives its rows stores this
 * copy instead. Concatenation then slicing makes V8 flatten into a new
 * string; shorter strings are copied on slicing already.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** Trims and drops invisible characters; the text itself is kept as written. */
export function cleanText(raw: string): string {
  // A plain loop finds the (rare) invisible characters faster than a regex
  // call on the short cells this runs on for every column of every row.
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) return raw.replace(INVISIBLE, '').trim();
  }
  return raw.trim();
}

const TRUE_WORDS = new Set(['是', 'yes', 'y', 'true', 't', '1', '有', '对']);
const FALSE_WORDS = new Set(['否', 'no', 'n', 'false', 'f', '0', '无', '不是']);

export function parseBool(raw: string): ParseResult<boolean> {
  const s = foldWidth(raw).toLowerCase();
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return fail(`not a yes/no value: ${quote(raw.trim())}; expected 是/否, yes/no or true/false`);
}

// '|' and its full-width form, the enumeration comma 、, and the semicolon
// in both widths. The ASCII comma is deliberately not a separator: firm
// names and free text contain it.
const SEPARATORS = /[|｜、；;]/;

/**
 * Splits a multi-valued cell, trimming each value and dropping empty ones
 * and repeats (first occurrence wins, so the written order is kept).
 */
export function splitMulti(raw: string): ParseResult<string[]> {
  const seen = new Set<string>();
  for (const part of cleanText(raw).split(SEPARATORS)) {
    const v = cleanText(part);
    if (v !== '') seen.add(v);
  }
  return ok([...seen]);
}
