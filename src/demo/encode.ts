// Byte encodings for the demo feeds. Kept apart so the one library used by
// the otherwise dependency-free generators sits in a single tiny module;
// iconv-lite is pure JavaScript, so this stays free of I/O.

import iconv from 'iconv-lite';

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * GBK bytes, as many Chinese portals still serve. Throws if a character has
 * no GBK code: iconv-lite would silently write '?', and a demo feed with
 * question marks in its Chinese text would hide a bug in the generator.
 */
export function gbk(text: string): Uint8Array {
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) throw new RangeError('text has characters outside GBK');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
}
