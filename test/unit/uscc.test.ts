import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  USCC_CHARSET,
  compactUscc,
  isValidUscc,
  orgCodeCheckChar,
  usccCheckChar,
  validateUscc,
} from '../../src/domain/uscc.ts';

// Vectors from python-stdnum, vendored in test/fixtures/corpora/cn-ids/
// (see its SOURCE.md).
const TSV = new URL('../fixtures/corpora/cn-ids/uscc.tsv', import.meta.url);
const rows = readFileSync(TSV, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [code = '', valid = '', note = ''] = line.split('\t');
    return { code, valid: valid === 'yes', note };
  });

// python-stdnum demands digits in characters 1–8; GB 32100 allows a letter in
// 1–2, so this row fails for us on the checksum rather than the format.
const REASON_OVERRIDES: Record<string, string> = { A1110000600037341L: 'checksum' };

function expectedReason(code: string, note: string): string {
  const override = REASON_OVERRIDES[code];
  if (override) return override;
  if (note.includes('InvalidLength')) return 'length';
  if (note.includes('InvalidFormat')) return 'format';
  if (note.includes('InvalidChecksum')) return 'checksum';
  throw new Error(`no expected reason for ${code}`);
}

describe('USCC corpus', () => {
  it('has the 207 rows SOURCE.md describes', () => {
    expect(rows).toHaveLength(207);
    expect(rows.filter((r) => r.valid)).toHaveLength(203);
  });

  it.each(rows)('$code → valid=$valid', ({ code, valid, note }) => {
    const result = validateUscc(code);
    expect(result.ok).toBe(valid);
    if (!result.ok) expect(result.reason).toBe(expectedReason(code, note));
  });

  // The evidence behind enforcing GB 11714 for every registration category.
  it('every valid row also passes the GB 11714 org-code check, in every category', () => {
    const valid = rows.filter((r) => r.valid).map((r) => compactUscc(r.code));
    const byPrefix = new Map<string, number>();
    for (const code of valid) {
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code.charAt(16));
      byPrefix.set(code.slice(0, 2), (byPrefix.get(code.slice(0, 2)) ?? 0) + 1);
    }
    expect(Object.fromEntries(byPrefix)).toEqual({ '91': 59, '92': 143, '12': 1 });
  });
});

describe('validateUscc', () => {
  it('accepts 91310105700010058E and rejects 91310105700010058X on the checksum', () => {
    expect(validateUscc('91310105700010058E')).toEqual({ ok: true, value: '91310105700010058E' });
    expect(validateUscc('91310105700010058X')).toEqual({
      ok: false,
      reason: 'checksum',
      message: "check character should be 'E', found 'X'",
    });
  });

  it('explains a wrong check character', () => {
    const r = validateUscc('91110000600037341N');
    expect(r.ok || r.message).toBe("check character should be 'L', found 'N'");
  });

  it('normalizes spaces, hyphens, full-width characters and case', () => {
    expect(validateUscc(' ９１１１００００-６０００３７３４１ｌ ')).toEqual({ ok: true, value: '91110000600037341L' });
    expect(validateUscc('9131-0105-7000-1005-8e')).toMatchObject({ ok: true, value: '91310105700010058E' });
  });

  it('rejects letters in the region code and characters outside the charset', () => {
    expect(validateUscc('91A10000600037341L')).toMatchObject({ ok: false, reason: 'format' });
    const r = validateUscc('9111000060003IOZSV');
    expect(r.ok || r.message).toContain("character 'I' at position 14");
  });

  it('accepts a letter as registration authority (GB 32100), e.g. N for agriculture', () => {
    const first17 = `N2310105${'MA1K3L7P'}${orgCodeCheckChar('MA1K3L7P')}`;
    expect(isValidUscc(first17 + usccCheckChar(first17))).toBe(true);
  });

  it('reports an org code with a bad GB 11714 check as org_code, not checksum', () => {
    const first17 = '9111000060003734' + '2'; // the real org check char is '1'
    const r = validateUscc(first17 + usccCheckChar(first17));
    expect(r).toMatchObject({ ok: false, reason: 'org_code' });
    expect(r.ok || r.message).toContain("should be '1', found '2'");
  });

  it('usccCheckChar maps a check value of 31 to 0', () => {
    // Build a body whose weighted sum is ≡ 0 mod 31 by fixing the last char.
    const body16 = '9131010570001005';
    const last = [...USCC_CHARSET].find((c) => usccCheckChar(body16 + c) === '0');
    expect(last).toBeDefined();
  });
});

// --- properties ------------------------------------------------------------

const anyChar = fc.constantFrom(...USCC_CHARSET);
const digit = fc.constantFrom(...'0123456789');
const chars = (arb: fc.Arbitrary<string>, n: number) =>
  fc.array(arb, { minLength: n, maxLength: n }).map((a) => a.join(''));

/** Structurally valid first 17: letters allowed in 1–2, digits in 3–8, org code with its check. */
const validBody = fc
  .tuple(chars(anyChar, 2), chars(digit, 6), chars(anyChar, 8))
  .map(([head, region, org]) => head + region + org + orgCodeCheckChar(org));
const validCode = validBody.map((b) => b + usccCheckChar(b));

describe('USCC properties', () => {
  it('appending usccCheckChar to a structurally valid body always validates', () => {
    fc.assert(fc.property(validBody, (b) => isValidUscc(b + usccCheckChar(b))));
  });

  // Arbitrary charset bodies may break the structure (letters in 3–8, bad
  // org code), but never the checksum once the check char is appended.
  it('appending usccCheckChar to any 17 charset chars never fails the checksum', () => {
    fc.assert(
      fc.property(chars(anyChar, 17), (b) => {
        const r = validateUscc(b + usccCheckChar(b));
        return r.ok || r.reason === 'format' || r.reason === 'org_code';
      }),
    );
  });

  // Weights are non-zero mod the prime 31, so a substitution shifts the sum
  // by w·d ≢ 0. The only other outcome is 'format' for a letter put into 3–8.
  it('any single-character substitution fails, on the checksum unless it breaks 3–8', () => {
    const arb = fc.tuple(validCode, fc.nat(17), anyChar).filter(([c, i, ch]) => c.charAt(i) !== ch);
    fc.assert(
      fc.property(arb, ([code, i, ch]) => {
        const r = validateUscc(code.slice(0, i) + ch + code.slice(i + 1));
        const breaksRegion = i >= 2 && i < 8 && !/[0-9]/.test(ch);
        expect(r).toMatchObject({ ok: false, reason: breaksRegion ? 'format' : 'checksum' });
      }),
      { numRuns: 2000 },
    );
  });

  // Swapping a,b at i,i+1 shifts the sum by (a−b)·w_i·(3−1) ≢ 0 mod 31.
  it('any adjacent transposition within the first 17 characters fails', () => {
    const arb = fc.tuple(validCode, fc.nat(15)).filter(([c, i]) => c.charAt(i) !== c.charAt(i + 1));
    fc.assert(
      fc.property(arb, ([c, i]) => !isValidUscc(c.slice(0, i) + c.charAt(i + 1) + c.charAt(i) + c.slice(i + 2))),
      { numRuns: 2000 },
    );
  });

  it('compactUscc is idempotent', () => {
    const messy = fc.string({ unit: fc.constantFrom(...USCC_CHARSET, ' ', '-', '　', 'ａ', 'Ｌ', '９', 'x', '－') });
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), messy),
        (s) => compactUscc(compactUscc(s)) === compactUscc(s),
      ),
    );
  });
});
