import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { importText, seedFirms } from '../helpers/ingest.ts';
import { rescoreTouched } from '../../src/scoring/rescore.ts';
import { runEscalation } from '../../src/alerts/escalate.ts';
import { rosterGaps } from '../../src/alerts/roster-gaps.ts';
import { endpoint } from '../helpers/incidents.ts';

// Issue 17 item 4: an orange alert at 22:10 that finds nobody on duty is
// not left to advance its escalation chain in silence: a coverage-gap
// alert goes to the district's fallback tier and the admins at once, and
// each escalation step that finds nobody says so.

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const AT = new Date('2026-11-20T14:10:00Z'); // 22:10 Shanghai
const MIN = 60_000;
const config = testConfig();
const FIRM = '松涛劳务派遣有限公司';

/** A collective wage petition (14 people) at 22:10: an orange alert. */
async function orangeAlert() {
  const line = JSON.stringify({
    record_id: 'P-GAP-1',
    firm: FIRM,
    received: '2026-11-20',
    category: 'wage_arrears',
    petitioners: 14,
  });
  const r = await importText(t.db, 'petitions', `${line}\n`, { format: 'ndjson', now: AT });
  expect(r.accepted).toBe(1);
  const firm = (await t.db.selectFrom('firms').select('id').where('name', '=', FIRM).executeTakeFirstOrThrow()).id;
  await rescoreTouched({ db: t.db, log: silentLog, config }, [firm], AT, 'import', { id: null, name: 'test' });
  return firm;
}

const eventOf = (e: unknown) =>
  (typeof e === 'string' ? JSON.parse(e) : e) as {
    type: string;
    data: { alert: { id: number; rule: string } };
    mentions?: { mobiles: string[] };
  };

