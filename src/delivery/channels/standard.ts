// Standard Webhooks (https://www.standardwebhooks.com): the body of CONTRACT
// §4, signed with HMAC-SHA256 over `${id}.${timestamp}.${body}` using the
// base64-decoded part of a `whsec_` secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Invalid } from '../../domain/errors.ts';
import type { Endpoint, HttpRequestSpec, OutgoingEvent } from './types.ts';

const PREFIX = 'whsec_';
// 32 bytes: the spec asks for 24–64; 256 bits matches the HMAC-SHA256 output.
const SECRET_BYTES = 32;
/** The spec's default tolerance for `webhook-timestamp` when verifying. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** A new Standard Webhooks secret: 'whsec_' + base64 of 32 random bytes. */
export function generateSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The HMAC key of a secret; a missing `whsec_` prefix is tolerated like the reference libraries do. */
export function decodeSecret(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new Invalid('webhook secret is not base64');
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Invalid('webhook secret is empty');
  return key;
}

export function signStandard(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  if (!Number.isSafeInteger(timestampSeconds)) throw new Invalid('webhook timestamp must be whole seconds');
  const mac = createHmac('sha256', decodeSecret(secret)).update(`${msgId}.${timestampSeconds}.${body}`, 'utf8');
  return `v1,${mac.digest('base64')}`;
}

/** The body of CONTRACT §4, keys in the documented order. */
export function standardBody(event: OutgoingEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp.toISOString(), data: event.data });
}

export function buildStandardRequest(endpoint: Endpoint, event: OutgoingEvent, now: Date): HttpRequestSpec {
  if (!endpoint.secret) throw new Invalid('a standard webhook endpoint needs a whsec_ secret');
  const body = standardBody(event);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    url: endpoint.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signStandard(endpoint.secret, event.id, timestamp, body),
    },
    body,
  };
}

/**
 * Checks a received delivery (for the demo inbox and tests). Accepts any of
 * the space-separated `v1,` signatures, so secret rotation works; rejects a
 * timestamp further than `toleranceSeconds` from `now` (replay protection).
 */
export function verifyStandard(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
  now: Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  const lower: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  const id = lower['webhook-id'];
  const stamp = lower['webhook-timestamp'];
  const signatures = lower['webhook-signature'];
  if (!id || !stamp || !signatures || !/^\d+$/.test(stamp)) return false;
  const timestamp = Number(stamp);
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signStandard(secret, id, timestamp, body).slice(3), 'utf8');
  return signatures.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',');
    if (version !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
