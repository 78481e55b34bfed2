// Feishu (飞书) open platform callbacks, as its documentation describes
// them: with an Encrypt Key set, each request carries X-Lark-Signature =
// hex(SHA-256(X-Lark-Request-Timestamp + X-Lark-Request-Nonce + encrypt_key
// + raw body)), and the body is {"encrypt": base64(iv(16) + AES-256-CBC
// ciphertext)} under key SHA-256(encrypt_key). The Verification Token in
// the payload names the app.
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

export function feishuSignature(encryptKey: string, timestamp: string, nonce: string, rawBody: string): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(timestamp + nonce + encryptKey, 'utf8'), Buffer.from(rawBody, 'utf8')]))
    .digest('hex');
}

export function verifyFeishuSignature(
  encryptKey: string,
  timestamp: string,
  nonce: string,
  rawBody: string,
  signature: string,
): boolean {
  const expected = Buffer.from(feishuSignature(encryptKey, timestamp, nonce, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function decryptFeishu(encryptKey: string, encrypted: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const data = Buffer.from(encrypted, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
}
