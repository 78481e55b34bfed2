import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { AT, FIRM, firmId, seedRiskDistrict } from '../helpers/risk-district.ts';
import { runScoring } from '../../src/scoring/score-run.ts';
import { evaluateAlerts } from '../../src/alerts/evaluate.ts';
import { defaultModelConfig } from '../../src/domain/scoring/index.ts';

// A silence mutes only alerts inside its creator's jurisdiction, and is
// listed and cancelled within it (issue 13, item 1).

/** The risk district with two of its severe firms moved next door, to 邻区. */
const db = useTestDb(async (t) => {
  await seedRiskDistrict(t);
  await t.db
    .updateTable('firms')
    .set({ district: '邻区', street: '北苑街道' })
    .where('name', 'in', [FIRM.severe, FIRM.severePartner])
    .execute();
});
let t: TestDb;
beforeEach(() => {
  t = db();
});

const LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
const app = () => testApp(t.db, { clock: () => new Date(AT.getTime() - 3_600_000) });
const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
  const r = await app().request(path, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
};
const silence = (headers: Record<string, string>, level: string) =>
  call('POST', '/api/v1/silences', headers, {
    level,
    endsAt: new Date(AT.getTime() + 86_400_000).toISOString(),
    reason: '演练期间暂停推送',
  });

describe('silences stay inside their jurisdiction', () => {
  it("a 示范区 officer's silences mute 示范区 alerts only: 邻区 alerts still reach a city-wide endpoint", async () => {
    const officer = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    for (const level of LEVELS) expect((await silence(officer.headers, level)).status).toBe(200);
    await t.db
      .insertInto('webhook_endpoints')
      .values({ url: 'https://hooks.example.cn/city', kind: 'standard', secret_sealed: null, created_by: 'test' })
      .execute();
    const run = await runScoring(t.db, defaultModelConfig, {
      at: AT,
      firms: 'all',
      reason: 'test',
      actor: { id: null, name: 'test' },
    });
    await evaluateAlerts({ db: t.db, log: silentLog, config: testConfig() }, run);
    const alerts = await t.db
      .selectFrom('alerts')
      .innerJoin('firms', 'firms.id', 'alerts.firm_id')
      .select(['alerts.id', 'alerts.level', 'alerts.silence_id', 'firms.district'])
      .execute();
    const neighbour = alerts.filter((a) => a.district === '邻区');
    const home = alerts.filter((a) => a.district === '示范区');
    expect(neighbour.length).toBeGreaterThan(0);
    expect(home.length).toBeGreaterThan(0);
    expect(neighbour.every((a) => a.silence_id === null)).toBe(true);
    expect(home.every((a) => a.silence_id !== null)).toBe(true);
    const delivered = (await t.db.selectFrom('deliveries').select(['alert_id', 'event_type']).execute())
      .filter((d) => d.event_type === 'alert.raised')
      .map((d) => d.alert_id);
    // Every 邻区 alert goes out, but for those grouped into an incident (issue 17: one event pages once).
    const grouped = (
      await t.db.selectFrom('alert_events').select('alert_id').where('kind', '=', 'grouped').execute()
    ).map((e) => e.alert_id);
    const byNumber = (a: number | null, b: number | null) => (a ?? 0) - (b ?? 0);
    expect(delivered.sort(byNumber)).toEqual(
      neighbour
        .map((a) => a.id)
        .filter((id) => !grouped.includes(id))
        .sort(byNumber),
    );
  });

  it('each district lists and cancels only its own; a city-wide silence says so and only a city-level user ends it', async () => {
    const home = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    const next = await userWithToken(t.db, 'duty_officer', { district: '邻区' });
    const city = await userWithToken(t.db, 'duty_officer', { district: null });
    const homeSilence = (await silence(home.headers, 'red')).body;
    expect(homeSilence.scope).toEqual({ kind: 'district', district: '示范区', streets: [] });
    const nextSilence = (await silence(next.headers, 'red')).body;
    const citySilence = (await silence(city.headers, 'orange')).body;
    expect(citySilence.scope).toEqual({ kind: 'city' });

    const ids = async (h: Record<string, string>) =>
      (await call('GET', '/api/v1/silences', h)).body.map((s: any) => s.id).sort();
    expect(await ids(next.headers)).toEqual([nextSilence.id, citySilence.id].sort());
    expect(await ids(home.headers)).toEqual([homeSilence.id, citySilence.id].sort());
    expect(await ids(city.headers)).toEqual([homeSilence.id, nextSilence.id, citySilence.id].sort());

    expect((await call('POST', `/api/v1/silences/${homeSilence.id}/cancel`, next.headers)).status).toBe(404);
    expect((await call('POST', `/api/v1/silences/${citySilence.id}/cancel`, next.headers)).status).toBe(403);
    expect((await call('POST', `/api/v1/silences/${nextSilence.id}/cancel`, next.headers)).status).toBe(200);
    expect((await call('POST', `/api/v1/silences/${homeSilence.id}/cancel`, city.headers)).status).toBe(200);
    expect(await ids(home.headers)).toEqual([citySilence.id]);
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('action', '=', 'silence.cancel')
      .orderBy('id')
      .execute();
    expect(audited).toEqual([
      { action: 'silence.cancel', actor_id: next.user.id },
      { action: 'silence.cancel', actor_id: city.user.id },
    ]);
  });

  it('a street-limited officer mutes only their streets, and cannot silence a firm outside them', async () => {
    const officer = await userWithToken(t.db, 'duty_officer', { district: '示范区', streets: ['松涛镇'] });
    const news = await firmId(t.db, FIRM.inTheNews);
    expect(
      (
        await call('POST', '/api/v1/silences', officer.headers, {
          firmId: news,
          endsAt: new Date(AT.getTime() + 86_400_000).toISOString(),
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    const s = await silence(officer.headers, 'red');
    expect(s.body.scope).toEqual({ kind: 'district', district: '示范区', streets: ['松涛镇'] });
    const run = await runScoring(t.db, defaultModelConfig, {
      at: AT,
      firms: 'all',
      reason: 'test',
      actor: { id: null, name: 'test' },
    });
    await evaluateAlerts({ db: t.db, log: silentLog, config: testConfig() }, run);
    const red = await t.db
      .selectFrom('alerts')
      .select(['silence_id'])
      .where('firm_id', '=', news)
      .where('level', '=', 'red')
      .execute();
    expect(red.length).toBeGreaterThan(0);
    expect(red.every((a) => a.silence_id === null)).toBe(true);
  });
});
