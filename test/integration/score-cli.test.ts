import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connectPglite } from '../../src/db/connect.ts';
import { openChildDb, type TestDb } from '../helpers/db.ts';
import { runCli } from '../helpers/spawn.ts';
import {
  AT,
  DISTRICT_FEED,
  DISTRICT_FIRMS,
  DISTRICT_INSPECTIONS,
  DISTRICT_LABELS,
  DISTRICT_PETITIONS,
  FIRM,
} from '../helpers/risk-district.ts';

// `qianshao score` and `qianshao backtest` in child processes, on the
// hand-built district imported through the CLI. On the embedded database
// the child holds the data-directory lock, so this file never opens it.
let t: TestDb | undefined;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'qianshao-score-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  ({ db: t, env } = await openChildDb());
  env = { ...env, QIANSHAO_SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789' };
  for (const [kind, name, text] of [
    ['firms', 'firms.csv', DISTRICT_FIRMS],
    ['inspections', 'inspections.csv', DISTRICT_INSPECTIONS],
    ['petitions', 'petitions.ndjson', DISTRICT_PETITIONS],
  ] as const) {
    const r = await runCli(['import', kind, file(name, text), '--json'], env);
    expect(r.code, r.stderr).toBe(0);
  }
  const op = await runCli(
    ['import', 'opinion', file('news.xml', DISTRICT_FEED), '--source', 'local-news', '--json'],
    env,
  );
  expect(op.code, op.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Row counts of the tables scoring writes to (opening the embedded database between CLI runs). */
async function tableCounts(): Promise<Record<string, number>> {
  const h = t ?? (await connectPglite(env.QIANSHAO_DATA_DIR!));
  try {
    const out: Record<string, number> = {};
    for (const table of ['score_runs', 'firm_scores', 'firm_risk', 'audit_log'] as const) {
      out[table] = (await h.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
    }
    return out;
  } finally {
    if (!t) await h.close();
  }
}

describe('qianshao score', () => {
  it('prints the contract shape, highest first, identical for the same data and --at', async () => {
    const a = await runCli(['score', '--at', AT.toISOString(), '--no-alerts', '--json'], env);
    expect(a.code, a.stderr).toBe(0);
    const out = JSON.parse(a.stdout);
    expect(out).toMatchObject({ at: AT.toISOString(), model: expect.stringMatching(/^risk-[0-9a-f]{12}$/) });
    expect(out.firms).toHaveLength(9);
    expect(Object.keys(out.firms[0]).sort()).toEqual(['components', 'level', 'name', 'score', 'uscc']);
    expect(Object.keys(out.firms[0].components).sort()).toEqual(['affiliation', 'inspections', 'opinion', 'petitions']);
    const scores = out.firms.map((f: { score: number }) => f.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(out.firms.find((f: { name: string }) => f.name === FIRM.futureOnly)).toMatchObject({
      score: 0,
      level: null,
    });
    expect(out.firms.find((f: { name: string }) => f.name === FIRM.inTheNews).level).toBe('red');

    const b = await runCli(['score', '--at', AT.toISOString(), '--no-alerts', '--json'], env);
    expect(b.stdout).toBe(a.stdout);
  }, 60_000);

  it('refuses a malformed --at as a usage error', async () => {
    const r = await runCli(['score', '--at', 'yesterday'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--at must be an ISO 8601/);
  });
});

describe('qianshao backtest', () => {
  it('replays day by day and reports per level; unresolved and malformed labels are named', async () => {
    const labels = file('labels.csv', DISTRICT_LABELS);
    const r = await runCli(
      ['backtest', '--from', '2026-10-01', '--to', '2026-11-19', '--labels', labels, '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep).toMatchObject({
      from: '2026-10-01',
      to: '2026-11-19',
      stepDays: 1,
      horizonDays: 90,
      days: 50,
      firms: 9,
    });
    expect(rep.labels.unresolved).toEqual([{ line: 5, firm: '不存在的配送有限公司' }]);
    expect(rep.labels.rejected).toEqual([{ line: 6, reasons: [expect.objectContaining({ field: 'date' })] }]);
    expect(rep.levels.map((l: { level: string }) => l.level)).toEqual(['red', 'orange', 'yellow', 'blue']);
    const orange = rep.levels.find((l: { level: string }) => l.level === 'orange');
    // Both severe firms were warned before their incidents; the clean firm's incident came without warning.
    expect(orange).toMatchObject({ incidents: 3, preceded: 2 });
    expect(orange.medianLeadDays).toBeGreaterThan(0);
    const clean = rep.incidents.find((i: { firm: { name: string } }) => i.firm.name === FIRM.clean);
    expect(clean).toMatchObject({ warnedLevel: null, leadDays: null });
    // The firm in the news reached red (major opinion) without a labelled incident.
    const red = rep.levels.find((l: { level: string }) => l.level === 'red');
    expect(red.firmsWithoutIncident).toBeGreaterThanOrEqual(1);

    const weekly = await runCli(
      ['backtest', '--from', '2026-10-01', '--to', '2026-11-19', '--step', '7d', '--labels', labels, '--json'],
      env,
    );
    expect(JSON.parse(weekly.stdout).days).toBe(8);
  }, 60_000);

  it('writes nothing: a backtest leaves every table as it was', async () => {
    const before = await tableCounts();
    const r = await runCli(
      ['backtest', '--from', '2026-11-01', '--to', '2026-11-19', '--labels', file('l2.csv', DISTRICT_LABELS), '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(await tableCounts()).toEqual(before);
    expect(before.score_runs).toBeGreaterThan(0);
    const usage = await runCli(['backtest', '--from', '2026-11-01'], env);
    expect(usage.code).toBe(2);
  }, 60_000);
});
