import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptFeishu, feishuSignature, verifyFeishuSignature } from '../../src/crypto/feishu-callback.ts';

// Feishu's callback scheme: signature = hex(sha256(timestamp + nonce + encrypt_key + body)),
// body {"encrypt": base64(iv + AES-256-CBC(sha256(encrypt_key)))}.
describe('Feishu callback verification', () => {
  const body = '{"encrypt":"abc"}';

  it('is SHA-256 (not HMAC) over timestamp, nonce, key and the raw body, lower-case hex', () => {
    const expected = createHash('sha256').update(`1700000000noncekey${body}`).digest('hex');
    expect(feishuSignature('key', '1700000000', 'nonce', body)).toBe(expected);
    expect(verifyFeishuSignature('key', '1700000000', 'nonce', body, expected)).toBe(true);
    expect(verifyFeishuSignature('key', '1700000001', 'nonce', body, expected)).toBe(false);
    expect(verifyFeishuSignature('key', '1700000000', 'nonce', `${body} `, expected)).toBe(false);
    expect(verifyFeishuSignature('other', '1700000000', 'nonce', body, expected)).toBe(false);
  });

  it('decrypts what Feishu encrypts', () => {
    const iv = Buffer.from('0123456789abcdef');
    const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update('test key').digest(), iv);
    const encrypted = Buffer.concat([iv, cipher.update('{"challenge":"前哨"}', 'utf8'), cipher.final()]).toString(
      'base64',
    );
    expect(decryptFeishu('test key', encrypted)).toBe('{"challenge":"前哨"}');
    expect(() => decryptFeishu('wrong key', encrypted)).toThrow();
  });
});
