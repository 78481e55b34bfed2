import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { AT, FIRM, firmId, seedRiskDistrict } from '../helpers/risk-district.ts';
import { importText } from '../helpers/ingest.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { evaluateStanding } from '../../src/alerts/standing.ts';
import { runJob } from '../../src/jobs-runtime/run-job.ts';
import { riskSweep } from '../../jobs/risk-sweep.ts';
import { defaultModelConfig } from '../../src/domain/scoring/index.ts';
import { LEVEL_RANK } from '../../src/domain/alert-rules.ts';

// Alerts follow standing state, not change alone (issue 20 item 4, issue 17
// "no lost level"): a firm at a level, or with an active hard trigger, that
// has no alert for it gets one at the next evaluation, whatever run set its
// level; what a person closed in the same episode stays closed.

const db = useTestDb(seedRiskDistrict);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const config = testConfig();
const HOUR = 3_600_000;
const actor = { id: null, name: 'test' };
/** A scoring run that stores scores and evaluates nothing: `qianshao score --no-alerts`, or a process killed right after storing. */
const scoreOnly = (at: Date) => runScoring(t.db, defaultModelConfig, { at, firms: 'all', reason: 'backfill', actor });
const sweep = (at: Date) => runJob({ db: t.db, log: silentLog, config, runner: 'test' }, riskSweep, at, { now: at });
const openAlerts = () =>
  t.db
    .selectFrom('alerts')
    .select(['id', 'firm_id', 'rule', 'level', 'status'])
    .where('status', 'in', ['open', 'acknowledged', 'in_progress'])
    .orderBy('id')
    .execute();

/** Every firm at yellow or above has an open alert at its level or higher, and every overdue pay order its own alert. */
async function expectNoLostLevel() {
  const levels = await t.db
    .selectFrom('firm_risk')
    .select(['firm_id', 'level', 'signature'])
    .where('level', 'in', ['yellow', 'orange', 'red'])
    .execute();
  expect(levels.length).toBeGreaterThan(0);
  const open = await openAlerts();
  for (const f of levels) {
    const best = Math.max(0, ...open.filter((a) => a.firm_id === f.firm_id).map((a) => LEVEL_RANK[a.level as 'red']));
    expect(best, `firm ${f.firm_id} at ${f.level}`).toBeGreaterThanOrEqual(LEVEL_RANK[f.level as 'red']);
    if (f.signature.includes('overdue_wage_order:'))
      expect(open.some((a) => a.firm_id === f.firm_id && a.rule === 'overdue_wage_order')).toBe(true);
  }
}

describe('alerts from standing state', () => {
  it('a --no-alerts backfill then the next sweep: every firm at a level gets its alert, once', async () => {
    await scoreOnly(AT);
    expect(await openAlerts()).toHaveLength(0);
    const out = await sweep(new Date(AT.getTime() + HOUR));
    expect(out.status).toBe('succeeded');
    await expectNoLostLevel();
    const first = await openAlerts();
    // The next sweeps find every level covered: nothing doubles.
    await sweep(new Date(AT.getTime() + 7 * HOUR));
    expect(await openAlerts()).toEqual(first);
    const perRule = await sql<{
      n: number;
    }>`select count(*)::int as n from alerts group by firm_id, rule having count(*) > 1`.execute(t.db);
    expect(perRule.rows).toHaveLength(0);
  });

  it('scores stored by a process killed before it evaluated: start-up raises the alerts from stored state', async () => {
    await scoreOnly(AT);
    const out = await evaluateStanding({ db: t.db, log: silentLog, config }, new Date(AT.getTime() + HOUR));
    expect(out.raised).toBeGreaterThan(0);
    await expectNoLostLevel();
    expect(
      (await evaluateStanding({ db: t.db, log: silentLog, config }, new Date(AT.getTime() + 2 * HOUR))).raised,
    ).toBe(0);
  });

  it('what a person closed stays closed for the same episode; a new episode (a higher level, a new record) raises again', async () => {
    await sweep(AT);
    const platform = await firmId(t.db, FIRM.platform);
    const admin = await userWithToken(t.db, 'admin');
    const app = testApp(t.db, { clock: () => new Date(AT.getTime() + HOUR) });
    for (const a of await openAlerts()) {
      const res = await app.request(`/api/v1/alerts/${a.id}/resolve`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ note: '已处置', actions: [{ action: 'verified' }] }),
      });
      expect(res.status).toBe(200);
    }
    const closedBefore = (await t.db.selectFrom('alerts').select('id').execute()).length;
    for (const h of [6, 12, 18]) await sweep(new Date(AT.getTime() + h * HOUR));
    expect(await openAlerts()).toHaveLength(0);
    expect((await t.db.selectFrom('alerts').select('id').execute()).length).toBe(closedBefore);

    // A partner's overdue pay order lifts the platform above yellow, set by a run with alerts off.
    const csv = `record_id,firm,date,violations,workers,amount,order,due,status\nI-NEW,${FIRM.moderatePartner},2026-11-19,wage_arrears,30,15万,pay,2026-11-19,overdue\n`;
    await importText(t.db, 'inspections', csv, { now: new Date(AT.getTime() + 19 * HOUR) });
    await scoreOnly(new Date(AT.getTime() + 19 * HOUR));
    const level = (
      await t.db.selectFrom('firm_risk').select('level').where('firm_id', '=', platform).executeTakeFirstOrThrow()
    ).level as 'red';
    expect(LEVEL_RANK[level]).toBeGreaterThan(LEVEL_RANK.yellow);
    await sweep(new Date(AT.getTime() + 24 * HOUR));
    const open = await openAlerts();
    expect(open.find((a) => a.firm_id === platform)).toMatchObject({ rule: 'risk_level', level });
    const moderate = await firmId(t.db, FIRM.moderatePartner);
    expect(open.some((a) => a.firm_id === moderate && a.rule === 'overdue_wage_order')).toBe(true);
    // The firms whose closed alerts still cover their episode were left alone.
    expect(open.every((a) => a.firm_id === platform || a.firm_id === moderate)).toBe(true);
  });
});
