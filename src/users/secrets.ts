import { createHash, randomBytes } from 'node:crypto';

/** Bearer tokens and session ids are random; only their SHA-256 is stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