describe('coverage gaps', () => {
  it('an orange alert at 22:10 with no roster: a coverage-gap alert to the fallback (the admins), and escalation says whom it found', async () => {
    const admin = await userWithToken(t.db, 'admin');
    await t.db.updateTable('users').set({ mobile: '13900000009' }).where('id', '=', admin.user.id).execute();
    const hook = await endpoint(t, 'duty-group');
    const firm = await orangeAlert();

    const alerts = await t.db
      .selectFrom('alerts')
      .select(['id', 'rule', 'level', 'assignee_id', 'firm_id'])
      .orderBy('id')
      .execute();
    const alert = alerts.find((a) => a.rule === 'collective_wage_petition')!;
    expect(alert).toMatchObject({ level: 'orange', assignee_id: null, firm_id: firm });
    const gap = alerts.find((a) => a.rule === 'coverage_gap')!;
    expect(gap).toMatchObject({ level: 'orange', firm_id: firm, assignee_id: admin.user.id });
    expect(
      (await t.db.selectFrom('alerts').select('fingerprint').where('id', '=', gap.id).executeTakeFirstOrThrow())
        .fingerprint,
    ).toBe('gap:示范区:labor');

    // The group gets the alert and the gap, and the gap @-mentions the fallback.
    const sent = (await t.db.selectFrom('deliveries').select(['endpoint_id', 'event']).orderBy('id').execute()).map(
      (d) => eventOf(d.event),
    );
    expect(sent.map((e) => [e.type, e.data.alert.rule])).toEqual([
      ['alert.raised', 'collective_wage_petition'],
      ['alert.raised', 'coverage_gap'],
    ]);
    expect(sent[1]!.mentions?.mobiles).toEqual(['13900000009']);
    expect(
      (await t.db.selectFrom('deliveries').select('endpoint_id').execute()).every((d) => d.endpoint_id === hook),
    ).toBe(true);
    const kinds = async (id: number) =>
      (await t.db.selectFrom('alert_events').select('kind').where('alert_id', '=', id).orderBy('id').execute()).map(
        (e) => e.kind,
      );
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

  it('one open gap alert per district and category: later gaps join its timeline, each naming its alert; a closed one is raised anew', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const petition = (id: string, firm: string) =>
      JSON.stringify({ record_id: id, firm, received: '2026-11-20', category: 'wage_arrears', petitioners: 14 });
    // Two firms of 示范区 (different streets) and one of 邻区, none sharing a platform (no incident), in one import: one group.
    await importText(
      t.db,
      'firms',
      '单位名称,统一社会信用代码,别名,行业,类型,关联平台,区,街镇\n东湖保洁服务有限公司,,,其他,其他,,示范区,东湖街道\n西岭物流有限公司,,,其他,其他,,邻区,西岭街道\n南湖家政服务有限公司,,,其他,其他,,示范区,南湖街道\n',
    );
    const names = ['东湖保洁服务有限公司', '西岭物流有限公司', FIRM];
    await importText(t.db, 'petitions', `${names.map((n, i) => petition(`P-GAP-${i}`, n)).join('\n')}\n`, {
      format: 'ndjson',
      now: AT,
    });
    const firms = await t.db.selectFrom('firms').select(['id', 'name']).where('name', 'in', names).execute();
    const idOf = (name: string) => firms.find((f) => f.name === name)!.id;
    await rescoreTouched(
      { db: t.db, log: silentLog, config },
      firms.map((f) => f.id),
      AT,
      'import',
      { id: null, name: 'test' },
    );

    const all = await t.db
      .selectFrom('alerts')
      .select(['id', 'rule', 'firm_id', 'fingerprint', 'assignee_id'])
      .orderBy('id')
      .execute();
    const gaps = all.filter((a) => a.rule === 'coverage_gap');
    expect(gaps.map((g) => g.fingerprint).sort()).toEqual(['gap:示范区:labor', 'gap:邻区:labor']);
    expect(gaps.every((g) => g.assignee_id === admin.user.id)).toBe(true);
    const district = gaps.find((g) => g.fingerprint === 'gap:示范区:labor')!;
    const wage = (name: string) => all.find((a) => a.rule === 'collective_wage_petition' && a.firm_id === idOf(name))!;
    // Filed under the firm of the first alert nobody was found for (firms are evaluated in id order); the second is on its timeline.
    expect(district.firm_id).toBe(idOf(FIRM));
    const timeline = await t.db
      .selectFrom('alert_events')
      .select(['kind', 'details'])
      .where('alert_id', '=', district.id)
      .orderBy('id')
      .execute();
    const named = (kind: string) =>
      timeline.filter((e) => e.kind === kind).map((e) => (e.details as { alert: number }).alert);
    expect(named('raised')).toEqual([wage(FIRM).id]);
    expect(named('updated')).toEqual([wage('东湖保洁服务有限公司').id]);
    // Each alert nobody was found for points at its gap alert.
    const onAlert = await t.db
      .selectFrom('alert_events')
      .select('details')
      .where('alert_id', '=', wage('东湖保洁服务有限公司').id)
      .where('kind', '=', 'coverage_gap')
      .execute();
    expect(onAlert.map((e) => (e.details as { gap: number }).gap)).toEqual([district.id]);
    // The fallback is paged once per gap alert, not once per alert.

    // Closed by the duty office: the next gap in the district raises a new gap alert.
    await t.db.updateTable('alerts').set({ status: 'resolved', closed_at: AT }).where('id', '=', district.id).execute();
    const later = new Date(AT.getTime() + 30 * MIN);
    await importText(t.db, 'petitions', `${petition('P-GAP-9', '南湖家政服务有限公司')}\n`, {
      format: 'ndjson',
      now: later,
    });
    const third = (
      await t.db.selectFrom('firms').select('id').where('name', '=', '南湖家政服务有限公司').executeTakeFirstOrThrow()
    ).id;
    await rescoreTouched({ db: t.db, log: silentLog, config }, [third], later, 'import', { id: null, name: 'test' });
    const open = await t.db
      .selectFrom('alerts')
      .select(['id', 'firm_id'])
      .where('rule', '=', 'coverage_gap')
      .where('fingerprint', '=', 'gap:示范区:labor')
      .where('status', '=', 'open')
      .execute();
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(district.id);
    expect(open[0]!.firm_id).toBe(third);
  });

  it('with someone on duty there is no gap; the daily check and the roster page show the gaps of the next 7 days', async () => {
    const duty = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    await t.db
      .insertInto('roster_shifts')
      .values({
        user_id: duty.user.id,
        starts_at: new Date(AT.getTime() - 60 * MIN),
        ends_at: new Date(AT.getTime() + 24 * 60 * MIN),
        district: '示范区',
        tier: 1,
      })
      .execute();
    await orangeAlert();
    expect(await t.db.selectFrom('alerts').select('id').where('rule', '=', 'coverage_gap').execute()).toHaveLength(0);

    const gaps = await rosterGaps(t.db, AT, { kind: 'district', district: '示范区', streets: [] });
    // Covered for the first 24 h; nobody after, for both categories.
    expect(gaps.map((g) => [g.category, g.start.toISOString(), g.end.toISOString()])).toEqual([
      [
        'labor',
        new Date(AT.getTime() + 24 * 60 * MIN).toISOString(),
        new Date(AT.getTime() + 7 * 24 * 60 * MIN).toISOString(),
      ],
      [
        'opinion',
        new Date(AT.getTime() + 24 * 60 * MIN).toISOString(),
        new Date(AT.getTime() + 7 * 24 * 60 * MIN).toISOString(),
      ],
    ]);
    const page = await testApp(t.db, { clock: () => AT }).request('/roster', { headers: duty.headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('值班空档');
    expect(html).toContain('11-21 22:10');
  });
});
