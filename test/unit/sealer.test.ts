import { describe, expect, it } from 'vitest';
import { IvPool } from '../../src/crypto/iv-pool.ts';
import { createRowHasher, createSealer } from '../../src/crypto/sealer.ts';

const SECRET = 'test-secret-key-0123456789abcdef0123456789';
const SEALED = /^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]*$/;

describe('sealer', () => {
  it('round-trips text, including the empty string, in the v1 format', () => {
    const s = createSealer(SECRET);
    for (const plain of ['张三 13812345678', '', 'a'.repeat(5000), '"quotes", {braces} \\ and\nlines']) {
      const sealed = s.seal(plain);
      expect(sealed).toMatch(SEALED);
      expect(s.open(sealed)).toBe(plain);
    }
  });

  it('opens values sealed before IVs were pooled (fixed vectors)', () => {
    const s = createSealer(SECRET);
    expect(s.open('v1.NT03VfehASnN2fJS.Zmzoo6GJoyPmsfwuijkXYw.Ubq349L_SADK_UmayyLgwMhf')).toBe('张三 13812345678');
    expect(s.open('v1.viZI7cD0UMvvTl8a.fGXseFF0DkM2qtkcAflfgg.')).toBe('');
  });

  it('never repeats an IV across pool refills', () => {
    const s = createSealer(SECRET);
    const ivs = new Set(Array.from({ length: 3000 }, () => s.seal('x').split('.')[1]));
    expect(ivs.size).toBe(3000);
  });

  it('refuses a tampered value and a value sealed for another purpose', () => {
    const s = createSealer(SECRET);
    const sealed = s.seal('13812345678');
    const [v, iv, tag, ct] = sealed.split('.');
    const flipped = ct!.startsWith('A') ? `B${ct!.slice(1)}` : `A${ct!.slice(1)}`;
    expect(() => s.open([v, iv, tag, flipped].join('.'))).toThrow();
    expect(() => createSealer(SECRET, 'qianshao/other/v1').open(sealed)).toThrow();
  });
});

describe('IvPool', () => {
  it('hands out 12-byte IVs that a refill does not overwrite', () => {
    const pool = new IvPool();
    const first = pool.next();
    const copy = Buffer.from(first);
    for (let i = 0; i < 2500; i++) pool.next();
    expect(first).toHaveLength(12);
    expect(first.equals(copy)).toBe(true);
  });
});

describe('row hasher', () => {
  it('keeps its output, so re-imports of earlier files still find their duplicates', () => {
    const hash = createRowHasher(SECRET);
    expect(hash({ recordId: 'I-1', amount: 12000, violations: ['wage_arrears'] })).toBe(
      'C1hcgG7dV1uRACju7RsP9fty7IMXJzq96h8kXvLCiiY',
    );
  });
});
