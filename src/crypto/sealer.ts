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
    open(sealed) {
      const [v, iv, tag, ct] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Keyed content hash for change detection of imported rows. Keyed, because
 * a plain hash of a petition row would let anyone with the table test
 * guesses of a phone number against it.
 */
export function createRowHasher(secret: string): (value: unknown) => string {
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from('qianshao/row-hash/v1'), 32),
  );
  return (value) => createHmac('sha256', key).update(JSON.stringify(value)).digest('base64url');
}
