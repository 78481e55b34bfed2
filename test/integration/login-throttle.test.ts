import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';

// Issue 13 item 10: throttling per (user name, address) with exponential
// backoff, plus a ceiling per address. The app believes X-Forwarded-For only
// with QIANSHAO_TRUST_PROXY, so these tests set it to give each request its
// own client address.

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.reset();
});

let now = new Date('2026-11-20T02:00:00Z');
const app = () =>
  testApp(t.db, {
    clock: () => now,
    env: {
      QIANSHAO_TRUST_PROXY: '1',
      QIANSHAO_LOGIN_MAX_FAILURES: '3',
      QIANSHAO_LOGIN_BACKOFF_S: '30',
      QIANSHAO_LOGIN_ADDRESS_MAX_FAILURES: '5',
    },
  });
const attempt = (name: string, password: string, ip: string) =>
  app().request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    body: new URLSearchParams({ name, password }).toString(),
  });
const GOOD = 'correct-horse-battery';
const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

describe('login throttling', () => {
  it("an attacker's failures from another address do not lock the owner out", async () => {
    const { user } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    for (let i = 0; i < 6; i++)
      expect([401, 429]).toContain((await attempt(user.name, `guess-${i}-password`, '203.0.113.9')).status);
    expect((await attempt(user.name, 'guess-x-password', '203.0.113.9')).status).toBe(429);
    // The owner, at their own desk.
    expect((await attempt(user.name, GOOD, '10.8.0.21')).status).toBe(303);
  });

  it('backs off exponentially for one (name, address) pair', async () => {
    const { user } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const ip = '198.51.100.7';
    for (let i = 0; i < 3; i++) expect((await attempt(user.name, `bad-${i}-password`, ip)).status).toBe(401);
    // Fourth attempt: 30 s wait, even with the right password.
    expect((await attempt(user.name, GOOD, ip)).status).toBe(429);
    later(31);
    expect((await attempt(user.name, 'bad-3-password', ip)).status).toBe(401);
    // Now 4 failures: the wait doubles to 60 s.
    later(31);
    expect((await attempt(user.name, GOOD, ip)).status).toBe(429);
    later(30);
    expect((await attempt(user.name, GOOD, ip)).status).toBe(303);
    // Success forgives that pair: a typo afterwards is a plain 401 again.
    expect((await attempt(user.name, 'typo-password', ip)).status).toBe(401);
  });

  it('an office behind one NAT address keeps working within the ceiling; past it the address is refused', async () => {
    const users = await Promise.all(
      Array.from({ length: 3 }, () => userWithToken(t.db, 'inspector', { district: '示范区' })),
    );
    const nat = '192.0.2.50';
    // Each colleague mistypes once: 3 failures, below the ceiling of 5.
    for (const { user } of users) expect((await attempt(user.name, 'typo-password', nat)).status).toBe(401);
    for (const { user } of users) expect((await attempt(user.name, GOOD, nat)).status).toBe(303);
    // A sweep of many names from one address hits the ceiling.
    for (let i = 0; i < 5; i++) expect((await attempt(`nobody${i}`, 'x-password', nat)).status).toBe(401);
    expect((await attempt(users[0]!.user.name, GOOD, nat)).status).toBe(429);
    // Other addresses are not affected.
    expect((await attempt(users[0]!.user.name, GOOD, '192.0.2.51')).status).toBe(303);
  });
});
