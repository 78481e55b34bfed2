import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { resolveUrl } from './urls.ts';

// Elements whose boundaries separate words; without a space there, "<p>a</p>
// <p>b</p>" would read as "ab" and keyword matching would see false joins.
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

// Content that is code or chrome, never prose worth matching or showing.
const NON_TEXT = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'option',
  'select',
  'title',
  'iframe',
  'frameset',
  'noframes',
  'head',
  'svg',
  'math',
];
const NON_TEXT_SET = new Set(NON_TEXT);

/** HTML reduced to plain text: entities decoded, tags removed, whitespace collapsed. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (NON_TEXT_SET.has(name)) skipDepth++;
        else if (BLOCK.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (NON_TEXT_SET.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (skipDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return collapseWhitespace(parts.join(''));
}

export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const KNOWN_TAGS = new Set([
  ...BLOCK,
  ...NON_TEXT,
  'a',
  'abbr',
  'acronym',
  'b',
  'big',
  'blink',
  'cite',
  'code',
  'del',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'tbody',
  'thead',
  'tt',
  'u',
]);

/**
 * Heuristic for RSS fields, which carry no type: text with a closing tag of
 * a real HTML element, a line break, an image or an entity reference is
 * treated as HTML (the same rule feed readers have used for two decades).
 */
export function looksLikeHtml(s: string): boolean {
  for (const m of s.matchAll(/<\/([a-zA-Z][a-zA-Z0-9]*)\s*>/g)) {
    if (KNOWN_TAGS.has((m[1] ?? '').toLowerCase())) return true;
  }
  return /<(br|img|hr|p)\b[^>]*>/i.test(s) || /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i.test(s);
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a',
    'abbr',
    'acronym',
    'b',
    'blockquote',
    'br',
    'caption',
    'cite',
    'code',
    'dd',
    'del',
    'div',
    'dl',
    'dt',
    'em',
    'figcaption',
    'figure',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'ins',
    'kbd',
    'li',
    'ol',
    'p',
    'pre',
    'q',
    's',
    'small',
    'span',
    'strike',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'time',
    'tr',
    'tt',
    'u',
    'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    acronym: ['title'],
    blockquote: ['cite'],
    q: ['cite'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start'],
    time: ['datetime'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT,
  parseStyleAttributes: false,
};

/**
 * Sanitized HTML for display. Relative href/src are made absolute first, so
 * that the markup still works once it is shown outside the feed's site.
 */
export function sanitizeFeedHtml(html: string, base: string | null): string {
  const options: sanitizeHtml.IOptions = {
    ...SANITIZE_OPTIONS,
    transformTags: {
      '*': (tagName, attribs) => {
        const out = { ...attribs };
        for (const key of ['href', 'src', 'cite']) {
          const v = out[key];
          if (v !== undefined) out[key] = resolveUrl(v, base);
        }
        return { tagName, attribs: out };
      },
    },
  };
  return sanitizeHtml(html, options).trim();
}
