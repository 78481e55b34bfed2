import Parser from 'rss-parser';

// rss-parser is the project's base feed parser (ARCHITECTURE.md). We run it
// on already-decoded text and keep its view of the scalar fields; when it
// refuses a document, the caller falls back to its own extraction.

/** The fields of an rss-parser item that the normalizing layer reads. */
export interface BaseItem {
  link?: unknown;
  guid?: unknown;
  id?: unknown;
  pubDate?: unknown;
  date?: unknown;
  'rdf:about'?: unknown;
}

export type BaseResult =
  | { ok: true; items: BaseItem[] }
  | { ok: false; reason: 'unrecognized' | 'internal' | 'xml'; message: string };

export async function parseWithRssParser(text: string): Promise<BaseResult> {
  try {
    // A fresh parser per document: the xml2js parser inside keeps state
    // after an error, and a poisoned instance must not affect the next feed.
    const feed = await new Parser().parseString(text);
    return { ok: true, items: Array.isArray(feed.items) ? (feed.items as BaseItem[]) : [] };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/not recognized as RSS/i.test(message)) return { ok: false, reason: 'unrecognized', message };
    // TypeErrors and RangeErrors come from rss-parser walking a shape it did
    // not expect (an <rss> without <channel>, an unparseable Atom date).
    if (err instanceof TypeError || err instanceof RangeError) return { ok: false, reason: 'internal', message };
    return { ok: false, reason: 'xml', message };
  }
}

/** A non-empty trimmed string, or null (rss-parser fields may be objects). */
export function str(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}
