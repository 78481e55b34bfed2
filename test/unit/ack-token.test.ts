import { describe, expect, it } from 'vitest';
import { ackCode, ackCodeId, ackLinkKey, verifyAckCode } from '../../src/crypto/ack-token.ts';

const key = ackLinkKey('test-secret-key-0123456789abcdef0123456789');
const facts = {
  id: 1234,
  alertId: 77,
  userId: 5,
  purpose: 'ack' as const,
  expiresAt: new Date('2026-12-05T14:10:00Z'),
};

describe('acknowledge link codes', () => {
  it('are short enough for one SMS template variable and name their row', () => {
    const code = ackCode(key, facts);
    expect(code).toMatch(/^[0-9a-z]+[A-Za-z0-9_-]{8}$/);
    expect(code.length).toBeLessThanOrEqual(12);
    expect(ackCodeId(code)).toBe(1234);
    expect(verifyAckCode(key, code, facts)).toBe(true);
  });

  it('are bound to the alert, the person, the purpose and the expiry', () => {
    const code = ackCode(key, facts);
    expect(verifyAckCode(key, code, { ...facts, alertId: 78 })).toBe(false);
    expect(verifyAckCode(key, code, { ...facts, userId: 6 })).toBe(false);
    expect(verifyAckCode(key, code, { ...facts, purpose: 'open' })).toBe(false);
    expect(verifyAckCode(key, code, { ...facts, expiresAt: new Date(facts.expiresAt.getTime() + 3_600_000) })).toBe(
      false,
    );
  });

  it('cannot be made without the server key, nor altered by a character', () => {
    const code = ackCode(key, facts);
    expect(verifyAckCode(ackLinkKey('another-secret-key-0123456789abcdef012345'), code, facts)).toBe(false);
    const last = code.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyAckCode(key, code.slice(0, -1) + last, facts)).toBe(false);
  });

  it('reject what cannot be a code', () => {
    for (const bad of ['', 'abc', 'ZZ12345678', '1/2345678', `${'1'.repeat(9)}12345678`])
      expect(ackCodeId(bad)).toBeNull();
  });
});
