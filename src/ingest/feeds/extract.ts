import type { FeedKind } from './types.ts';
import type { Dialect } from './text-construct.ts';
import { attr, childElements, NS, textContent, type XmlElement } from './xml-tree.ts';

// Where things are in each feed format, read from the order-preserving tree.
// This is the fallback for documents rss-parser refuses (Atom 0.3, CDF,
// version-less RSS, prefixed roots) and the source of the details rss-parser
// drops for the ones it accepts.

export interface FeedShape {
  kind: FeedKind;
  dialect: Dialect;
  root: XmlElement;
  /** The element holding feed-level metadata (channel, or the Atom feed). */
  channel: XmlElement;
  items: XmlElement[];
  /** Namespaces whose elements count as the format's own (not a module's). */
  core: Set<string>;
}

const CORE_NS = ['', NS.atom10, NS.atom03, NS.rss10, NS.rss090];

export function detectShape(root: XmlElement): FeedShape | null {
  const local = root.local.toLowerCase();
  const core = new Set([...CORE_NS, root.ns]);
  const pick = (parent: XmlElement, name: string) => childElements(parent).filter((e) => isCore(e, core, name));
  if (local === 'rss' || local === 'channel') {
    // `channel` as root is CDF, RSS's precursor, read as RSS. Items directly
    // under <rss> (no channel) occur in hand-made feeds; take them too.
    const channel = local === 'rss' ? (pick(root, 'channel')[0] ?? root) : root;
    const items = channel === root ? pick(root, 'item') : [...pick(channel, 'item'), ...pick(root, 'item')];
    return { kind: 'rss', dialect: 'rss', root, channel, items, core };
  }
  if (local === 'rdf') {
    const channel = pick(root, 'channel')[0] ?? root;
    const items = pick(root, 'item');
    return { kind: 'rdf', dialect: 'rss', root, channel, items: items.length ? items : pick(channel, 'item'), core };
  }
  if (local === 'feed') {
    const legacy = root.ns === NS.atom03 || (root.ns !== NS.atom10 && /^0\./.test(attr(root, 'version') ?? ''));
    return {
      kind: 'atom',
      dialect: legacy ? 'atom03' : 'atom10',
      root,
      channel: root,
      items: pick(root, 'entry'),
      core,
    };
  }
  return null;
}

function isCore(el: XmlElement, core: Set<string>, local: string): boolean {
  return el.local.toLowerCase() === local && core.has(el.ns);
}

/** First child with the local name, in the format's own namespace or in `ns`. */
export function child(shape: FeedShape, parent: XmlElement, local: string, ns?: string): XmlElement | undefined {
  return childElements(parent).find((e) =>
    ns === undefined ? isCore(e, shape.core, local) : e.ns === ns && e.local.toLowerCase() === local,
  );
}

export function titleElement(shape: FeedShape, parent: XmlElement): XmlElement | undefined {
  // media:title only as a last resort: it names the media, not the story.
  return (
    child(shape, parent, 'title') ?? child(shape, parent, 'title', NS.dc) ?? child(shape, parent, 'title', NS.media)
  );
}

export interface RawLink {
  href: string;
  el: XmlElement;
}

/** The item's (or feed's) own web page, before base resolution. */
export function linkOf(shape: FeedShape, parent: XmlElement): RawLink | null {
  const href = (el: XmlElement) => (attr(el, 'href') ?? textContent(el)).trim();
  if (shape.kind === 'atom') {
    const links = childElements(parent).filter((e) => isCore(e, shape.core, 'link') && href(e) !== '');
    const rel = (e: XmlElement) => (attr(e, 'rel') ?? 'alternate').trim().toLowerCase();
    const found = links.find((e) => rel(e) === 'alternate') ?? links.find((e) => ['related', 'via'].includes(rel(e)));
    return found ? { href: href(found), el: found } : null;
  }
  const link = child(shape, parent, 'link');
  if (link && href(link) !== '') return { href: href(link), el: link };
  const cdfHref = attr(parent, 'HREF') ?? attr(parent, 'href');
  if (cdfHref) return { href: cdfHref.trim(), el: parent };
  const atomLink = childElements(parent).find(
    (e) =>
      e.ns === NS.atom10 && e.local === 'link' && (attr(e, 'rel') ?? 'alternate') === 'alternate' && attr(e, 'href'),
  );
  return atomLink ? { href: (attr(atomLink, 'href') ?? '').trim(), el: atomLink } : null;
}

export interface RawGuid {
  value: string;
  /** RSS: the guid is the item's URL unless isPermaLink="false". */
  permalink: boolean;
  el: XmlElement;
}

export function guidOf(shape: FeedShape, item: XmlElement): RawGuid | null {
  const el = shape.kind === 'atom' ? child(shape, item, 'id') : child(shape, item, 'guid');
  const value = el ? textContent(el).trim() : '';
  if (el && value !== '') {
    const permalink = shape.kind !== 'atom' && (attr(el, 'isPermaLink') ?? 'true').trim().toLowerCase() !== 'false';
    return { value, permalink, el };
  }
  const about = attr(item, 'about');
  return about ? { value: about.trim(), permalink: false, el: item } : null;
}

// Publication before modification: an alert should date from when the news
// appeared, not from the last typo fix.
const DATE_FIELDS: Array<[string, string | undefined]> = [
  ['pubdate', undefined],
  ['published', undefined],
  ['issued', undefined],
  ['date', NS.dc],
  ['created', NS.dcterms],
  ['issued', NS.dcterms],
  ['created', undefined],
  ['updated', undefined],
  ['modified', undefined],
  ['modified', NS.dcterms],
];

export function dateCandidates(shape: FeedShape, item: XmlElement): string[] {
  const out: string[] = [];
  for (const [local, ns] of DATE_FIELDS) {
    const el = child(shape, item, local, ns);
    if (el) out.push(textContent(el));
  }
  const lastmod = attr(item, 'LASTMOD') ?? attr(item, 'lastmod');
  if (lastmod) out.push(lastmod);
  return out;
}

/** Body elements in order of preference: full content before summaries. */
export function bodyElements(shape: FeedShape, item: XmlElement): XmlElement[] {
  const candidates = [
    child(shape, item, 'encoded', NS.content),
    child(shape, item, 'body', NS.xhtml),
    child(shape, item, 'content'),
    child(shape, item, 'description'),
    child(shape, item, 'summary'),
    child(shape, item, 'description', NS.dc),
    child(shape, item, 'abstract'),
  ];
  return candidates.filter((el): el is XmlElement => el !== undefined && isInlineText(el));
}

// Out-of-line content (src=) and binary media types carry no readable text.
function isInlineText(el: XmlElement): boolean {
  if (attr(el, 'src') !== undefined) return false;
  const type = (attr(el, 'type') ?? '').trim().toLowerCase();
  return (
    type === '' ||
    ['text', 'html', 'xhtml'].includes(type) ||
    type.startsWith('text/') ||
    type.endsWith('+xml') ||
    type.endsWith('/xml')
  );
}
