// Text decoding for uploaded files, which arrive as UTF-8 (with or without
// BOM) or as GB18030/GBK when Excel in China saved them.
//
// Detection is lazy so nothing is buffered beyond a small window: ASCII
// bytes mean the same in every candidate charset and are passed on at once;
// the choice is made at the first non-ASCII byte by checking whether the
// window from there is valid UTF-8. GBK text with Chinese characters is
// practically never valid UTF-8, while UTF-8 is always, so this beats a
// statistical guess (chardet) for this two-way choice.

import iconv from 'iconv-lite';

export type Charset = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DecodeOptions {
  /** Skip detection, e.g. when an HTTP Content-Type named the charset. */
  charset?: Charset;
  /** Told once which charset was chosen (or 'utf-8' for pure ASCII input). */
  onCharset?: (charset: Charset) => void;
  /** Bytes from the first non-ASCII byte on that are checked for UTF-8. */
  sniffBytes?: number;
}

export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

interface Decoder {
  write(buf: Buffer): string;
  end(): string;
}

const EMPTY: Buffer = Buffer.alloc(0);

function makeDecoder(charset: Charset): Decoder {
  if (charset === 'utf-8') {
    const td = new TextDecoder('utf-8', { ignoreBOM: true });
    return { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  }
  const d = iconv.getDecoder(charset, { stripBOM: true });
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

function bomCharset(b: Buffer): { charset: Charset; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

function firstNonAscii(b: Buffer): number {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return i;
  return -1;
}

/**
 * Counts well-formed multi-byte UTF-8 characters and malformed sequences
 * in the window (a sequence cut off by the end of an incomplete window is
 * neither). GBK/GB18030 text gives almost no well-formed characters, so a
 * window that is mostly well-formed is UTF-8 with some damage, not GB18030:
 * its damaged lines are then reported, not the whole file misread.
 */
export function utf8Census(window: Buffer, complete: boolean): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  let i = 0;
  while (i < window.length) {
    const b = window[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) {
      bad++;
      i++;
      continue;
    }
    if (i + need >= window.length && !complete) break;
    const seq = window.subarray(i, i + need + 1);
    if (seq.length === need + 1 && isUtf8(seq, true)) {
      good++;
      i += need + 1;
    } else {
      bad++;
      i++;
    }
  }
  return { good, bad };
}

function looksUtf8(window: Buffer, complete: boolean): boolean {
  if (isUtf8(window, complete)) return true;
  const { good, bad } = utf8Census(window, complete);
  return good > bad;
}

export function isUtf8(window: Buffer, complete: boolean): boolean {
  try {
    // stream: true tolerates a character cut off by the end of the window.
    new TextDecoder('utf-8', { fatal: true }).decode(window, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Decodes a byte stream to text chunks, detecting the charset as above. */
export async function* decodeText(source: ByteSource, options: DecodeOptions = {}): AsyncGenerator<string> {
  const sniff = options.sniffBytes ?? 16 * 1024;
  let decoder: Decoder | null = null;
  let pending: Buffer = EMPTY;
  let bomChecked = false;

  const choose = (charset: Charset): Decoder => {
    options.onCharset?.(charset);
    return makeDecoder(charset);
  };

  // Returns text that can be passed on now; sets `decoder` once decided.
  const advance = (atEnd: boolean): string => {
    if (!bomChecked) {
      if (pending.length < 3 && !atEnd) return '';
      bomChecked = true;
      const bom = bomCharset(pending);
      if (bom) {
        decoder = choose(bom.charset);
        pending = pending.subarray(bom.length);
      } else if (options.charset) {
        decoder = choose(options.charset);
      }
    }
    if (decoder) {
      const text = decoder.write(pending);
      pending = EMPTY;
      return text;
    }
    const i = firstNonAscii(pending);
    if (i < 0) {
      const text = pending.toString('latin1');
      pending = EMPTY;
      return text;
    }
    const ascii = pending.subarray(0, i).toString('latin1');
    pending = pending.subarray(i);
    if (pending.length < sniff && !atEnd) return ascii;
    const complete = atEnd && pending.length <= sniff;
    decoder = choose(looksUtf8(pending.subarray(0, sniff), complete) ? 'utf-8' : 'gb18030');
    const text = decoder.write(pending);
    pending = EMPTY;
    return ascii + text;
  };

  for await (const chunk of source) {
    const buf = toBuffer(chunk);
    if (buf.length === 0) continue;
    pending = pending.length === 0 ? buf : Buffer.concat([pending, buf]);
    const text = advance(false);
    if (text !== '') yield text;
  }
  let tail = advance(true);
  if (decoder === null) options.onCharset?.('utf-8');
  else tail += (decoder as Decoder).end();
  if (tail !== '') yield tail;
}
