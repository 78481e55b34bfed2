// Unified Social Credit Code (统一社会信用代码, GB 32100-2015).
//
// Layout (1-based): 1 registration authority, 2 entity type, 3–8
// administrative-division code, 9–17 organization code (GB 11714, its own
// check character at position 17), 18 check character (ISO 7064 MOD 31-3).
//
// Structural rule: GB 32100 lets characters 1–2 be letters (e.g. 'N' for
// agriculture-registered rural collectives, 'Y' for "other"), so only 3–8
// must be digits. python-stdnum, where our test vectors come from, demands
// digits in 1–8; the only corpus row this affects (`A1110000600037341L`)
// still fails, on the checksum instead of the format.
//
// GB 11714 decision: the org-code check is enforced for every code. We
// expected registration categories whose chars 9–17 are not a classic org
// code (e.g. individual businesses, 92…) to need an exemption, but all 203
// valid rows of corpora/cn-ids/uscc.tsv pass it — 59 enterprises (91…),
// 143 individual businesses (92…, all with MA-allocated codes) and one
// public institution (12…) — and none of the 4 invalid rows depends on it.
// An exemption would only weaken typo detection, with no data behind it.
// A failure gets its own reason ('org_code') so a caller meeting a genuine
// outlier can tell it apart from a mistyped check character.

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// 3^(i-1) mod 31 for i = 1..17; every weight is non-zero mod the prime 31,
// which is what makes every single-character substitution detectable.
const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccResult =
  | { ok: true; value: string }
  | { ok: false; reason: 'length' | 'format' | 'checksum' | 'org_code'; message: string };

/**
 * Normalizes the ways people write a code: spaces and hyphens between
 * groups, full-width characters from Chinese input methods, lower case.
 */
export function compactUscc(raw: string): string {
  return toHalfWidth(raw)
    .replace(/[\s\-\u2010-\u2015\u2212]/gu, '')
    .toUpperCase();
}

/** Full-width ASCII block (U+FF01–FF5E) and the ideographic space. */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/gu, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17.charAt(i));
    if (v < 0) throw new RangeError(`'${first17.charAt(i)}' is not a USCC character`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * GB 11714 check character for the 8-character body of an organization
 * code. Values follow GB 11714's own alphabet (A=10 … Z=35), not USCC's.
 */
export function orgCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`expected 8 characters, got ${first8.length}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8.charAt(i);
    if (!/^[0-9A-Z]$/.test(ch)) throw new RangeError(`'${ch}' is not an organization-code character`);
    const v = ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateUscc(raw: string): UsccResult {
  const value = compactUscc(raw);
  if (value.length !== 18) {
    return fail('length', `a USCC has 18 characters, found ${value.length}`);
  }
  for (let i = 0; i < 18; i++) {
    const ch = value.charAt(i);
    if (!USCC_CHARSET.includes(ch)) {
      return fail(
        'format',
        `character '${ch}' at position ${i + 1} is not allowed (digits and capital letters except I, O, S, V, Z)`,
      );
    }
  }
  for (let i = 2; i < 8; i++) {
    const ch = value.charAt(i);
    if (ch < '0' || ch > '9') {
      return fail(
        'format',
        `characters 3–8 (administrative-division code) must be digits, found '${ch}' at position ${i + 1}`,
      );
    }
  }
  const expected = usccCheckChar(value.slice(0, 17));
  if (value.charAt(17) !== expected) {
    return fail('checksum', `check character should be '${expected}', found '${value.charAt(17)}'`);
  }
  const org = value.slice(8, 17);
  const orgExpected = orgCodeCheckChar(org.slice(0, 8));
  if (org.charAt(8) !== orgExpected) {
    return fail(
      'org_code',
      `organization code ${org} (characters 9–17) fails its GB 11714 check: check character should be '${orgExpected}', found '${org.charAt(8)}'`,
    );
  }
  return { ok: true, value };
}

export function isValidUscc(raw: string): boolean {
  return validateUscc(raw).ok;
}

function fail(reason: 'length' | 'format' | 'checksum' | 'org_code', message: string): UsccResult {
  return { ok: false, reason, message };
}
