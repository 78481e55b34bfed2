// The language check of issue 15: what a reader reads holds no code. In a
// Chinese page, any ASCII identifier-shaped token that is neither a data
// value (user names, record numbers, URLs, USCCs, file names) nor a word on
// the allow-list is a leak; in an English page, any CJK character outside
// the data values (firm names, places, feed titles) is one.

// An element inside the page with a lang attribute of its own (a message as
// its receiver got it, in the receiver's language) is checked in that
// language: see langBlocks.
const LANG_BLOCK = /<(\w+)(?=\s)[^>]*\slang="(en|zh-CN)"[^>]*>([\s\S]*?)<\/\1>/gi;

/** The text of the elements marked as written in `lang` (the page's own language aside). */
export function langBlocks(html: string, lang: 'en' | 'zh-CN'): string {
  return [...html.replace(/<html[^>]*>/i, '').matchAll(LANG_BLOCK)]
    .filter((m) => m[2] === lang)
    .map((m) => pageText(m[3]!))
    .join('\n');
}

/** The text a reader sees: tag contents and aria-labels, entities decoded; scripts and styles dropped. */
export function pageText(html: string): string {
  const labels = [...html.matchAll(/\saria-label="([^"]*)"/g)].map((m) => m[1]).join('\n');
  const body = html
    .replace(/<html[^>]*>/i, ' ')
    .replace(LANG_BLOCK, ' ')
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    // Values the page marks as not to be translated (data: place names, quotes).
    .replace(/<(\w+)[^>]*\stranslate="no"[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    // Literal syntax a user types (CSV headers, commands) is marked as code.
    .replace(/<code[^>]*>[\s\S]*?<\/code>/gi, ' ')
    // Inline elements (highlights, links) run on within a line; other tags break it.
    .replace(/<\/?(?:mark|a|span|strong|small|em|b|i|abbr|time|bdi)\b[^>]*>/gi, '')
    .replace(/<[^>]+>/g, '\n');
  return decode(`${body}\n${labels}`);
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** Words a Chinese page may show: product and protocol names, units, the language switch. */
export const ZH_ALLOWED = new Set([
  'API',
  'Webhook',
  'Webhooks',
  'CSV',
  'RSS',
  'Atom',
  'RDF',
  'JSON',
  'NDJSON',
  'HTTP',
  'HTTPS',
  'URL',
  'ID',
  'English',
  'whsec_',
  'HH:MM',
  'Bearer',
  'ISO',
  'UTC',
  'A4',
  'PDF',
  'USCC',
  'WeCom',
  'QIANSHAO_ALLOW_PRIVATE_NETWORKS',
  'http',
  'https',
  'localhost',
  'X',
  'base64',
  'Markdown',
]);

const URLISH = /(?:https?:\/\/|(?<![\w.])\/)[^\s'"，。；、（）]*/g;
const TOKEN = /[A-Za-z_][A-Za-z0-9_]*(?:[.:\-/][A-Za-z0-9_]+)*/g;

/** ASCII identifier-shaped tokens in Chinese text that are not data and not allowed. */
export function asciiLeaks(text: string, data: Iterable<string>): string[] {
  // Values quoted as the user wrote them are data.
  let s = removeAll(text, data)
    .replace(URLISH, ' ')
    .replace(/'[^'\n]*'|"[^"\n]*"|“[^”\n]*”/g, ' ');
  // USCCs (18 characters) and record-number-like tokens with digits are data.
  s = s.replace(/\b[0-9A-Z]{18}\b/g, ' ');
  const out = new Set<string>();
  for (const m of s.matchAll(TOKEN)) {
    const tok = m[0];
    if (ZH_ALLOWED.has(tok) || tok.split('/').every((part) => ZH_ALLOWED.has(part))) continue; // 'RSS/Atom/RDF'
    if (/\d/.test(tok) && /^[A-Z0-9]/.test(tok)) continue; // 2026-W47, INS-…, Q3: numbers with letters
    out.add(tok);
  }
  return [...out];
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;

/** The name of the other language on the switch, which is written in that language. */
// Also the input syntax the importer accepts, quoted in its English reasons
// ('expected 是/否, yes/no', 'expected 12000, 12,000元, 1.2万').
export const EN_ALLOWED = ['中文', '是/否', '12,000元', '1.2万元', '1.2万', '2026年11月3日'];

/** CJK runs (and full-width punctuation) in English text outside the data values and quoted values. */
export function cjkLeaks(text: string, data: Iterable<string>): string[] {
  const s = removeAll(text, [...data, ...EN_ALLOWED]).replace(/"[^"\n]*"|“[^”\n]*”/g, ' ');
  return [...new Set([...s.matchAll(CJK)].map((m) => m[0]))];
}

function removeAll(text: string, data: Iterable<string>): string {
  const values = [...new Set([...data].filter((v) => v && v.trim().length > 0))].sort((a, b) => b.length - a.length);
  let s = text;
  for (const v of values) s = s.split(v).join(' ');
  return s;
}
