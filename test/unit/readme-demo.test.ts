import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoDistrict } from '../../src/demo/district.ts';

// The README prints the demo logins; they must be the ones the demo seeds.
describe('README demo logins', () => {
  it('list every demo user with the password and role the demo data set creates', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `(demo_[a-z0-9_]+)` \| `([^`]+)` \| (\w+) \|/gm)].map((m) => ({
      name: m[1],
      password: m[2],
      role: m[3],
    }));
    const users = buildDemoDistrict().users.map((u) => ({ name: u.name, password: u.password, role: u.role }));
    expect(rows).toEqual(users);
  });
});
