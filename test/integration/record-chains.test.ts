import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testConfig } from '../helpers/app.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildDemoDistrict } from '../../src/demo/district.ts';
import { seedDemoRecords } from '../../src/demo/seed-activity.ts';
import { refreshCandidates } from '../../src/credit/candidates.ts';
import { creditConfigOf } from '../../src/credit/credit-read.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { defaultModelConfig } from '../../src/domain/scoring/config.ts';

// Issue 14 item 10, on the demo as the issue saw it (now = 2026-12-04): the
// station's pay order JC-20261009-001 and its follow-up JC-20261027-001 are
// one order of 23 riders and ¥186,400.
let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t?.close();
});

const NOW = new Date('2026-12-04T10:00:00+08:00');

describe("the demo station's pay order and its follow-up", () => {
  it('count once in the credit case text and in the score', async () => {
    const district = buildDemoDistrict();
    await seedDemo(t.db, silentLog, NOW, district);
    await seedDemoRecords(t.db, silentLog, TEST_SECRET, mkdtempSync(join(tmpdir(), 'qianshao-chain-')), NOW, district);
    const pair = await t.db
      .selectFrom('inspections')
      .select(['record_id', 'firm_id', 'workers', 'amount'])
      .where('record_id', 'in', ['JC-20261009-001', 'JC-20261027-001'])
      .orderBy('record_id')
      .execute();
    expect(pair.map((r) => [r.record_id, r.workers, Number(r.amount)])).toEqual([
      ['JC-20261009-001', 23, 186_400],
      ['JC-20261027-001', 23, 186_400],
    ]);
    expect(pair[0]!.firm_id).toBe(pair[1]!.firm_id);
    const firmId = pair[0]!.firm_id!;

    const config = testConfig();
    await refreshCandidates(t.db, creditConfigOf(config), config.sla.calendar, NOW);
    const c = await t.db
      .selectFrom('credit_cases')
      .select(['reason', 'evidence'])
      .where('firm_id', '=', firmId)
      .executeTakeFirstOrThrow();
    expect(c.reason).toContain('涉及23人、186400元');
    expect(c.reason).not.toContain('46人');
    expect(c.reason).not.toContain('372800');
    const evidence = (typeof c.evidence === 'string' ? JSON.parse(c.evidence) : c.evidence) as {
      orders: Array<{ recordId: string; followUps?: string[] }>;
    };
    expect(evidence.orders).toEqual([
      expect.objectContaining({ recordId: 'JC-20261009-001', followUps: ['JC-20261027-001'] }),
    ]);

    const run = await runScoring(t.db, defaultModelConfig, {
      at: NOW,
      firms: [firmId],
      reason: 'test',
      actor: { id: null, name: 'test' },
    });
    const s = run.firms.find((f) => f.firm.id === firmId)!.score;
    const ins = s.contributions.filter((x) => x.source === 'inspection');
    expect(ins.map((x) => x.recordId)).not.toContain('JC-20261027-001');
    expect(s.triggers.find((x) => x.kind === 'overdue_wage_order')?.count).toBe(1);
    // The escalating station still reaches red.
    expect(s.level).toBe('red');
  });
});
