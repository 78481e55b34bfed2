import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EVENT_TYPES,
  buildRequest,
  decodeSecret,
  generateSecret,
  signStandard,
  verifyStandard,
} from '../../../src/delivery/channels/index.ts';
import { Invalid } from '../../../src/domain/errors.ts';
import { NOW, alertEvent, endpoint } from './fixtures.ts';

// Published vectors, vendored in test/fixtures/corpora/standard-webhooks/
// (see its SOURCE.md and LICENSE).
const VECTORS = new URL('../../fixtures/corpora/standard-webhooks/vectors.json', import.meta.url);
const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as Array<{
  secret: string;
  msgId: string;
  timestamp: number;
  payload: string;
  signature: string;
}>;

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('signStandard', () => {
  it('has both published vectors to reproduce', () => {
    expect(vectors).toHaveLength(2);
  });

  it.each(vectors.map((v) => [v.msgId, v] as const))('reproduces the published vector %s', (_id, v) => {
    expect(signStandard(v.secret, v.msgId, v.timestamp, v.payload)).toBe(v.signature);
  });

  // SELF-GENERATED vector (not published anywhere): a Chinese payload, so the
  // body is signed as UTF-8 bytes. The expected value was computed once with
  // the official `standardwebhooks` library and, independently, with
  // node:crypto; both agreed. The last two assertions recompute it both ways.
  const zh = {
    secret: 'whsec_5pWw5o2u5qCH5YeG6aKE6K2m5rWL6K+V5a+G6ZKlAA==',
    msgId: 'msg_2QJ9qianshaoZH001',
    timestamp: 1795845903,
    payload:
      '{"type":"alert.raised","timestamp":"2026-11-28T06:05:00.000Z","data":{"alert":{"title":"骑手聚集讨薪（上海市长宁区）","firm":{"name":"上海某某配送站","uscc":"91310000MA1FL0XXXX"}}}}',
    signature: 'v1,hji9xPoCGTTN212D792S587hUT+pIyjfrS2tS3P8ung=',
  };

  it('reproduces the self-generated Chinese-payload vector', () => {
    expect(signStandard(zh.secret, zh.msgId, zh.timestamp, zh.payload)).toBe(zh.signature);
  });

  it('agrees with the official library and with a plain HMAC on the Chinese vector', () => {
    const library = new Webhook(zh.secret).sign(zh.msgId, new Date(zh.timestamp * 1000), zh.payload);
    const key = Buffer.from(zh.secret.slice('whsec_'.length), 'base64');
    const plain = createHmac('sha256', key)
      .update(`${zh.msgId}.${zh.timestamp}.${zh.payload}`, 'utf8')
      .digest('base64');
    expect(library).toBe(zh.signature);
    expect(`v1,${plain}`).toBe(zh.signature);
  });

  it('refuses a secret that is not base64 and a fractional timestamp', () => {
    expect(() => signStandard('whsec_not base64!', 'm', 1, '')).toThrow(Invalid);
    expect(() => signStandard(SECRET, 'm', 1.5, '')).toThrow(Invalid);
    expect(() => decodeSecret('whsec_')).toThrow(Invalid);
  });
});

describe('generateSecret', () => {
  it('is whsec_ + base64 of 24–32 random bytes, different each time', () => {
    const a = generateSecret();
    const b = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    const bytes = Buffer.from(a.slice(6), 'base64').length;
    expect(bytes).toBeGreaterThanOrEqual(24);
    expect(bytes).toBeLessThanOrEqual(32);
    expect(a).not.toBe(b);
    expect(() => new Webhook(a)).not.toThrow();
  });
});

