// Acknowledge links: a short code that a phone can open without a password,
// good for one action on one alert by one person. The code is the link's
// row id (base 36) followed by 8 characters of an HMAC-SHA256 (48 bits,
// base64url) over everything the row says: id, alert, user, purpose and
// expiry, under a key derived from QIANSHAO_SECRET_KEY. Nothing secret is
// stored: a copy of the database cannot forge or read back a link, and a
// changed row (another alert, a later expiry) no longer matches its code.
// 12 characters for the first 1.6 million links: it fits one SMS template
// variable.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export const ACK_LINK_PURPOSE = 'qianshao/ack-link/v1';
const MAC_CHARS = 8;

export interface AckLinkFacts {
  id: number;
  alertId: number;
  userId: number;
  purpose: 'ack' | 'open';
  expiresAt: Date;
}

export function ackLinkKey(secret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), Buffer.from(ACK_LINK_PURPOSE), 32),
  );
}

function mac(key: Buffer, f: AckLinkFacts): string {
  const message = `v1|${f.id}|${f.alertId}|${f.userId}|${f.purpose}|${Math.floor(f.expiresAt.getTime() / 1000)}`;
  return createHmac('sha256', key).update(message).digest('base64url').slice(0, MAC_CHARS);
}

export function ackCode(key: Buffer, f: AckLinkFacts): string {
  return `${f.id.toString(36)}${mac(key, f)}`;
}

/** The row id a code names, or null when it cannot be a code at all. */
export function ackCodeId(code: string): number | null {
  if (code.length <= MAC_CHARS || code.length > MAC_CHARS + 8) return null;
  const head = code.slice(0, -MAC_CHARS);
  if (!/^[0-9a-z]+$/.test(head) || !/^[A-Za-z0-9_-]+$/.test(code.slice(-MAC_CHARS))) return null;
  const id = Number.parseInt(head, 36);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** Whether `code` is the code of exactly this row (constant-time). Expiry and use are the caller's to check. */
export function verifyAckCode(key: Buffer, code: string, f: AckLinkFacts): boolean {
  const expected = Buffer.from(ackCode(key, f));
  const given = Buffer.from(code);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
