import { XmlSyntaxError } from './xml-tree.ts';

// Some feeds declare their own entities in an internal DTD subset
// (<!DOCTYPE rss [<!ENTITY site "…">]>). The XML parser does not read DTDs
// and would reject every &site; as undefined, so simple text entities are
// substituted beforehand. Only one level is expanded (values that refer to
// other entities or contain '<' are left alone) and the growth is capped,
// which rules out the "billion laughs" family of entity bombs.

const MAX_GROWTH = 1_000_000;
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

export function expandInternalEntities(text: string): string {
  const doctype = /<!DOCTYPE\s[^[>]*\[([\s\S]*?)\]\s*>/.exec(text.slice(0, 65_536));
  if (!doctype) return text;
  const entities = new Map<string, string>();
  for (const m of (doctype[1] ?? '').matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    const name = m[1] ?? '';
    const raw = m[2] ?? m[3] ?? '';
    // Character references are fine; references to other entities are not.
    if (PREDEFINED.has(name) || entities.has(name) || /<|&(?!#)/.test(raw)) continue;
    entities.set(name, decodeCharRefs(raw));
  }
  if (entities.size === 0) return text;

  const start = doctype.index + doctype[0].length;
  let growth = 0;
  const body = text.slice(start).replace(/&([A-Za-z_][\w.-]*);/g, (whole, name: string) => {
    const value = entities.get(name);
    if (value === undefined) return whole;
    growth += value.length;
    if (growth > MAX_GROWTH)
      throw new XmlSyntaxError('XML is not well-formed: entity expansion exceeds the size limit');
    return escapeForXml(value);
  });
  return text.slice(0, start) + body;
}

function decodeCharRefs(s: string): string {
  return s.replace(/&#(x[0-9a-fA-F]{1,6}|\d{1,7});/g, (whole, ref: string) => {
    const code = ref.startsWith('x') ? parseInt(ref.slice(1), 16) : parseInt(ref, 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// The replacement lands in text or attribute values, so it must not
// introduce markup of its own.
function escapeForXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
