// Masking of petitioners' personal data for display. The full values are
// kept encrypted; only roles holding `pii:read` see them, and each such
// read is audited.

/** 张三 → 张*, 欧阳小明 → 欧***; Latin names keep their first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 13812345678 → 138****5678; other numbers keep their first 3 and last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** 11010519491231002X → 110***********002X (first 3 and last 4 kept). */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

/** zhangsan@example.com → z***@example.com (QQ mail's local part is often the QQ number or a phone). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '*'.repeat(email.length);
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Mobile numbers (1[3-9]x, 11 digits) and 15/18-character ID numbers not
// glued to other digits; landlines with an area code (021-12345678).
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)/g;
const LANDLINE_IN_TEXT = /(?<!\d)(0\d{2,3}-\d{7,8})(?!\d)/g;

/** Finds phone and ID numbers in free text (e.g. a petition summary). */
export function findPiiInText(text: string): Array<{ kind: 'id' | 'phone'; value: string; index: number }> {
  const found: Array<{ kind: 'id' | 'phone'; value: string; index: number }> = [];
  for (const m of text.matchAll(ID_IN_TEXT)) found.push({ kind: 'id', value: m[1]!, index: m.index! });
  for (const re of [MOBILE_IN_TEXT, LANDLINE_IN_TEXT]) {
    for (const m of text.matchAll(re)) {
      if (!found.some((f) => m.index! >= f.index && m.index! < f.index + f.value.length))
        found.push({ kind: 'phone', value: m[1]!, index: m.index! });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The text with every e-mail address, phone and ID number found in it masked, and every
 * occurrence of the names given (the petitioner's own, which a summary
 * often repeats: 联系人张三) masked as maskName does. Names of one
 * character are left alone: they would mask ordinary words.
 */
export function maskPiiInText(input: string, names: ReadonlyArray<string | null | undefined> = []): string {
  let out = mayHoldNumberOrEmail(input) ? maskNumbersAndEmails(input) : input;
  for (const name of names) {
    const n = name?.trim();
    if (n && out.includes(n) && [...n].length >= 2) out = out.split(n).join(maskName(n));
  }
  return out;
}

/**
 * False when no pattern above can match: no '@', and fewer than 10 digits
 * (a landline has at least 10, a mobile 11, an ID number 15). Most
 * summaries hold a date and an amount at most, so the regular expressions
 * are skipped on bulk imports.
 */
function mayHoldNumberOrEmail(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return true;
    if (c >= 48 && c <= 57 && ++digits >= 10) return true;
  }
  return false;
}

function maskNumbersAndEmails(input: string): string {
  const text = input.replace(EMAIL_IN_TEXT, maskEmail);
  let out = '';
  let at = 0;
  for (const f of findPiiInText(text)) {
    out += text.slice(at, f.index) + (f.kind === 'id' ? maskIdNumber(f.value) : maskPhone(f.value));
    at = f.index + f.value.length;
  }
  return out + text.slice(at);
}

const NAME_KEY = /姓名|名字|联系人|信访人|申请人|代理人|name/i;

/**
 * The masked form of a petition's unknown columns (备用身份证, 联系人手机,
 * 紧急联系人 …): every value masked as free text, and a value under a
 * name-like header masked as a name.
 */
export function maskExtraFields(
  extra: Readonly<Record<string, unknown>>,
  names: ReadonlyArray<string | null | undefined> = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(extra)) {
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
    out[key] = NAME_KEY.test(key) && !/\d/.test(value) ? maskName(value) : maskPiiInText(value, names);
  }
  return out;
}
