import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { AT, FIRM, seedRiskDistrict } from '../helpers/risk-district.ts';
import { rescoreTouched } from '../../src/scoring/rescore.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// Issue 15 item 9: credit-list candidates are identified after each scoring
// run (here the rescoring every import ends with), not only when someone
// presses 重新识别候选对象; the manual refresh stays.

const db = useTestDb(seedRiskDistrict);
let t: TestDb;
beforeEach(() => {
  t = db();
});

describe('credit candidates after scoring', () => {
  it('a rescoring run identifies the candidates; the page lists them without a manual refresh and keeps the button', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db, { clock: () => AT });
    const list = async () =>
      (await (await app.request('/api/v1/credit/candidates', { headers: inspector.headers })).json()) as Array<{
        firm: { name: string };
      }>;
    expect(await list()).toEqual([]);

    const firms = (await t.db.selectFrom('firms').select('id').execute()).map((f) => f.id);
    const run = await rescoreTouched(
      { db: t.db, log: silentLog, config: testConfig() },
      firms,
      AT,
      'test',
      SYSTEM_ACTOR,
    );
    expect(run).not.toBeNull();
    const names = (await list()).map((c) => c.firm.name);
    expect(names).toContain(FIRM.severe);

    const page = await app.request('/credit', { headers: inspector.headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(FIRM.severe);
    expect(html).toContain('action="/credit/refresh"');
  });
});
