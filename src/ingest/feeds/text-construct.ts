import { collapseWhitespace, escapeHtml, htmlToText, looksLikeHtml } from './html.ts';
import { attr, childElements, NS, textContent, type XmlElement, type XmlNode } from './xml-tree.ts';

/**
 * A title, summary or content element read according to its format's rules.
 * `markup` is the (unsanitized) HTML source when the element carries HTML,
 * null when it is plain text; `text` is always plain.
 */
export interface TextConstruct {
  text: string;
  markup: string | null;
}

export type Dialect = 'atom10' | 'atom03' | 'rss';

const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'wbr']);

export function readTextConstruct(el: XmlElement, dialect: Dialect): TextConstruct {
  const type = (attr(el, 'type') ?? '').trim().toLowerCase();
  if (dialect === 'atom03') return readAtom03(el, type, (attr(el, 'mode') ?? 'xml').trim().toLowerCase());
  if (dialect === 'atom10' && type !== '') return readAtom10(el, type);
  // RSS fields and untyped Atom 1.0 text. RSS carries no type, so inline
  // child elements or HTML-looking text decide.
  if (childElements(el).length > 0) return fromMarkup(serializeChildren(el.children));
  const raw = textContent(el);
  if (dialect === 'rss' && looksLikeHtml(raw)) return fromMarkup(raw);
  return fromText(raw);
}

function readAtom10(el: XmlElement, type: string): TextConstruct {
  if (type === 'text' || type === 'text/plain') return fromText(textContent(el));
  if (type === 'html' || type === 'text/html') return fromMarkup(textContent(el));
  if (type === 'xhtml' || isXmlType(type)) {
    // RFC 4287 3.1.1.3: the content is wrapped in one xhtml:div that is not
    // part of the value.
    const elements = childElements(el);
    const only = elements.length === 1 ? elements[0] : undefined;
    const inner =
      only && only.local === 'div' && (only.ns === NS.xhtml || only.ns === '') ? only.children : el.children;
    return fromMarkup(serializeChildren(inner));
  }
  if (type.startsWith('text/')) return fromText(textContent(el));
  // Any other media type is base64 (RFC 4287 4.1.3.3); its bytes have no
  // declared markup meaning, so the decoded text is taken literally.
  return fromText(decodeBase64(textContent(el)));
}

function readAtom03(el: XmlElement, type: string, mode: string): TextConstruct {
  const isHtml = type === 'text/html' || isXmlType(type);
  if (mode === 'base64') {
    const decoded = decodeBase64(textContent(el));
    return isHtml ? fromMarkup(decoded) : fromText(decoded);
  }
  if (mode === 'escaped')
    return isHtml || looksLikeHtml(textContent(el)) ? fromMarkup(textContent(el)) : fromText(textContent(el));
  // mode="xml" (the default): inline markup is the value, wrapper included.
  if (childElements(el).length > 0) return fromMarkup(serializeChildren(el.children));
  return type === 'text/html' ? fromMarkup(textContent(el)) : fromText(textContent(el));
}

function isXmlType(type: string): boolean {
  return type.endsWith('+xml') || type.endsWith('/xml');
}

function fromText(raw: string): TextConstruct {
  return {
    text: collapseWhitespace(raw.length > MAX_CONSTRUCT_CHARS ? raw.slice(0, MAX_CONSTRUCT_CHARS) : raw),
    markup: null,
  };
}

// One item's title or body beyond this is not news but a dump; cutting it
// keeps the synchronous HTML passes short enough for the feed deadline.
const MAX_CONSTRUCT_CHARS = 512 * 1024;

function fromMarkup(markup: string): TextConstruct {
  const bounded = markup.length > MAX_CONSTRUCT_CHARS ? markup.slice(0, MAX_CONSTRUCT_CHARS) : markup;
  return { text: htmlToText(bounded), markup: bounded.trim() };
}

/** A plain-text construct as HTML, for the display field. */
export function constructToHtml(c: TextConstruct): string {
  return c.markup ?? escapeHtml(c.text);
}

function decodeBase64(s: string): string {
  const compact = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return s;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Inline XHTML back to HTML source: local names, no namespace attributes. */
export function serializeChildren(nodes: XmlNode[]): string {
  return nodes.map(serializeNode).join('');
}

function serializeNode(node: XmlNode): string {
  if (typeof node === 'string') return escapeHtml(node);
  const tag = node.local.toLowerCase();
  const attrs = Object.entries(node.attrs)
    .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    .map(([k, v]) => ` ${k.slice(k.indexOf(':') + 1)}="${escapeHtml(v)}"`)
    .join('');
  if (VOID.has(tag) && node.children.length === 0) return `<${tag}${attrs} />`;
  return `<${tag}${attrs}>${serializeChildren(node.children)}</${tag}>`;
}
