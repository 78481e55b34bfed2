import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { AT, seedRiskDistrict } from '../helpers/risk-district.ts';

// Issue 15 item 10: /digests lists the weeks that have data, this week to
// date first; a week in the future is refused with an error page.

const db = useTestDb(seedRiskDistrict);
let t: TestDb;
beforeEach(() => {
  t = db();
});

describe('/digests', () => {
  it('lists the current week first, then the earlier weeks with records; refuses future weeks', async () => {
    const manager = await userWithToken(t.db, 'manager', { district: '示范区' });
    const app = testApp(t.db, { clock: () => AT });
    const html = await (await app.request('/digests', { headers: manager.headers })).text();
    const weeks = [...html.matchAll(/<li data-week="(\d{4}-W\d\d)"/g)].map((m) => m[1]);
    // AT is Friday 2026-11-20 (Shanghai): week 47.
    expect(weeks[0]).toBe('2026-W47');
    expect(html).toMatch(/data-week="2026-W47" data-current="1"/);
    expect(weeks.length).toBeGreaterThan(1);
    expect([...weeks].sort().reverse()).toEqual(weeks);
    expect(weeks.every((w) => w! <= '2026-W47')).toBe(true);

    const current = await app.request('/digests/2026-W47', { headers: manager.headers });
    expect(current.status).toBe(200);
    for (const future of ['2026-W48', '2027-W05']) {
      const r = await app.request(`/digests/${future}`, { headers: manager.headers });
      expect(r.status, future).toBe(404);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(await r.text()).toContain('该周尚未开始');
    }
    const bogus = await app.request('/digests/bogus', { headers: manager.headers });
    expect(bogus.status).toBe(404);
    expect(await bogus.text()).toContain('<!DOCTYPE html>');
  });
});
