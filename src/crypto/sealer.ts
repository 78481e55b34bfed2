import * as nodeCrypto from 'node:crypto';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { IvPool } from './iv-pool.ts';

/**
 * AES-256-GCM for personal data and endpoint secrets at rest. The key comes
 * from QIANSHAO_SECRET_KEY through HKDF, with a purpose label so one secret
 * yields independent keys. Output: `v1.<iv>.<tag>.<ciphertext>` (base64url);
 * the version prefix leaves room for key rotation.
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSealer(secret: string, purpose = 'qianshao/pii/v1'): Sealer {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from(purpose), 32));
  const open = (sealed: string): string => {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  };
  // Bulk imports seal four values per petition row; one randomBytes call
  // per IV cost more than the encryption itself (see iv-pool.ts).
  const ivs = new IvPool();
  return {
    seal(plain) {
      const iv = ivs.next();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // GCM is a stream mode: final() adds no bytes, it only computes the tag.
      const ct = cipher.update(plain, 'utf8');
      cipher.final();
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
    },
    open,
  };
}

/**
 * Keyed content hash for change detection of imported rows. Keyed, because
 * a plain hash of a petition row would let anyone with the table test
 * guesses of a phone number against it.
 */
export interface RowHasher {
  /** HMAC of JSON.stringify(value). */
  (value: unknown): string;
  /** HMAC of a text already serialized (e.g. record-hash.ts, byte-identical to JSON.stringify). */
  text(json: string): string;
}

export function createRowHasher(secret: string): RowHasher {
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from('qianshao/row-hash/v1'), 32),
  );
  const text = hmacText(key);
  const hasher = (value: unknown) => text(JSON.stringify(value));
  hasher.text = text;
  return hasher;
}

const BLOCK = 64;
type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'base64url' | 'binary') => string;

/**
 * HMAC-SHA256 (RFC 2104) as two one-shot hashes over preallocated buffers
 * holding the padded keys: createHmac builds a stream object per call,
 * which costs more than hashing a row. Same bytes out (test/unit/sealer.test.ts).
 */
function hmacText(key: Buffer): (json: string) => string {
  const slow = (json: string) => createHmac('sha256', key).update(json).digest('base64url');
  const hash = (nodeCrypto as { hash?: OneShotHash }).hash;
  if (typeof hash !== 'function') return slow;
  let inner = Buffer.alloc(BLOCK + 4096);
  const outer = Buffer.alloc(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  const fast = (json: string) => {
    if (BLOCK + json.length * 3 > inner.length) {
      const grown = Buffer.alloc(BLOCK + json.length * 3);
      inner.copy(grown, 0, 0, BLOCK);
      inner = grown;
    }
    const n = inner.write(json, BLOCK, 'utf8');
    outer.write(hash('sha256', inner.subarray(0, BLOCK + n), 'binary'), BLOCK, 'latin1');
    return hash('sha256', outer, 'base64url');
  };
  try {
    return fast('{"probe":"张三"}') === slow('{"probe":"张三"}') ? fast : slow;
  } catch {
    return slow;
  }
}
