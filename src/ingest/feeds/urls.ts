import { inherited, type XmlElement } from './xml-tree.ts';

// Schemes that execute or embed content when clicked; a feed is hostile
// input, so such links never reach the console.
const DANGEROUS_SCHEME = /^\s*(javascript|vbscript|data|file):/i;

export function isAbsoluteUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(s.trim());
}

/**
 * Resolves `ref` against `base` when both make sense; otherwise returns `ref`
 * trimmed (a relative link without a base is still better than none).
 */
export function resolveUrl(ref: string, base: string | null): string {
  const trimmed = ref.trim();
  if (!base || isAbsoluteUrl(trimmed)) return trimmed;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return trimmed;
  }
}

/** A link fit to store and show, or null. */
export function safeLink(ref: string | null | undefined, base: string | null): string | null {
  if (ref === null || ref === undefined) return null;
  const resolved = resolveUrl(ref.replace(/[\r\n\t]/g, ''), base);
  if (resolved === '' || DANGEROUS_SCHEME.test(resolved)) return null;
  return resolved;
}

/**
 * Base URL in effect at `el`: the xml:base attributes of its ancestors,
 * applied outermost first on top of the document's own base. RFC 3986 makes
 * the retrieval URL the document base; callers that do not know it pass the
 * feed's home-page link instead.
 */
export function baseAt(el: XmlElement, documentBase: string | null): string | null {
  let base = documentBase;
  for (const value of inherited(el, 'xml:base').reverse()) {
    const next = resolveUrl(value, base);
    base = isAbsoluteUrl(next) ? next : base;
  }
  return base;
}
