// JSON array and NDJSON text → RawRow without holding the whole file.
// The array is cut into elements by a small scanner (strings, escapes and
// nesting depth), and each element goes through JSON.parse on its own, so a
// broken element costs that record only.

import { Invalid } from '../../domain/errors.ts';
import { DEFAULT_MAX_RECORD_CHARS, type RawRow, errorRow } from './raw-row.ts';
import { MAX_JSON_DEPTH, jsonDepth } from '../../domain/values/text-input.ts';

export interface JsonOptions {
  maxRecordChars?: number;
}

function toRow(text: string, line: number, index: number, what: string): RawRow {
  // JSON.parse takes any depth, but later recursive walks (stringify, the
  // driver, jsonb) overflow the stack on a record nested thousands deep.
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    return errorRow(line, index, text.slice(0, 200), `${what} is nested deeper than ${MAX_JSON_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return errorRow(line, index, text, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return errorRow(line, index, text, `${what} is not a JSON object`);
  }
  return { line, index, raw: text, record: value as Record<string, unknown> };
}

export async function* ndjsonRows(text: AsyncIterable<string>, options: JsonOptions = {}): AsyncGenerator<RawRow> {
  const max = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let carry = '';
  let line = 0;
  let index = 0;
  // Set while discarding an overlong line up to its end, to resync there.
  let oversizedAt = 0;

  const take = (raw: string): RawRow | null => {
    line++;
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (oversizedAt > 0) {
      const at = oversizedAt;
      oversizedAt = 0;
      return errorRow(at, ++index, '', `line longer than ${max} characters was skipped`);
    }
    if (t.trim() === '') return null;
    return toRow(t, line, ++index, 'line');
  };

  for await (const chunk of text) {
    let s = carry + chunk;
    let start = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', start)) {
      const row = take(s.slice(start, nl));
      if (row) yield row;
      start = nl + 1;
    }
    carry = s.slice(start);
    if (carry.length > max) {
      if (oversizedAt === 0) oversizedAt = line + 1;
      carry = '';
    }
    s = '';
  }
  if (carry !== '' || oversizedAt > 0) {
    const row = take(carry);
    if (row) yield row;
  }
}

type State = 'start' | 'between' | 'value' | 'done';

export async function* jsonArrayRows(text: AsyncIterable<string>, options: JsonOptions = {}): AsyncGenerator<RawRow> {
  const max = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let state: State = 'start';
  // A file that starts with '{' is read as a sequence of objects: people
  // hand us a single pretty-printed object or NDJSON named .json.
  let sequence = false;
  let line = 1;
  let index = 0;
  let parts: string[] = [];
  let size = 0;
  let startLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scalar = false;

  for await (const chunk of text) {
    let from = -1; // where the current element starts within this chunk
    if (state === 'value') from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) line++;
      if (state === 'value') {
        let end = -1;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) {
            inString = false;
            if (scalar && depth === 0) end = i + 1;
          }
        } else if (scalar) {
          if (c === 44 || c === 93 || c === 32 || c === 9 || c === 10 || c === 13) end = i;
        } else if (c === 34) inString = true;
        else if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          if (--depth === 0) end = i + 1;
        }
        if (end < 0) continue;
        parts.push(chunk.slice(from, end));
        yield toRow(parts.join(''), startLine, ++index, 'array element');
        parts = [];
        size = 0;
        state = 'between';
        // A scalar ends at the character after it, which may close the array.
        if (end === i && c === 93 && !sequence) state = 'done';
        continue;
      }
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue;
      if (state === 'start') {
        if (c === 91) {
          state = 'between';
          continue;
        }
        if (c !== 123) throw new Invalid('a JSON file must hold an array of objects');
        sequence = true;
        state = 'between';
      }
      if (state === 'done') {
        yield errorRow(line, ++index, '', 'unexpected content after the end of the JSON array; it was not read');
        return;
      }
      if (c === 44 && !sequence) continue;
      if (c === 93 && !sequence) {
        state = 'done';
        continue;
      }
      state = 'value';
      startLine = line;
      from = i;
      depth = c === 123 || c === 91 ? 1 : 0;
      inString = c === 34;
      scalar = depth === 0;
      escaped = false;
    }
    if (state === 'value') {
      const piece = chunk.slice(from);
      size += piece.length;
      if (size > max) {
        yield errorRow(startLine, ++index, '', `record longer than ${max} characters; nothing after it was read`);
        return;
      }
      parts.push(piece);
    }
  }
  const final = state as State;
  if (final === 'value') {
    const rest = parts.join('');
    yield scalar && !inString
      ? toRow(rest, startLine, ++index, 'array element')
      : errorRow(startLine, ++index, rest, 'the file ends inside this record (truncated?)');
  } else if (final === 'between' && !sequence) {
    yield errorRow(line, ++index, '', 'the JSON array is never closed (truncated file?)');
  }
}
