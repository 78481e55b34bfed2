import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testConfig } from '../helpers/app.ts';
import { importText } from '../helpers/ingest.ts';
import { refreshCandidates } from '../../src/credit/candidates.ts';
import { creditConfigOf } from '../../src/credit/credit-read.ts';

// Issue 16: after a large import many firms become credit-list candidates
// at once; they are created in batches (candidates-create.ts). Each gets
// exactly one case, one history row and one audit entry; a second refresh,
// or two at once, creates nothing more.

const N = 37;
const NOW = new Date('2026-11-28T04:00:00Z');
const db = useTestDb(async (t) => {
  let csv = 'record_id,firm,date,violations,workers,amount,order,due,status\n';
  for (let i = 0; i < N; i++) {
    await insertFirm(t.db, { name: `批量欠薪${i}号有限公司`, district: '示范区' });
    csv += `B-${i},批量欠薪${i}号有限公司,2026-09-01,wage_arrears,${12 + i},${300000 + i * 1000},pay,2026-09-30,overdue\n`;
  }
  // One firm paid on time: no candidate.
  await insertFirm(t.db, { name: '按时支付有限公司', district: '示范区' });
  csv += 'B-paid,按时支付有限公司,2026-09-01,wage_arrears,5,1000,pay,2026-12-30,open\n';
  const summary = await importText(t.db, 'inspections', csv, { now: NOW });
  expect(summary.accepted).toBe(N + 1);
});
let t: TestDb;
beforeEach(() => {
  t = db();
});

const config = testConfig();
const refresh = () => refreshCandidates(t.db, creditConfigOf(config), config.sla.calendar, NOW);
const counts = async () => ({
  cases: (await t.db.selectFrom('credit_cases').select('firm_id').where('state', '=', 'candidate').execute()).length,
  firms: new Set((await t.db.selectFrom('credit_cases').select('firm_id').execute()).map((c) => c.firm_id)).size,
  events: (await t.db.selectFrom('credit_events').select('id').where('action', '=', 'candidate').execute()).length,
  audit: (await t.db.selectFrom('audit_log').select('id').where('action', '=', 'credit.candidate').execute()).length,
});

describe('credit candidates in bulk', () => {
  it('creates one candidate per firm with its history and audit entry, and nothing on the next refresh', async () => {
    expect(await refresh()).toEqual({ created: N, updated: 0, lapsed: 0 });
    expect(await counts()).toEqual({ cases: N, firms: N, events: N, audit: N });
    const one = await t.db
      .selectFrom('credit_cases')
      .innerJoin('firms', 'firms.id', 'credit_cases.firm_id')
      .select(['credit_cases.id', 'credit_cases.evidence', 'credit_cases.conditions'])
      .where('firms.name', '=', '批量欠薪3号有限公司')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(one.evidence)).toContain('B-3');
    expect(one.conditions.length).toBeGreaterThan(0);
    const history = await t.db.selectFrom('credit_events').selectAll().where('case_id', '=', one.id).execute();
    expect(history.map((h) => [h.action, h.from_state, h.to_state, h.actor_name])).toEqual([
      ['candidate', null, 'candidate', 'system'],
    ]);
    expect(await refresh()).toEqual({ created: 0, updated: 0, lapsed: 0 });
    expect(await counts()).toEqual({ cases: N, firms: N, events: N, audit: N });
  });

  it('two refreshes at once create each candidate once', async () => {
    const [a, b] = await Promise.all([refresh(), refresh()]);
    expect(a.created + b.created).toBe(N);
    expect(await counts()).toEqual({ cases: N, firms: N, events: N, audit: N });
  });
});