describe('buildRequest(standard)', () => {
  beforeEach(() => {
    // The official library checks the timestamp against Date.now().
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const hook = endpoint('standard', { secret: SECRET });

  it('sends the CONTRACT §4 body and the three webhook headers', () => {
    const event = alertEvent();
    const req = buildRequest(hook, event, NOW);
    expect(req.method).toBe('POST');
    expect(req.url).toBe(hook.url);
    expect(req.body).toBe(
      JSON.stringify({ type: 'alert.raised', timestamp: '2026-11-28T06:05:00.000Z', data: event.data }),
    );
    expect(Object.keys(JSON.parse(req.body))).toEqual(['type', 'timestamp', 'data']);
    expect(req.headers).toEqual({
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(NOW.getTime() / 1000)),
      'webhook-signature': signStandard(SECRET, event.id, Math.floor(NOW.getTime() / 1000), req.body),
    });
  });

  it.each(EVENT_TYPES.map((t) => [t]))('a %s delivery verifies with the standardwebhooks library', (type) => {
    const event = { ...alertEvent({}, type), data: { ...alertEvent().data, note: '含中文的备注' } };
    const req = buildRequest(hook, event, NOW);
    const payload = new Webhook(SECRET).verify(req.body, req.headers) as Record<string, unknown>;
    expect(payload['type']).toBe(type);
    expect(payload['data']).toEqual(event.data);
  });

  it('verifies with a freshly generated secret too', () => {
    const secret = generateSecret();
    const req = buildRequest({ ...hook, secret }, alertEvent(), NOW);
    expect(() => new Webhook(secret).verify(req.body, req.headers)).not.toThrow();
  });

  it('is rejected by the library when the body is altered or the secret differs', () => {
    const req = buildRequest(hook, alertEvent(), NOW);
    expect(() => new Webhook(SECRET).verify(req.body.replace('讨薪', '讨债'), req.headers)).toThrow();
    expect(() => new Webhook(generateSecret()).verify(req.body, req.headers)).toThrow();
  });

  it('keeps webhook-id across retries while the signature follows the attempt time', () => {
    const event = alertEvent();
    const first = buildRequest(hook, event, NOW);
    const later = new Date(NOW.getTime() + 5 * 60_000);
    const retry = buildRequest(hook, event, later);
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retry.body).toBe(first.body);
    expect(retry.headers['webhook-timestamp']).not.toBe(first.headers['webhook-timestamp']);
    vi.setSystemTime(later);
    expect(() => new Webhook(SECRET).verify(retry.body, retry.headers)).not.toThrow();
  });

  it('throws for a standard endpoint without a secret', () => {
    expect(() => buildRequest(endpoint('standard'), alertEvent(), NOW)).toThrow(Invalid);
  });
});

describe('verifyStandard', () => {
  const req = buildRequest(endpoint('standard', { secret: SECRET }), alertEvent(), NOW);

  it('accepts its own deliveries and any of several signatures (rotation)', () => {
    expect(verifyStandard(SECRET, req.headers, req.body, NOW)).toBe(true);
    const rotated = { ...req.headers, 'webhook-signature': `v1,bm90LXRoaXMtb25l ${req.headers['webhook-signature']}` };
    expect(verifyStandard(SECRET, rotated, req.body, NOW)).toBe(true);
  });

  it('rejects a tampered body, a stale timestamp and missing headers', () => {
    expect(verifyStandard(SECRET, req.headers, `${req.body} `, NOW)).toBe(false);
    expect(verifyStandard(SECRET, req.headers, req.body, new Date(NOW.getTime() + 6 * 60_000))).toBe(false);
    expect(verifyStandard(SECRET, { 'webhook-id': 'x' }, req.body, NOW)).toBe(false);
  });

  it('accepts what the official library signs', () => {
    const ts = Math.floor(NOW.getTime() / 1000);
    const signature = new Webhook(SECRET).sign('msg_lib', new Date(ts * 1000), '{"a":"中文"}');
    const headers = { 'Webhook-Id': 'msg_lib', 'Webhook-Timestamp': String(ts), 'Webhook-Signature': signature };
    expect(verifyStandard(SECRET, headers, '{"a":"中文"}', NOW)).toBe(true);
  });
});
