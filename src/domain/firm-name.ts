// Firm names are written many ways: full-width characters, （） vs (),
// stray spaces, 有限责任公司 vs 有限公司. The normalized form is what
// matching compares; the name as registered is kept for display.

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space to half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const BRACKETS: Record<string, string> = { '【': '(', '】': ')', '〔': '(', '〕': ')', '[': '(', ']': ')' };

/**
 * Normalized firm name for matching. 分公司 and other branch suffixes stay:
 * a branch is a different firm from its head office.
 */
export function normalizeFirmName(name: string): string {
  return toHalfWidth(name.normalize('NFKC'))
    .replace(/[【】〔〕[\]]/g, (ch) => BRACKETS[ch] ?? ch)
    .replace(/\s+/g, '')
    .replace(/有限责任公司/g, '有限公司')
    .replace(/股份有限公司/g, '股份公司')
    .toLowerCase();
}
