import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, DUMMY_HASH } from '../../src/users/password.ts';

describe('password hashing (scrypt)', { timeout: 30_000 }, () => {
  it('verifies the right password only, with a random salt per hash', async () => {
    const h1 = await hashPassword('correct-horse-battery');
    const h2 = await hashPassword('correct-horse-battery');
    expect(h1).not.toBe(h2);
    expect(h1).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct-horse-battery', h1)).toBe(true);
    expect(await verifyPassword('correct-horse-batterx', h1)).toBe(false);
    expect(await verifyPassword('', h1)).toBe(false);
  });
  it('treats Unicode-equivalent passwords alike (NFKC)', async () => {
    const h = await hashPassword('密码Ａ-pass-1234');
    expect(await verifyPassword('密码A-pass-1234', h)).toBe(true);
  });
  it('never verifies against the dummy hash or a malformed one', async () => {
    expect(await verifyPassword('anything-at-all', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('anything-at-all', 'md5$abc')).toBe(false);
  });
});
