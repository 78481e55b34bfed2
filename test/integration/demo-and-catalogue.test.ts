import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp } from '../helpers/app.ts';
import { isEmpty, seedDemo } from '../../src/demo/seed.ts';
import { buildDemoDistrict } from '../../src/demo/district.ts';
import { ROLES, ROLE_CATALOGUE } from '../../src/domain/roles.ts';
import worker from '../../src/entry/worker.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe('role catalogue', () => {
  it('the roles table mirrors the domain catalogue exactly', async () => {
    const rows = await t.db.selectFrom('roles').selectAll().orderBy('name').execute();
    expect(rows.map((r) => r.name).sort()).toEqual([...ROLES].sort());
    for (const r of rows)
      expect([...r.permissions].sort()).toEqual(
        [...ROLE_CATALOGUE[r.name as (typeof ROLES)[number]].permissions].sort(),
      );
  });
});

describe('demo data set', () => {
  it('loads the fictional district into an empty database; every demo user can log in', async () => {
    expect(await isEmpty(t.db)).toBe(true);
    const district = buildDemoDistrict();
    const counts = await seedDemo(t.db, silentLog, new Date(), district);
    expect(counts.firms).toBe(district.firms.length);
    expect(await isEmpty(t.db)).toBe(false);
    const platforms = await t.db
      .selectFrom('firms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'platform')
      .executeTakeFirstOrThrow();
    expect(Number(platforms.n)).toBe(12);
    const links = await t.db
      .selectFrom('firm_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(links.n)).toBe(district.links.length);
    const app = testApp(t.db);
    for (const u of district.users) {
      const r = await app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: u.name, password: u.password }).toString(),
      });
      expect(r.status, u.name).toBe(303);
    }
    const seeded = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'demo.seed').execute();
    expect(seeded).toHaveLength(1);
  }, 120_000);
});

describe('Cloudflare Workers entry', () => {
  it('answers through the same app; without DATABASE_URL it says why it cannot', async () => {
    const url = inject('databaseUrl');
    if (url) {
      const r = await worker.fetch(new Request('http://worker.test/readyz'), {
        ...t.env,
        QIANSHAO_SECRET_KEY: 'k'.repeat(32),
      });
      expect(r.status).toBe(200);
    }
    const r = await worker.fetch(new Request('http://worker.test/readyz'), {});
    expect(r.status).toBe(503);
    expect(((await r.json()) as any).error.message).toMatch(/DATABASE_URL is required/);
  });
});
