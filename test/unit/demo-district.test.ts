import { describe, expect, it } from 'vitest';
import { DEMO_DISTRICT, NEIGHBOUR_DISTRICT, buildDemoDistrict } from '../../src/demo/district.ts';
import { mulberry32 } from '../../src/demo/prng.ts';
import { ROLES } from '../../src/domain/roles.ts';
import { isValidUscc } from '../../src/domain/uscc.ts';

const demo = buildDemoDistrict();
const platforms = demo.firms.filter((f) => f.role === 'platform');
const partners = demo.firms.filter((f) => f.role !== 'platform');

describe('mulberry32', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('buildDemoDistrict', () => {
  it('is deterministic: the same seed gives a deep-equal district', () => {
    expect(buildDemoDistrict()).toEqual(demo);
    expect(buildDemoDistrict(7)).toEqual(buildDemoDistrict(7));
    expect(buildDemoDistrict(7).firms).not.toEqual(demo.firms);
  });

  it('is clearly labelled as fictional', () => {
    expect(demo.label).toContain('演示数据（虚构）');
    expect(demo.label).toContain('demo data (fictional)');
    expect(demo.district).toBe(DEMO_DISTRICT);
  });

  it('has 8–10 invented streets ending in 街道 or 镇', () => {
    expect(demo.streets.length).toBeGreaterThanOrEqual(8);
    expect(demo.streets.length).toBeLessThanOrEqual(10);
    for (const s of demo.streets) expect(s).toMatch(/(街道|镇)$/u);
  });

  it('has 12 platforms, including brand aliases that nest in one another', () => {
    expect(platforms).toHaveLength(12);
    const aliases = platforms.flatMap((p) => p.aliases);
    expect(aliases).toContain('快兔');
    expect(aliases).toContain('快兔跑腿');
  });

  it('has 250–350 partner firms in the expected roles', () => {
    expect(partners.length).toBeGreaterThanOrEqual(250);
    expect(partners.length).toBeLessThanOrEqual(350);
    const roles = new Set(partners.map((p) => p.role));
    for (const r of ['franchisee', 'agent', 'outsourcing', 'dispatch'] as const) expect(roles).toContain(r);
  });

  it('gives every non-null USCC a valid code (checksum and GB 11714), and about 85% have one', () => {
    const codes = demo.firms.map((f) => f.uscc).filter((c): c is string => c !== null);
    for (const c of codes) expect(isValidUscc(c), c).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    const share = codes.length / demo.firms.length;
    expect(share).toBeGreaterThan(0.78);
    expect(share).toBeLessThan(0.92);
  });

  it('has unique keys and names, with some 分公司 and full-width brackets', () => {
    expect(new Set(demo.firms.map((f) => f.key)).size).toBe(demo.firms.length);
    expect(new Set(demo.firms.map((f) => f.name)).size).toBe(demo.firms.length);
    expect(demo.firms.some((f) => f.name.endsWith('分公司'))).toBe(true);
    expect(demo.firms.some((f) => f.name.includes('（'))).toBe(true);
  });

  it('links every partner to one or two platforms, always platform → non-platform', () => {
    const byKey = new Map(demo.firms.map((f) => [f.key, f]));
    for (const l of demo.links) {
      expect(byKey.get(l.platformKey)?.role).toBe('platform');
      const partner = byKey.get(l.partnerKey);
      expect(partner).toBeDefined();
      expect(partner?.role).not.toBe('platform');
    }
    const seen = new Set(demo.links.map((l) => `${l.platformKey}>${l.partnerKey}`));
    expect(seen.size).toBe(demo.links.length);
    for (const p of partners) {
      const n = demo.links.filter((l) => l.partnerKey === p.key).length;
      expect(n === 1 || n === 2, p.key).toBe(true);
    }
    expect(demo.links.length).toBeGreaterThan(partners.length);
  });

  it('puts about 15 firms in the neighbouring district and the rest in 示范区 streets', () => {
    const neighbour = demo.firms.filter((f) => f.district === NEIGHBOUR_DISTRICT);
    expect(neighbour.length).toBeGreaterThanOrEqual(10);
    expect(neighbour.length).toBeLessThanOrEqual(20);
    for (const f of demo.firms) {
      expect([DEMO_DISTRICT, NEIGHBOUR_DISTRICT]).toContain(f.district);
      if (f.district === DEMO_DISTRICT && f.street !== null) expect(demo.streets).toContain(f.street);
    }
  });

  it('has a user for every role, with fixed demo-only passwords', () => {
    for (const role of ROLES)
      expect(
        demo.users.some((u) => u.role === role),
        role,
      ).toBe(true);
    const names = demo.users.map((u) => u.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'demo_inspector',
        'demo_inspector2',
        'demo_inspector_neighbour',
        'demo_opinion',
        'demo_duty',
        'demo_approver',
        'demo_manager',
        'demo_admin',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const u of demo.users) expect(u.password).toMatch(/^demo-[a-z0-9-]+$/);
    expect(demo.users.find((u) => u.name === 'demo_admin')?.district).toBeNull();
    expect(demo.users.find((u) => u.name === 'demo_inspector_neighbour')?.district).toBe(NEIGHBOUR_DISTRICT);
  });

  it('gives the two 示范区 inspectors disjoint streets of the district', () => {
    const a = demo.users.find((u) => u.name === 'demo_inspector')!;
    const b = demo.users.find((u) => u.name === 'demo_inspector2')!;
    expect(a.streets.length).toBeGreaterThan(0);
    expect(b.streets.length).toBeGreaterThan(0);
    expect(a.streets.filter((s) => b.streets.includes(s))).toEqual([]);
    for (const s of [...a.streets, ...b.streets]) expect(demo.streets).toContain(s);
  });
});
