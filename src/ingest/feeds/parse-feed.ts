import { decodeFeedBytes } from './decode.ts';
import { expandInternalEntities } from './dtd-entities.ts';
import { detectShape } from './extract.ts';
import { documentBaseOf, feedTitle, normalizeItem, type FeedContext } from './normalize-item.ts';
import { parseWithRssParser } from './rss-parser-base.ts';
import type { FeedItem, ParsedFeed, ParseFeedOptions } from './types.ts';
import { parseXmlTree, XmlSyntaxError } from './xml-tree.ts';
import { stripNul } from '../../domain/values/text-input.ts';

export type { FeedItem, FeedKind, ParsedFeed, ParseFeedOptions } from './types.ts';

const DEFAULT_TIMEOUT_MS = 5_000;
/** Far above any real feed; keeps parse time and memory bounded. */
export const MAX_FEED_BYTES = 16 * 1024 * 1024;
// rss-parser parses synchronously, so nothing can interrupt it; above this
// size the tree alone (whose parse yields and meets the deadline) is used.
const RSS_PARSER_MAX_CHARS = 2 * 1024 * 1024;

class DeadlineExceeded extends Error {}

/**
 * Parses one RSS / Atom / RDF document. Never throws: every failure, from
 * bad bytes to a bug in a dependency, comes back as `{ ok: false, error }`.
 */
export async function parseFeed(bytes: Uint8Array, opts: ParseFeedOptions = {}): Promise<ParsedFeed> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const overdue = `feed parsing took longer than ${timeoutMs} ms`;
  let timer: NodeJS.Timeout | undefined;
  // The race settles a document whose parse stalls on a callback that never
  // comes; the deadline checks stop one that keeps the CPU busy, between
  // XML chunks and between items (synchronous work cannot be pre-empted
  // in-thread, which is why every synchronous step is size-bounded).
  const timeout = new Promise<ParsedFeed>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: overdue }), timeoutMs);
  });
  const work = parseUnbounded(bytes, opts, deadline).catch((err: unknown): ParsedFeed => {
    if (err instanceof DeadlineExceeded) return { ok: false, error: overdue };
    if (err instanceof XmlSyntaxError) return { ok: false, error: err.message };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: `feed could not be parsed: ${message || 'unknown error'}` };
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function parseUnbounded(bytes: Uint8Array, opts: ParseFeedOptions, deadline: number): Promise<ParsedFeed> {
  const check = () => {
    if (Date.now() > deadline) throw new DeadlineExceeded();
  };
  if (bytes.byteLength > MAX_FEED_BYTES) {
    return { ok: false, error: `feed is too large: ${bytes.byteLength} bytes (limit ${MAX_FEED_BYTES})` };
  }
  const { text: decoded } = decodeFeedBytes(bytes, opts.contentType);
  if (decoded.trim() === '') return { ok: false, error: 'feed is empty' };
  const text = expandInternalEntities(decoded);
  check();

  const root = await parseXmlTree(text, check);
  check();
  const shape = detectShape(root);
  if (!shape) {
    return { ok: false, error: `not a feed: the root element is <${root.name}>, not <rss>, <feed> or <rdf:RDF>` };
  }

  const base =
    text.length <= RSS_PARSER_MAX_CHARS
      ? await parseWithRssParser(text)
      : ({ ok: false, reason: 'internal', message: 'skipped: document too large' } as const);
  check();
  // rss-parser and the tree list items in the same document order; use its
  // items only when both agree on how many there are.
  const baseItems = base.ok && base.items.length === shape.items.length ? base.items : undefined;
  const ctx: FeedContext = { shape, documentBase: documentBaseOf(shape, opts.baseUrl) };
  const items: FeedItem[] = [];
  for (const [i, el] of shape.items.entries()) {
    items.push(withoutNul(normalizeItem(el, baseItems?.[i], ctx)));
    check();
    // Let timers and other requests run while a long feed is normalized.
    if (i % 64 === 63) await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    ok: true,
    kind: shape.kind,
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored
    title: feedTitle(shape)?.replace(/\u0000/g, '') ?? null,
    items,
  };
}

/**
 * NUL (raw, or as a character reference the parser decoded) carries no
 * meaning in a feed and cannot be stored in PostgreSQL text: dropped here,
 * once, for every field an item has (issue 13, item 11).
 */
function withoutNul(item: FeedItem): FeedItem {
  const out: Record<string, unknown> = { ...item };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string') out[k] = stripNul(v);
    else if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? stripNul(x) : x));
  }
  return out as unknown as FeedItem;
}
