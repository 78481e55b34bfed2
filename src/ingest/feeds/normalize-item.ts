import { parseFeedDate } from './dates.ts';
import { bodyElements, dateCandidates, guidOf, linkOf, titleElement, type FeedShape } from './extract.ts';
import { escapeHtml, sanitizeFeedHtml } from './html.ts';
import { str, type BaseItem } from './rss-parser-base.ts';
import { readTextConstruct } from './text-construct.ts';
import type { FeedItem } from './types.ts';
import { baseAt, isAbsoluteUrl, resolveUrl, safeLink } from './urls.ts';
import { childElements, textContent, type XmlElement } from './xml-tree.ts';

// Division of labour with rss-parser: its scalar fields (guid, RSS link,
// RSS dates) are used whenever it accepted the document; text constructs
// (titles, bodies) always come from the tree, because rss-parser flattens
// them (type/mode ignored, base64 left encoded, XHTML re-serialized out of
// order). Atom links and dates also come from the tree: rss-parser picks the
// first <link> whatever its rel, and reads zone-less dates in the host zone.

export interface FeedContext {
  shape: FeedShape;
  /** Base for relative URLs before any xml:base applies. */
  documentBase: string | null;
}

/**
 * The base for a feed's relative URLs: the URL it was fetched from when the
 * caller knows it, else the feed's own absolute home-page link.
 */
export function documentBaseOf(shape: FeedShape, baseUrl: string | undefined): string | null {
  const explicit = baseUrl && isAbsoluteUrl(baseUrl) ? baseUrl.trim() : null;
  const link = linkOf(shape, shape.channel);
  if (explicit || !link) return explicit;
  const resolved = resolveUrl(link.href, baseAt(link.el, null));
  return /^https?:\/\//i.test(resolved) ? resolved : null;
}

/**
 * The feed's own title as plain text. Never rss-parser's: its title is the
 * raw element text, which for an HTML title is unsanitized markup.
 */
export function feedTitle(shape: FeedShape): string | null {
  const el = titleElement(shape, shape.channel);
  const title = el ? readTextConstruct(el, shape.dialect).text : '';
  return title !== '' ? title : null;
}

export function normalizeItem(item: XmlElement, base: BaseItem | undefined, ctx: FeedContext): FeedItem {
  const { shape, documentBase } = ctx;
  const titleEl = titleElement(shape, item);
  const title = titleEl ? readTextConstruct(titleEl, shape.dialect) : null;
  const body = pickBody(shape, item);
  const bodyBase = body ? baseAt(body.el, documentBase) : null;
  const bodyHtml = body
    ? body.construct.markup !== null
      ? sanitizeFeedHtml(body.construct.markup, bodyBase)
      : escapeHtml(body.construct.text)
    : '';
  return {
    guid: str(base?.guid) ?? str(base?.id) ?? str(base?.['rdf:about']) ?? guidOf(shape, item)?.value ?? null,
    title: title?.text ?? '',
    link: linkFor(shape, item, base, documentBase),
    published: publishedFor(shape, item, base),
    text: body?.construct.text ?? '',
    html: bodyHtml === '' ? null : bodyHtml,
    titleHtml: title?.markup != null && titleEl ? sanitizeFeedHtml(title.markup, baseAt(titleEl, documentBase)) : null,
  };
}

function pickBody(shape: FeedShape, item: XmlElement) {
  for (const el of bodyElements(shape, item)) {
    if (textContent(el).trim() === '' && childElements(el).length === 0) continue;
    return { el, construct: readTextConstruct(el, shape.dialect) };
  }
  return null;
}

function linkFor(
  shape: FeedShape,
  item: XmlElement,
  base: BaseItem | undefined,
  documentBase: string | null,
): string | null {
  const raw = linkOf(shape, item);
  const baseLink = shape.kind === 'atom' ? null : str(base?.link);
  const fromLink = baseLink ?? raw?.href ?? null;
  if (fromLink !== null) {
    const link = safeLink(fromLink, baseAt(raw?.el ?? item, documentBase));
    if (link !== null) return link;
  }
  // RSS 2.0: a guid is the item's permalink unless isPermaLink="false".
  const guid = guidOf(shape, item);
  if (guid?.permalink) {
    const link = safeLink(guid.value, baseAt(guid.el, documentBase));
    if (link !== null && /^https?:\/\//i.test(link)) return link;
  }
  return null;
}

function publishedFor(shape: FeedShape, item: XmlElement, base: BaseItem | undefined): string | null {
  const fromBase = shape.kind === 'atom' ? [] : [str(base?.pubDate), str(base?.date)];
  for (const candidate of [...fromBase, ...dateCandidates(shape, item)]) {
    const iso = parseFeedDate(candidate);
    if (iso !== null) return iso;
  }
  return null;
}
