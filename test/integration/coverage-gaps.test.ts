import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { importText, seedFirms } from '../helpers/ingest.ts';
import { rescoreTouched } from '../../src/risk/rescore.ts';
import { runEscalation } from '../../src/alerts/escalate.ts';
import { rosterGaps } from '../../src/alerts/roster-gaps.ts';
import { endpoint } from '../helpers/incidents.ts';

// Issue 17 item 4: an orange alert at 22:10 that finds nobody on duty is
// not left to advance its escalation chain in silence: a coverage-gap
// alert goes to the district's fallback tier and the admins at once, and
// each escalation step that finds nobody says so.

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => { t = db(); });

const AT = new Date('2026-11-20T14:10:00Z'); // 22:10 Shanghai
const MIN = 60_000;
const config = testConfig();
const FIRM = '松涛劳务派遣有限公司';

/** A collective wage petition (14 people) at 22:10: an orange alert. */
async function orangeAlert() {
  const line = JSON.stringify({ record_id: 'P-GAP-1', firm: FIRM, received: '2026-11-20', category: 'wage_arrears', petitioners: 14 });
  const r = await importText(t.db, 'petitions', `${line}\n`, { format: 'ndjson', now: AT });
  expect(r.accepted).toBe(1);
  const firm = (await t.db.selectFrom('firms').select('id').where('name', '=', FIRM).executeTakeFirstOrThrow()).id;
  await rescoreTouched({ db: t.db, log: silentLog, config }, [firm], AT, 'import', { id: null, name: 'test' });
  return firm;
}

const eventOf = (e: unknown) => (typeof e === 'string' ? JSON.parse(e) : e) as { type: string; data: { alert: { id: number; rule: string } }; mentions?: { mobiles: string[] } };

describe('coverage gaps', () => {
  it('an orange alert at 22:10 with no roster: a coverage-gap alert to the fallback (the admins), and escalation says whom it found', async () => {
    const admin = await userWithToken(t.db, 'admin');
    await t.db.updateTable('users').set({ mobile: '13900000009' }).where('id', '=', admin.user.id).execute();
    const hook = await endpoint(t, 'duty-group');
    const firm = await orangeAlert();

    const alerts = await t.db.selectFrom('alerts').select(['id', 'rule', 'level', 'assignee_id', 'firm_id']).orderBy('id').execute();
    const alert = alerts.find((a) => a.rule === 'collective_wage_petition')!;
    expect(alert).toMatchObject({ level: 'orange', assignee_id: null, firm_id: firm });
    const gap = alerts.find((a) => a.rule === 'coverage_gap')!;
    expect(gap).toMatchObject({ level: 'orange', firm_id: firm, assignee_id: admin.user.id });

    // The group gets the alert and the gap, and the gap @-mentions the fallback.
    const sent = (await t.db.selectFrom('deliveries').select(['endpoint_id', 'event']).orderBy('id').execute()).map((d) => eventOf(d.event));
    expect(sent.map((e) => [e.type, e.data.alert.rule])).toEqual([['alert.raised', 'collective_wage_petition'], ['alert.raised', 'coverage_gap']]);
    expect(sent[1]!.mentions?.mobiles).toEqual(['13900000009']);
    expect((await t.db.selectFrom('deliveries').select('endpoint_id').execute()).every((d) => d.endpoint_id === hook)).toBe(true);
    const kinds = async (id: number) => (await t.db.selectFrom('alert_events').select('kind').where('alert_id', '=', id).orderBy('id').execute()).map((e) => e.kind);
    expect(await kinds(alert.id)).toContain('coverage_gap');

    // The next step (tier 2 after 15 min; quiet hours hold orange paging, so it fires at 08:00) finds nobody either:
    // it is recorded on the alert, and the open gap alert is updated rather than paging again.
    const morning = new Date('2026-11-21T00:00:00Z');
    const out = await runEscalation({ db: t.db, log: silentLog, config }, morning);
    expect(out.escalated).toBeGreaterThanOrEqual(1);
    expect(await kinds(alert.id)).toEqual(expect.arrayContaining(['escalated', 'coverage_gap']));
    expect((await kinds(alert.id)).filter((k) => k === 'coverage_gap').length).toBeGreaterThanOrEqual(2);
    expect(await kinds(gap.id)).toContain('updated');
    expect(await t.db.selectFrom('alerts').select('id').where('rule', '=', 'coverage_gap').execute()).toHaveLength(1);
  });

  it('with someone on duty there is no gap; the daily check and the roster page show the gaps of the next 7 days', async () => {
    const duty = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    await t.db.insertInto('roster_shifts').values({
      user_id: duty.user.id, starts_at: new Date(AT.getTime() - 60 * MIN), ends_at: new Date(AT.getTime() + 24 * 60 * MIN), district: '示范区', tier: 1,
    }).execute();
    await orangeAlert();
    expect(await t.db.selectFrom('alerts').select('id').where('rule', '=', 'coverage_gap').execute()).toHaveLength(0);

    const gaps = await rosterGaps(t.db, AT, { kind: 'district', district: '示范区', streets: [] });
    // Covered for the first 24 h; nobody after, for both categories.
    expect(gaps.map((g) => [g.category, g.start.toISOString(), g.end.toISOString()])).toEqual([
      ['labor', new Date(AT.getTime() + 24 * 60 * MIN).toISOString(), new Date(AT.getTime() + 7 * 24 * 60 * MIN).toISOString()],
      ['opinion', new Date(AT.getTime() + 24 * 60 * MIN).toISOString(), new Date(AT.getTime() + 7 * 24 * 60 * MIN).toISOString()],
    ]);
    const page = await testApp(t.db, { clock: () => AT }).request('/roster', { headers: duty.headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('值班空档');
    expect(html).toContain('11-21 22:10');
  });
});
