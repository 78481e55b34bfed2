import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GcmSealer } from '../../../src/crypto/gcm-seal.ts';

// The sealer without a cipher object per value must produce exactly what
// Node's AES-256-GCM produces for the same IV, and Node must open it.
const key = randomBytes(32);
const nodeSeal = (iv: Buffer, plain: string) => {
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = c.update(plain, 'utf8');
  c.final();
  return `v1.${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
};
const nodeOpen = (sealed: string) => {
  const [, iv, tag, ct] = sealed.split('.');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv!, 'base64url'));
  d.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct!, 'base64url')), d.final()]).toString('utf8');
};
const ivOf = (sealed: string) => Buffer.from(sealed.split('.')[1]!, 'base64url');

describe('GcmSealer', () => {
  it('seals as Node GCM does, for every length around the block and look-ahead boundaries', () => {
    const g = new GcmSealer(key);
    for (let n = 0; n <= 300; n++) {
      const plain = 'é'.repeat(n >> 1) + 'a'.repeat(n & 1);
      const sealed = g.seal(plain);
      expect(sealed).toBe(nodeSeal(ivOf(sealed), plain));
    }
  });

  it('seals random text as Node GCM does, and Node opens it', () => {
    const g = new GcmSealer(key);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (plain) => {
        const sealed = g.seal(plain);
        expect(sealed).toBe(nodeSeal(ivOf(sealed), plain));
        expect(nodeOpen(sealed)).toBe(Buffer.from(plain, 'utf8').toString('utf8'));
      }),
      { numRuns: 1500 },
    );
  });

  it('draws a fresh IV from its random source for every value, across refills', () => {
    const g = new GcmSealer(key);
    const ivs = new Set(Array.from({ length: 1000 }, () => ivOf(g.seal('x')).toString('hex')));
    expect(ivs.size).toBe(1000);
  });

  it('uses the IVs its random source gives', () => {
    let drawn = Buffer.alloc(0);
    const g = new GcmSealer(key, (n) => {
      drawn = Buffer.alloc(n, 7);
      return drawn;
    });
    expect(ivOf(g.seal('张三')).equals(drawn.subarray(0, 12))).toBe(true);
  });
});
