import { beforeEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testConfig, userWithToken } from '../helpers/app.ts';
import { importText } from '../helpers/ingest.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import { defaultModelConfig } from '../../src/domain/scoring/index.ts';

// A first sweep raised ~17,000 alerts in 55 s: five statements per raise
// (an incident insert and update, the alert, the firm's gap alert lookup
// and insert) and an admins query per gap. An evaluation now costs about a
// dozen statements per group of changes, whatever the group's size, and a
// district with no roster gets one gap alert per category, not one per firm.

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

const AT = new Date('2026-11-20T14:10:00Z');
const N = 40;

describe('evaluating many raises', () => {
  it(`raises ${N} orange alerts with nobody on duty in a bounded number of statements, and one gap alert for the district`, async () => {
    const names = Array.from({ length: N }, (_, i) => `批量测试${i + 1}号劳务有限公司`);
    await importText(
      t.db,
      'firms',
      `单位名称,统一社会信用代码,别名,行业,类型,关联平台,区,街镇\n${names.map((n, i) => `${n},,,其他,其他,,示范区,第${i % 5}街道`).join('\n')}\n`,
    );
    const lines = names.map((n, i) =>
      JSON.stringify({
        record_id: `P-B-${i}`,
        firm: n,
        received: '2026-11-20',
        category: 'wage_arrears',
        petitioners: 14,
      }),
    );
    expect((await importText(t.db, 'petitions', `${lines.join('\n')}\n`, { format: 'ndjson', now: AT })).accepted).toBe(
      N,
    );
    const admin = await userWithToken(t.db, 'admin');
    const ids = (await t.db.selectFrom('firms').select('id').where('name', 'in', names).execute()).map((f) => f.id);
    const run = await runScoring(t.db, defaultModelConfig, {
      at: AT,
      firms: ids,
      reason: 'test',
      actor: { id: null, name: 'test' },
    });

    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: (a) => {
        statements++;
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const out = await evaluateAlerts({ db: t.db.withPlugin(counter), log: silentLog, config: testConfig() }, run);

    expect(out.raised).toBeGreaterThanOrEqual(N);
    // Was more than five per raise.
    expect(statements).toBeLessThan(40);
    const gaps = await t.db
      .selectFrom('alerts')
      .select(['fingerprint', 'id'])
      .where('rule', '=', 'coverage_gap')
      .execute();
    expect(gaps.map((g) => g.fingerprint)).toEqual(['gap:示范区:labor']);
    expect(
      (await t.db.selectFrom('alerts').select('assignee_id').where('id', '=', gaps[0]!.id).executeTakeFirstOrThrow())
        .assignee_id,
    ).toBe(admin.user.id);
    const joined = await t.db
      .selectFrom('alert_events')
      .select('id')
      .where('alert_id', '=', gaps[0]!.id)
      .where('kind', '=', 'updated')
      .execute();
    expect(joined.length).toBeGreaterThanOrEqual(N - 1);
  });
});
