import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { importText } from '../helpers/ingest.ts';
import { testApp, testConfig, userWithToken, silentLog } from '../helpers/app.ts';
import { AT, FIRM, firmId, PLATFORM_USCC, seedRiskDistrict } from '../helpers/risk-district.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { runJob } from '../../src/jobs-runtime/run-job.ts';
import { riskSweep } from '../../jobs/risk-sweep.ts';
import { defaultModelConfig, type Level } from '../../src/domain/scoring/index.ts';

const db = useTestDb(seedRiskDistrict);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const actor = { id: null, name: 'test' };
const score = (at = AT, firms: 'all' | number[] = 'all') =>
  runScoring(t.db, defaultModelConfig, { at, firms, reason: 'test', actor });
const levelOf = (run: Awaited<ReturnType<typeof score>>, name: string) =>
  run.firms.find((f) => f.firm.name === name)!.score;
const RANK: Record<string, number> = { none: 0, blue: 1, yellow: 2, orange: 3, red: 4 };
const rank = (l: Level | null) => RANK[l ?? 'none']!;
const DAY = 86_400_000;

describe('scoring the hand-built district', () => {
  it('puts the clear cases where they belong', async () => {
    const run = await score();
    for (const severe of [FIRM.severePartner, FIRM.severe]) {
      expect(rank(levelOf(run, severe).level), severe).toBeGreaterThanOrEqual(rank('orange'));
    }
    for (const moderate of [FIRM.moderatePartner, FIRM.moderate]) {
      const s = levelOf(run, moderate);
      expect(s.level, moderate).not.toBe('red');
      expect(s.score, moderate).toBeGreaterThan(0);
    }
    for (const clean of [FIRM.clean, FIRM.cleanPartnerElsewhere])
      expect(rank(levelOf(run, clean).level), clean).toBeLessThan(rank('yellow'));
    // Only future-dated records: nothing counts yet.
    expect(levelOf(run, FIRM.futureOnly)).toMatchObject({ score: 0, level: null, triggers: [] });
  });

  it('raises the hard triggers: extreme-event mention ⇒ red + major opinion; overdue wage order ⇒ credit candidate', async () => {
    const run = await score();
    const news = levelOf(run, FIRM.inTheNews);
    expect(news.level).toBe('red');
    expect(news.scoreLevel).not.toBe('red'); // the trigger, not the score, made it red
    expect(news.flags.majorOpinion).toBe(true);
    const severe = levelOf(run, FIRM.severePartner);
    expect(severe.flags.creditCandidate).toBe(true);
    expect(severe.triggers.map((x) => x.kind).sort()).toEqual(['collective_wage_petition', 'overdue_wage_order']);
  });

  it("gives the platform a share of its partners' risk, explained partner by partner", async () => {
    const run = await score();
    const platform = levelOf(run, FIRM.platform);
    const partner = levelOf(run, FIRM.severePartner);
    expect(platform.components.affiliation).toBeGreaterThan(0);
    expect(platform.components.affiliation).toBeLessThanOrEqual(partner.score);
    expect(platform.contributions[0]).toMatchObject({ source: 'partner', id: await firmId(t.db, FIRM.severePartner) });
  });

  it('is reproducible: the same data and instant give identical results, and a second run stores nothing new', async () => {
    const a = await score();
    const b = await score();
    expect(JSON.stringify(b.firms)).toBe(JSON.stringify(a.firms));
    expect(a.changed).toBeGreaterThan(0);
    expect(b.changed).toBe(0);
    const rows = await t.db.selectFrom('firm_scores').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(rows.n).toBe(a.changed);
  });

  it('gives the same scores whatever the chunks: one firm or one record per chunk, sweeps and touched runs', async () => {
    // Counts the evidence requests (three statements, one per source, each).
    let loads = 0;
    const counted = t.db.withPlugin({
      transformQuery: ({ node }) => {
        if (node.kind === 'RawNode' && node.sqlFragments.join('').includes('json_agg')) loads++;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const run = async (chunkLimits?: { firms: number; records: number }) => {
      loads = 0;
      const r = await runScoring(counted, defaultModelConfig, {
        at: AT,
        firms: 'all',
        reason: 'test',
        actor,
        store: false,
        chunkLimits,
      });
      return { firms: r.firms, loads: loads / 3 };
    };
    const whole = await run();
    const perFirm = await run({ firms: 1, records: 1e9 });
    const perRecord = await run({ firms: 1e9, records: 1 });
    expect(whole.firms.some((f) => f.score.score > 0)).toBe(true);
    expect(whole.loads).toBe(1);
    expect(perFirm.loads).toBe(whole.firms.length);
    // Firms without records share a chunk; every firm with records has its own.
    const withRecords = whole.firms.filter((f) => f.ownScore > 0).length;
    expect(perRecord.loads).toBeGreaterThanOrEqual(withRecords);
    expect(perRecord.loads).toBeLessThan(perFirm.loads);
    expect(JSON.stringify(perFirm.firms)).toBe(JSON.stringify(whole.firms));
    expect(JSON.stringify(perRecord.firms)).toBe(JSON.stringify(whole.firms));
    const touched = [await firmId(t.db, FIRM.severePartner), await firmId(t.db, FIRM.moderate)];
    const a = await runScoring(t.db, defaultModelConfig, {
      at: AT,
      firms: touched,
      reason: 'test',
      actor,
      store: false,
    });
    const b = await runScoring(t.db, defaultModelConfig, {
      at: AT,
      firms: touched,
      reason: 'test',
      actor,
      store: false,
      chunkLimits: { firms: 1e9, records: 1 },
    });
    expect(a.firms.length).toBeGreaterThan(touched.length); // their platform too
    expect(JSON.stringify(b.firms)).toBe(JSON.stringify(a.firms));
  });

  it('a record dated after the instant changes nothing', async () => {
    const before = await score(AT, [await firmId(t.db, FIRM.moderate)]);
    await importText(
      t.db,
      'inspections',
      `record_id,firm,date,violations,workers,amount,order,status\nI-LATE,${FIRM.moderate},2026-11-21,wage_arrears,80,200万,pay,overdue\n`,
      { source: 'late.csv' },
    );
    const after = await score(AT, [await firmId(t.db, FIRM.moderate)]);
    expect(levelOf(after, FIRM.moderate)).toEqual(levelOf(before, FIRM.moderate));
    const tomorrow = await score(new Date(AT.getTime() + 2 * DAY), [await firmId(t.db, FIRM.moderate)]);
    expect(levelOf(tomorrow, FIRM.moderate).score).toBeGreaterThan(levelOf(before, FIRM.moderate).score);
  });

  it('decay lowers a score as time passes, and the sweep job stores it', async () => {
    await score();
    const later = new Date(AT.getTime() + 120 * DAY);
    const out = await runJob({ db: t.db, log: silentLog, config: testConfig(), runner: 'test' }, riskSweep, later, {
      now: later,
    });
    expect(out.status).toBe('succeeded');
    const id = await firmId(t.db, FIRM.severe);
    const rows = await t.db
      .selectFrom('firm_scores')
      .select(['at', 'score'])
      .where('firm_id', '=', id)
      .orderBy('at')
      .execute();
    expect(rows.map((r) => r.at.toISOString())).toEqual([AT.toISOString(), later.toISOString()]);
    expect(rows[1]!.score).toBeLessThan(rows[0]!.score);
    const run = await t.db
      .selectFrom('score_runs')
      .select(['reason', 'scope'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ reason: 'sweep', scope: 'all' });
  });

  it('a replay of the past adds history but leaves the latest score alone', async () => {
    await score();
    const id = await firmId(t.db, FIRM.severe);
    const latest = await t.db.selectFrom('firm_risk').selectAll().where('firm_id', '=', id).executeTakeFirstOrThrow();
    await score(new Date(AT.getTime() - 60 * DAY));
    const still = await t.db.selectFrom('firm_risk').selectAll().where('firm_id', '=', id).executeTakeFirstOrThrow();
    expect(still).toEqual(latest);
    const points = await t.db.selectFrom('firm_scores').select('at').where('firm_id', '=', id).orderBy('at').execute();
    expect(points).toHaveLength(2);
  });
});

describe('rescoring after new evidence', () => {
  it('an API import rescores the touched firm and its platform at once', async () => {
    await score();
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const now = new Date(AT.getTime() + 3_600_000);
    const app = testApp(t.db, { clock: () => now });
    const moderate = await firmId(t.db, FIRM.moderatePartner);
    const platform = await firmId(t.db, FIRM.platform);
    const before = await t.db
      .selectFrom('firm_risk')
      .select(['firm_id', 'score', 'at'])
      .where('firm_id', 'in', [moderate, platform])
      .orderBy('firm_id')
      .execute();
    const csv = `record_id,firm,date,violations,workers,amount,order,due,status\nI-NEW,${FIRM.moderatePartner},2026-11-19,wage_arrears,30,15万,pay,2026-11-19,overdue\n`;
    const res = await app.request('/api/v1/imports/inspections', {
      method: 'POST',
      headers: { ...inspector.headers, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    const after = await t.db
      .selectFrom('firm_risk')
      .select(['firm_id', 'score', 'at'])
      .where('firm_id', 'in', [moderate, platform])
      .orderBy('firm_id')
      .execute();
    expect(after.map((r) => r.at.toISOString())).toEqual([now.toISOString(), now.toISOString()]);
    for (let i = 0; i < after.length; i++) expect(after[i]!.score).toBeGreaterThan(before[i]!.score);
    const run = await t.db
      .selectFrom('score_runs')
      .select(['reason', 'scope', 'actor_name'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ reason: 'import:inspections', scope: 'touched', actor_name: inspector.user.name });
    // The platform was rescored from its untouched partners' stored scores: the same as a full run (same day, no opinion drift).
    const touched = await t.db
      .selectFrom('score_runs')
      .select('firms_scored')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(touched.firms_scored).toBe(2);
    const full = await runScoring(t.db, defaultModelConfig, {
      at: now,
      firms: 'all',
      reason: 'check',
      actor,
      store: false,
    });
    expect(after.find((r) => r.firm_id === platform)!.score).toBe(
      full.firms.find((f) => f.firm.id === platform)!.score.score,
    );
  });
});

describe('risk API', () => {
  it('GET /firms/{id}/risk returns the score, components, triggers and the evidence records, petitioners masked', async () => {
    await score();
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db);
    const res = await app.request(`/api/v1/firms/${await firmId(t.db, FIRM.severePartner)}/risk`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.firm.name).toBe(FIRM.severePartner);
    expect(body.score).toMatchObject({ at: AT.toISOString(), level: 'red', flags: { creditCandidate: true } });
    const c = body.score.components;
    expect(c.inspections + c.petitions + c.opinion + c.affiliation).toBeCloseTo(body.score.score, 1);
    const evidenceIds = body.evidence.map((e: { recordId: string }) => e.recordId);
    expect(evidenceIds).toEqual(expect.arrayContaining(['I-S1-1', 'I-S1-2', 'P-S1-1']));
    const petition = body.evidence.find((e: { recordId: string }) => e.recordId === 'P-S1-1');
    expect(JSON.stringify(petition)).not.toContain('13812345678');
    expect(JSON.stringify(petition)).not.toContain('张三');
  });

  it("the platform view shows each partner's own evidence, except partners outside the caller's jurisdiction", async () => {
    // A big order for the partner in the other district, so that it has a score to show.
    await importText(
      t.db,
      'inspections',
      `record_id,firm,date,violations,workers,amount,order,status\nI-C1-2,${FIRM.cleanPartnerElsewhere},2026-11-01,wage_arrears,20,10万,pay,open\n`,
      { source: 'x.csv' },
    );
    await score();
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const res = await testApp(t.db).request(`/api/v1/firms/${PLATFORM_USCC}/risk`, { headers });
    const body = (await res.json()) as any;
    const byName = new Map(body.partners.map((p: { firm: { name: string } }) => [p.firm.name, p]));
    expect(byName.get(FIRM.severePartner)).toMatchObject({
      level: 'red',
      contributions: expect.arrayContaining([expect.objectContaining({ recordId: 'I-S1-1' })]),
    });
    expect(byName.get(FIRM.cleanPartnerElsewhere)).toMatchObject({ contributions: null });
    expect((byName.get(FIRM.cleanPartnerElsewhere) as { score: number }).score).toBeGreaterThan(0);
  });

  it('out-of-scope firms are not found; history and the ranked list respect jurisdiction', async () => {
    await score(new Date(AT.getTime() - 30 * DAY));
    await score();
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区', streets: ['松涛镇'] });
    const app = testApp(t.db);
    expect((await app.request(`/api/v1/firms/${await firmId(t.db, FIRM.severe)}/risk`, { headers })).status).toBe(404);
    expect(
      (await app.request(`/api/v1/firms/${await firmId(t.db, FIRM.severe)}/risk/history`, { headers })).status,
    ).toBe(404);
    const hist = (await (
      await app.request(`/api/v1/firms/${await firmId(t.db, FIRM.moderate)}/risk/history`, { headers })
    ).json()) as any;
    expect(hist.points.map((p: { at: string }) => p.at)).toEqual([
      new Date(AT.getTime() - 30 * DAY).toISOString(),
      AT.toISOString(),
    ]);
    expect(hist.checkedAt).toBe(AT.toISOString());
    const ranked = (await (await app.request('/api/v1/risk', { headers })).json()) as any;
    expect(ranked.firms.map((f: { name: string }) => f.name).sort()).toEqual(
      [FIRM.moderatePartner, FIRM.moderate].sort(),
    );
    const all = (await (
      await app.request('/api/v1/risk?level=red', { headers: (await userWithToken(t.db, 'manager')).headers })
    ).json()) as any;
    expect(all.firms.map((f: { name: string }) => f.name).sort()).toEqual(
      [FIRM.severePartner, FIRM.severe, FIRM.inTheNews].sort(),
    );
  });

  it('a firm never scored answers score null rather than an error; anonymous callers get 401', async () => {
    const { headers } = await userWithToken(t.db, 'manager');
    const app = testApp(t.db);
    const res = await app.request(`/api/v1/firms/${await firmId(t.db, FIRM.clean)}/risk`, { headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ score: null, ownScore: 0, evidence: [] });
    expect((await app.request(`/api/v1/firms/${await firmId(t.db, FIRM.clean)}/risk`)).status).toBe(401);
  });
});
