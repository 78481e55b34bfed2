// Public shapes of the feed-parsing layer. The output of `qianshao feeds
// parse` (CONTRACT.md section 1) is a subset of these, so renaming or
// dropping a field here is a contract change.

export type FeedKind = 'rss' | 'atom' | 'rdf';

export interface FeedItem {
  /** RSS guid, Atom id or RDF rdf:about; null when the feed gives none. */
  guid: string | null;
  /**
   * Plain text, whatever markup the feed used (Atom type="html"/"xhtml",
   * base64, escaped HTML in RSS). Plain text is what keyword matching needs
   * and what can be shown without trusting the feed.
   */
  title: string;
  /** Absolute URL when a base is known; javascript:/data: links are dropped. */
  link: string | null;
  /** ISO 8601 in UTC, or null when the feed's date is missing or unparseable. */
  published: string | null;
  /** Plain text of the item body (content, description or summary). */
  text: string;
  /** Sanitized HTML of the item body, for display; null when there is no body. */
  html: string | null;
  /**
   * Sanitized HTML of the title when the feed marked the title up (null for
   * plain-text titles). Kept apart from `title` so that consumers which want
   * the author's emphasis can have it without making `title` unsafe.
   */
  titleHtml: string | null;
}

export type ParsedFeed =
  | { ok: true; kind: FeedKind; title: string | null; items: FeedItem[] }
  | { ok: false; error: string };

export interface ParseFeedOptions {
  /** The HTTP Content-Type header, whose charset outranks the XML declaration. */
  contentType?: string;
  /** The URL the document was fetched from: the base for relative links. */
  baseUrl?: string;
  /** Upper bound for one document; defaults to 5 000 ms. */
  timeoutMs?: number;
}
