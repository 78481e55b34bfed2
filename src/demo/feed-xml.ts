// Renders demo feed documents as RSS 2.0 or Atom 1.0 text. Every text node
// and attribute goes through xmlEscape: item text is Chinese prose that may
// carry '&' or HTML markup (the portal sends escaped <p> paragraphs, as
// many Chinese CMSs do), and a feed that does not parse demos nothing.

import { rfc3339Shanghai, rfc822Shanghai } from './calendar.ts';

export interface RenderedItem {
  /** Stable ordinal within the feed, oldest = 1. */
  n: number;
  at: Date;
  title: string;
  description: string;
}

export interface FeedDocument {
  slug: string;
  title: string;
  description: string;
  /** The label written into the XML declaration. */
  encoding: string;
  builtAt: Date;
  /** Newest first, as feeds list them. */
  items: readonly RenderedItem[];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

export function itemLink(slug: string, n: number): string {
  return `https://demo.invalid/${slug}/${n}`;
}

/** Independent of the position in the feed, so a re-render keeps each item's identity. */
export function itemGuid(slug: string, n: number): string {
  return `demo.invalid:${slug}:${n}`;
}

export function renderRss(doc: FeedDocument): string {
  const home = `https://demo.invalid/${doc.slug}/`;
  const items = doc.items.map((it) =>
    [
      '    <item>',
      `      <title>${xmlEscape(it.title)}</title>`,
      `      <link>${xmlEscape(itemLink(doc.slug, it.n))}</link>`,
      `      <guid isPermaLink="false">${xmlEscape(itemGuid(doc.slug, it.n))}</guid>`,
      `      <pubDate>${rfc822Shanghai(it.at)}</pubDate>`,
      `      <description>${xmlEscape(it.description)}</description>`,
      '    </item>',
    ].join('\n'),
  );
  return [
    `<?xml version="1.0" encoding="${xmlEscape(doc.encoding)}"?>`,
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${xmlEscape(doc.title)}</title>`,
    `    <link>${home}</link>`,
    `    <description>${xmlEscape(doc.description)}</description>`,
    '    <language>zh-cn</language>',
    `    <lastBuildDate>${rfc822Shanghai(doc.builtAt)}</lastBuildDate>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function renderAtom(doc: FeedDocument): string {
  const home = `https://demo.invalid/${doc.slug}/`;
  const updated = doc.items[0]?.at ?? doc.builtAt;
  const entries = doc.items.map((it) =>
    [
      '  <entry>',
      `    <title type="text">${xmlEscape(it.title)}</title>`,
      `    <id>${xmlEscape(itemGuid(doc.slug, it.n))}</id>`,
      `    <link rel="alternate" href="${xmlEscape(itemLink(doc.slug, it.n))}"/>`,
      `    <published>${rfc3339Shanghai(it.at)}</published>`,
      `    <updated>${rfc3339Shanghai(it.at)}</updated>`,
      `    <summary type="text">${xmlEscape(it.description)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    `<?xml version="1.0" encoding="${xmlEscape(doc.encoding)}"?>`,
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <title>${xmlEscape(doc.title)}</title>`,
    `  <subtitle>${xmlEscape(doc.description)}</subtitle>`,
    `  <id>${home}</id>`,
    `  <link rel="alternate" href="${home}"/>`,
    `  <updated>${rfc3339Shanghai(updated)}</updated>`,
    `  <author><name>${xmlEscape(doc.title)}</name></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
