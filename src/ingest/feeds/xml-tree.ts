import sax from 'sax';

// An order-preserving, namespace-resolved view of a feed document. rss-parser
// hands back xml2js objects that have lost child order and attribute detail
// (xml:base, type, mode), which the normalizing layer needs. The tree is
// built from the events of sax, the parser inside xml2js, with the same
// strictness: xml2js's order-preserving mode costs five times the parse
// itself, and its async mode loses errors thrown in callbacks, while feeding
// sax in chunks lets a deadline interrupt a huge document.

export interface XmlElement {
  name: string;
  local: string;
  /** Namespace URI; '' when unqualified. */
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
}
export type XmlNode = XmlElement | string;

export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  xml: 'http://www.w3.org/XML/1998/namespace',
  media: 'http://search.yahoo.com/mrss/',
} as const;

// Feeds in the wild use these prefixes without declaring them; a strict
// namespace-aware parser would reject such feeds, so we parse without
// namespace checks and resolve the usual prefixes by convention.
const CONVENTIONAL: Record<string, string> = {
  xml: NS.xml,
  dc: NS.dc,
  dcterms: NS.dcterms,
  content: NS.content,
  rdf: NS.rdf,
  media: NS.media,
  atom: NS.atom10,
  xhtml: NS.xhtml,
};

export class XmlSyntaxError extends Error {}

// Real feeds nest a few dozen levels; later passes over the tree recurse, so
// a hostile document must not be able to exhaust the stack.
const MAX_DEPTH = 256;
const CHUNK_CHARS = 256 * 1024;

/**
 * Parses XML text strictly; throws XmlSyntaxError on ill-formed input.
 * `checkpoint` runs between chunks (after yielding to the event loop) and
 * may throw to abandon the parse.
 */
export async function parseXmlTree(text: string, checkpoint: () => void = () => {}): Promise<XmlElement> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  let root: XmlElement | null = null;
  let current: XmlElement | null = null;
  const scopes: Array<Record<string, string>> = [{}];
  let failure: string | null = null;

  parser.onerror = (e) => {
    failure ??= describeSaxError(e);
  };
  parser.onopentag = (tag) => {
    if (failure !== null) return;
    if (scopes.length > MAX_DEPTH) {
      failure = `XML nesting is deeper than ${MAX_DEPTH} levels`;
      return;
    }
    const attrs: Record<string, string> = {};
    let scope = scopes[scopes.length - 1] ?? {};
    for (const [k, v] of Object.entries(tag.attributes)) {
      const value = typeof v === 'string' ? v : v.value;
      attrs[k] = value;
      if (k === 'xmlns' || k.startsWith('xmlns:')) {
        if (scope === scopes[scopes.length - 1]) scope = { ...scope };
        scope[k === 'xmlns' ? '' : k.slice(6)] = value;
      }
    }
    scopes.push(scope);
    const colon = tag.name.indexOf(':');
    const prefix = colon >= 0 ? tag.name.slice(0, colon) : '';
    const el: XmlElement = {
      name: tag.name,
      local: colon >= 0 ? tag.name.slice(colon + 1) : tag.name,
      ns: scope[prefix] ?? CONVENTIONAL[prefix] ?? '',
      attrs,
      children: [],
      parent: current,
    };
    if (current) current.children.push(el);
    else root ??= el;
    current = el;
  };
  parser.onclosetag = () => {
    if (failure !== null) return;
    scopes.pop();
    current = current?.parent ?? null;
  };
  parser.ontext = parser.oncdata = (t: string) => {
    if (failure !== null || !current) return;
    const last = current.children.length - 1;
    if (typeof current.children[last] === 'string') current.children[last] += t;
    else current.children.push(t);
  };

  for (let i = 0; i < text.length && failure === null; i += CHUNK_CHARS) {
    parser.write(text.slice(i, i + CHUNK_CHARS));
    if (i + CHUNK_CHARS < text.length) {
      await new Promise((resolve) => setImmediate(resolve));
      checkpoint();
    }
  }
  if (failure === null) parser.close();
  if (failure !== null) throw new XmlSyntaxError(failure);
  if (!root) throw new XmlSyntaxError('XML is not well-formed: the document has no root element');
  return root;
}

function describeSaxError(err: Error): string {
  const [reason = 'unknown error', ...rest] = err.message.split('\n');
  const line = /Line:\s*(\d+)/.exec(rest.join(' '));
  const col = /Column:\s*(\d+)/.exec(rest.join(' '));
  // sax counts lines and columns from 0; editors count from 1.
  const where = line && col ? ` (line ${Number(line[1]) + 1}, column ${Number(col[1]) + 1})` : '';
  return `XML is not well-formed: ${reason.trim()}${where}`;
}

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return typeof node === 'object' && node !== null;
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter(isElement);
}

/** Concatenated character data of the element and its descendants. */
export function textContent(node: XmlNode): string {
  if (typeof node === 'string') return node;
  return node.children.map(textContent).join('');
}

/** Attribute by local name (any prefix), as feeds mix `rdf:about` and `about`. */
export function attr(el: XmlElement, local: string): string | undefined {
  if (el.attrs[local] !== undefined) return el.attrs[local];
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k.slice(k.indexOf(':') + 1) === local && !k.startsWith('xmlns')) return v;
  }
  return undefined;
}

/** Ancestor-or-self value of an inherited attribute such as xml:lang. */
export function inherited(el: XmlElement, name: string): string[] {
  const values: string[] = [];
  for (let cur: XmlElement | null = el; cur; cur = cur.parent) {
    const v = cur.attrs[name];
    if (v !== undefined) values.push(v);
  }
  return values;
}
