import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactRic, isValidRic, ricCheckChar, validateRic } from '../../src/domain/ric.ts';

// Vectors from python-stdnum (vendored in test/fixtures/corpora/cn-ids/, see its SOURCE.md). These are
// public test fixtures, used as test data only.
const TSV = new URL('../fixtures/corpora/cn-ids/ric.tsv', import.meta.url);
const rows = readFileSync(TSV, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [code = '', valid = '', note = ''] = line.split('\t');
    return { code, valid: valid === 'yes', derived: note.slice(note.indexOf('derived:')) };
  });

// python-stdnum also checks the region code against GB/T 2260 for the birth
// year; we ship no region table, so rows it rejects only for the region must
// be accepted by us. The note's `derived:` clause tells which rows those are.
const regionOnly = (derived: string) =>
  derived.includes('check digit ok') && derived.includes('birth date ok') && derived.includes('region code unknown');

function expectedReason(derived: string): string {
  if (derived.includes('non-digit')) return 'format';
  if (derived.includes('check digit WRONG')) return 'checksum';
  if (derived.includes('birth date INVALID')) return 'birth_date';
  throw new Error(`no expected reason for: ${derived}`);
}

describe('RIC corpus', () => {
  it('has 12 rows, three of them invalid only because of the region', () => {
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => !r.valid && regionOnly(r.derived)).map((r) => r.code)).toEqual([
      '990426199112010074',
      '110111198012010078',
      '110201199312010077',
    ]);
  });

  it.each(rows.filter((r) => r.valid))('$code is valid', ({ code }) => {
    expect(validateRic(code)).toMatchObject({ ok: true, value: code.toUpperCase() });
  });

  it.each(rows.filter((r) => !r.valid && regionOnly(r.derived)))(
    '$code is accepted: the corpus rejects it only for its region code, which we do not check',
    ({ code }) => {
      expect(validateRic(code).ok).toBe(true);
    },
  );

  it.each(rows.filter((r) => !r.valid && !regionOnly(r.derived)))('$code is invalid', ({ code, derived }) => {
    expect(validateRic(code)).toMatchObject({ ok: false, reason: expectedReason(derived) });
  });
});

describe('validateRic', () => {
  it('returns the birth date and upper-cases a trailing x', () => {
    expect(validateRic('44011320141005001x')).toEqual({
      ok: true,
      value: '44011320141005001X',
      birthDate: '2014-10-05',
    });
    expect(validateRic('360426199101010071')).toMatchObject({ birthDate: '1991-01-01' });
  });

  it('explains a wrong check character', () => {
    const r = validateRic('36042619910102009X');
    expect(r.ok || r.message).toBe("check character should be '3', found 'X'");
  });

  it('normalizes spaces, hyphens and full-width digits', () => {
    expect(validateRic('３６０４２６ 19910101-0071').ok).toBe(true);
  });

  it('rejects 15-digit legacy numbers with a clear message', () => {
    const r = validateRic('360426910101007');
    expect(r).toMatchObject({ ok: false, reason: 'length' });
    expect(r.ok || r.message).toContain('15-digit');
  });

  it('checks leap years in the birth date', () => {
    const withDate = (d: string) => `110101${d}001${ricCheckChar(`110101${d}001`)}`;
    expect(isValidRic(withDate('20000229'))).toBe(true);
    expect(validateRic(withDate('19000229'))).toMatchObject({ ok: false, reason: 'birth_date' });
    expect(validateRic(withDate('19910431'))).toMatchObject({ ok: false, reason: 'birth_date' });
  });
});

// --- properties ------------------------------------------------------------

const digits = (n: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const birth = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validBody = fc.tuple(digits(6), birth, digits(3)).map(([region, iso, seq]) => ({
  body: region + iso.replaceAll('-', '') + seq,
  iso,
}));
const validNumber = validBody.map(({ body }) => body + ricCheckChar(body));

describe('RIC properties', () => {
  it('appending ricCheckChar to a body with a real date always validates, with that date', () => {
    fc.assert(
      fc.property(validBody, ({ body, iso }) => {
        expect(validateRic(body + ricCheckChar(body))).toEqual({
          ok: true,
          value: body + ricCheckChar(body),
          birthDate: iso,
        });
      }),
    );
  });

  // Weights 2^(18−i) mod 11 are non-zero mod the prime 11 and digits differ
  // by 1..9, so every substitution moves the sum; the check char is tested
  // before the date, so the reason is always 'checksum'.
  it('any single-character substitution fails the checksum', () => {
    const arb = fc
      .tuple(validNumber, fc.nat(17), fc.constantFrom(...'0123456789X'))
      .filter(([n, i, ch]) => n.charAt(i) !== ch && (i === 17 || ch !== 'X'));
    fc.assert(
      fc.property(arb, ([n, i, ch]) => {
        expect(validateRic(n.slice(0, i) + ch + n.slice(i + 1))).toMatchObject({ ok: false, reason: 'checksum' });
      }),
      { numRuns: 2000 },
    );
  });

  // About one number in eleven ends in X, so a few hundred runs cover it.
  it('lower-case x is accepted and normalized', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        expect(validateRic(n.toLowerCase())).toEqual(validateRic(n));
      }),
      { numRuns: 500 },
    );
  });

  it('compactRic is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => compactRic(compactRic(s)) === compactRic(s)));
  });
});
