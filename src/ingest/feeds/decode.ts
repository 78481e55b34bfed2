import { isUtf8 } from 'node:buffer';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedFeed {
  text: string;
  /** The decoder actually used, e.g. `utf-8`, `gb18030`, `big5`, `utf-16le`. */
  charset: string;
}

type UnitPattern = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

// Labels seen on Chinese and legacy feeds, mapped to the decoder we trust
// for them. GB2312 and GBK feeds routinely contain characters outside their
// nominal repertoire (names, rare characters), so they go to GB18030, the
// superset; Latin-1 and ASCII labels go the way browsers take them.
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  xgbk: 'gb18030',
  cp936: 'gb18030',
  windows936: 'gb18030',
  csgb2312: 'gb18030',
  euccn: 'gb18030',
  gb231280: 'gb18030',
  chinese: 'gb18030',
  isoir58: 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5',
  big5hkscs: 'big5',
  cnbig5: 'big5',
  xxbig5: 'big5',
  cp950: 'big5',
  shiftjis: 'shift_jis',
  sjis: 'shift_jis',
  xsjis: 'shift_jis',
  mskanji: 'shift_jis',
  windows31j: 'shift_jis',
  eucjp: 'euc-jp',
  euckr: 'cp949',
  ksc56011987: 'cp949',
  iso88591: 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  usascii: 'utf-8',
  ascii: 'utf-8',
  utf8: 'utf-8',
  unicode11utf8: 'utf-8',
};

const WIDE_LABELS = new Set(['utf16', 'ucs2', 'iso10646ucs2', 'unicode', 'utf32']);

/**
 * Decodes a feed document to a string. Charset precedence: byte-order mark,
 * then the HTTP Content-Type charset, then the XML declaration, else UTF-8.
 * Bytes that turn out not to be UTF-8 (unlabelled, or labelled UTF-8 by a
 * server that lies, as many do) are guessed, with GB18030 as the default.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): DecodedFeed {
  const bom = sniffBom(bytes);
  if (bom) return finish(decodeAs(bytes.subarray(bom.length), bom.charset), bom.charset);

  // Bytes laid out in 16/32-bit units cannot be what an ASCII-compatible
  // label claims, and a wide label cannot describe ASCII-looking bytes: in
  // both cases the bytes are the better witness.
  const pattern = sniffUnitPattern(bytes);
  if (pattern) return finish(decodeAs(bytes, pattern), pattern);
  for (const label of [charsetFromContentType(contentType), declaredEncoding(bytes)]) {
    const charset = label === null ? null : resolveLabel(label);
    if (charset === null || /^utf-(16|32)/.test(charset)) continue;
    if (charset === 'utf-8') return decodeUtf8OrGuess(bytes);
    return finish(decodeAs(bytes, charset), charset);
  }
  return decodeUtf8OrGuess(bytes);
}

/** Extracts the `charset` parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /(?:^|;)\s*charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^;\s"']+))/i.exec(contentType);
  const label = m ? (m[1] ?? m[2] ?? m[3] ?? '').trim() : '';
  return label === '' ? null : label;
}

/** Maps a charset label to an iconv-lite decoder name, or null if unknown. */
export function resolveLabel(label: string): string | null {
  const key = label.toLowerCase().replace(/[^0-9a-z]/g, '');
  if (key === '') return null;
  const alias = ALIASES[key];
  if (alias) return alias;
  // RFC 2781: big-endian when nothing says otherwise.
  if (WIDE_LABELS.has(key)) return key === 'utf32' ? 'utf-32be' : 'utf-16be';
  const m = /^utf(16|32)(le|be)$/.exec(key);
  if (m) return `utf-${m[1]}${m[2]}`;
  if (/^(windows|cp)125\d$/.test(key)) return `windows-${key.slice(-4)}`;
  return iconv.encodingExists(key) ? label.toLowerCase() : null;
}

function sniffBom(b: Uint8Array): { charset: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { charset: 'utf-32le', length: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { charset: 'utf-32be', length: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

// XML 1.0 appendix F: a document without BOM still starts with '<' (or
// whitespace), so the position of the zero bytes around it gives the width.
function sniffUnitPattern(b: Uint8Array): UnitPattern | null {
  if (b.length < 4) return null;
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return 'utf-32be';
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'utf-16be';
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'utf-16le';
  return null;
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const prefix = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(prefix);
  return m?.[1]?.trim() || null;
}

// Multi-byte East Asian charsets have enough structure for a statistical
// guess to be trusted. Single-byte ones do not: short GBK headlines look
// like Latin-1 to a detector, so those guesses are never taken.
const GUESSABLE: Record<string, string> = {
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'cp949',
};

function decodeUtf8OrGuess(bytes: Uint8Array): DecodedFeed {
  if (isUtf8(bytes)) return finish(decodeAs(bytes, 'utf-8'), 'utf-8');
  // The prior is GB18030: this product reads mainland Chinese sources, and
  // GB18030 decodes GB2312 and GBK too. Another charset wins only when the
  // detector is clearly surer of it than of GB18030.
  // A sample is plenty for the detector and keeps huge documents cheap.
  const matches = analyse(bytes.subarray(0, 64 * 1024));
  const top = matches[0];
  const gbConfidence = matches.find((m) => m.name === 'GB18030')?.confidence ?? 0;
  const guessed = top ? GUESSABLE[top.name] : undefined;
  if (top && guessed && top.confidence >= 50 && top.confidence > gbConfidence + 10) {
    return finish(decodeAs(bytes, guessed), guessed);
  }
  return finish(decodeAs(bytes, 'gb18030'), 'gb18030');
}

function decodeAs(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}

// The XML parser works on a JS string, but an encoding="GBK" left in the
// declaration would mislead any later consumer that re-serializes or
// re-parses the text as bytes; after decoding, the document is UTF-8.
function finish(text: string, charset: string): DecodedFeed {
  const clean = text.replace(/^\uFEFF/, '').replace(/^(\s*<\?xml\s[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
  return { text: clean, charset };
}
