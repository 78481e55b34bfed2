// Text helpers for robot messages: byte-exact truncation (WeCom counts
// UTF-8 bytes) and cleaning of values that come from feeds and imports.

const encoder = new TextEncoder();

export const ELLIPSIS = '…';

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

function codePointBytes(cp: number): number {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes, ellipsis included. It walks
 * code points, so a multibyte character (or a surrogate pair) is never split.
 */
export function truncateUtf8(text: string, maxBytes: number, ellipsis = ELLIPSIS): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Bytes(ellipsis);
  if (budget < 0) return '';
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const size = codePointBytes(ch.codePointAt(0)!);
    if (used + size > budget) break;
    used += size;
    end += ch.length;
  }
  return text.slice(0, end) + ellipsis;
}

/**
 * Fits head + tail into `maxBytes`, shortening only the head so that the
 * link and the mentions at the end always survive.
 */
export function fitBytes(head: string, tail: string, maxBytes: number): string {
  const tailBytes = utf8Bytes(tail);
  if (tailBytes >= maxBytes) return truncateUtf8(head + tail, maxBytes);
  return truncateUtf8(head, maxBytes - tailBytes) + tail;
}

/** Cuts to at most `maxChars` code points, ellipsis included. */
export function clipChars(text: string, maxChars: number, ellipsis = ELLIPSIS): string {
  const points = Array.from(text);
  if (points.length <= maxChars) return text;
  return points.slice(0, Math.max(0, maxChars - Array.from(ellipsis).length)).join('') + ellipsis;
}

/** Longest value shown for one fact; keeps Feishu bodies far below 20 KB. */
export const MAX_VALUE_CHARS = 300;

/**
 * Makes a value safe to place on one line of any robot message: control
 * characters and line breaks become spaces (a firm name must not start a new
 * markdown block), and angle brackets become full-width so `<@all>`,
 * `<font>` or `<at>` in a firm name cannot mention or restyle anything.
 */
export function cleanValue(value: string, maxChars = MAX_VALUE_CHARS): string {
  const flat = value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/</g, '＜')
    .replace(/>/g, '＞');
  return clipChars(flat, maxChars);
}

/**
 * Extra escaping for markdown robots: no links, emphasis or code spans from
 * data. Chinese text takes the full-width forms; English text (no full-width
 * punctuation there) takes look-alikes that markdown does not read.
 */
export function escapeMarkdown(value: string, lang: 'zh' | 'en' = 'zh'): string {
  const [open, close, star, tick] = lang === 'en' ? ['(', ')', '∗', 'ˋ'] : ['［', '］', '＊', '｀'];
  return value.replace(/\[/g, open).replace(/\]/g, close).replace(/\*/g, star).replace(/`/g, tick);
}

/** Percent-encodes the characters that would end a markdown link target. */
export function markdownHref(href: string): string {
  return href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
}
