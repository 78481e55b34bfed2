import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { dispositionsHtml, parseWeek } from '../../src/domain/digest/index.ts';
import { buildDigest } from '../../src/digest/build.ts';

// Issue 17 item 7: resolving a major-opinion alert records what was done
// (through the API, as an officer would); the weekly digest counts the
// actions done in its week, per action, in its district.

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

const W = parseWeek('2026-W47'); // Mon 2026-11-16 … Sun 2026-11-22, Shanghai
const sh = (local: string) => new Date(`${local}+08:00`);
const config = testConfig();

async function majorOpinion(firmId: number, raised: string) {
  return (
    await t.db
      .insertInto('alerts')
      .values({
        firm_id: firmId,
        rule: 'major_opinion',
        category: 'opinion',
        level: 'red',
        title: `重大舆情 ${raised}`,
        fingerprint: `opinion:${raised}`,
        score: 80,
        evidence: '[]',
        raised_at: sh(raised),
        updated_at: sh(raised),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function resolve(district: string, id: number, at: string, actions: Array<{ action: string; at?: string }>) {
  const app = testApp(t.db, { clock: () => sh(at) });
  const u = await userWithToken(t.db, 'opinion_staff', { district });
  const res = await app.request(`/api/v1/alerts/${id}/resolve`, {
    method: 'POST',
    headers: { ...u.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ note: '已处置', actions }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe('digest: structured dispositions', () => {
  it("counts the week's actions per type, in the district, and shows them in both languages", async () => {
    const here = (await insertFirm(t.db, { name: '甲配送有限公司', district: '示范区', street: '东街' })).id;
    const there = (await insertFirm(t.db, { name: '乙快递有限公司', district: '邻区', street: '北街' })).id;
    // One open alert per firm and rule: each is raised, then resolved, in turn.
    await resolve('示范区', await majorOpinion(here, '2026-11-17T09:00:00'), '2026-11-18T11:00:00', [
      { action: 'verified' },
      { action: 'response_published' },
      { action: 'on_site', at: sh('2026-11-17T15:00:00').toISOString() },
    ]);
    await resolve('示范区', await majorOpinion(here, '2026-11-19T20:00:00'), '2026-11-20T10:00:00', [
      { action: 'verified' },
      { action: 'firm_interview' },
    ]);
    await resolve('邻区', await majorOpinion(there, '2026-11-18T10:00:00'), '2026-11-19T09:00:00', [
      { action: 'cyber_police_liaison' },
    ]);
    // Resolved after the week: next week's count, even though it was raised in this one.
    await resolve('示范区', await majorOpinion(here, '2026-11-22T23:00:00'), '2026-11-23T09:00:00', [
      { action: 'verified' },
    ]);

    const now = sh('2026-11-23T10:00:00');
    const local = await buildDigest(t.db, config, { week: W, district: '示范区', now, actor: 'test', store: false });
    const counts = Object.fromEntries((local.content.dispositions ?? []).map((r) => [r.action, r.count]));
    expect(counts).toEqual({
      verified: 2,
      response_published: 1,
      cyber_police_liaison: 0,
      on_site: 1,
      firm_interview: 1,
      wages_paid: 0,
      referred: 0,
      other: 0,
    });
    expect(local.html).toContain('重大舆情处置措施（本周）');
    expect(local.html).toMatch(/<tr data-disposition="verified"><td>核实情况<\/td><td class="n">2<\/td><\/tr>/);
    expect(local.html).toContain('合计 5 项');
    expect(local.markdown).toContain('- 重大舆情处置措施（本周）：核实情况 2、回应发布 1、线下处置 1、约谈企业 1');

    const city = await buildDigest(t.db, config, { week: W, district: null, now, actor: 'test', store: false });
    expect(city.content.dispositions?.find((r) => r.action === 'cyber_police_liaison')?.count).toBe(1);
    expect(city.content.dispositions?.reduce((s, r) => s + r.count, 0)).toBe(6);

    const next = await buildDigest(t.db, config, {
      week: parseWeek('2026-W48'),
      district: '示范区',
      now: sh('2026-11-30T10:00:00'),
      actor: 'test',
      store: false,
    });
    expect(next.content.dispositions?.find((r) => r.action === 'verified')?.count).toBe(1);

    // English labels of the same section.
    const en = dispositionsHtml(local.content.dispositions, 'en');
    expect(en).toContain('Major public opinion: actions taken this week');
    expect(en).toMatch(/<td>Facts verified<\/td><td class="n">2<\/td>/);
    expect(en).toContain('5 in all');
  });

  it('a week with no action says so; a digest stored before dispositions were counted shows no section', async () => {
    const empty = await buildDigest(t.db, config, {
      week: W,
      district: '示范区',
      now: sh('2026-11-23T10:00:00'),
      actor: 'test',
      store: false,
    });
    expect(empty.content.dispositions?.every((r) => r.count === 0)).toBe(true);
    expect(empty.html).toContain('本周未记录处置措施。');
    expect(empty.markdown).not.toContain('处置措施');
    expect(dispositionsHtml(undefined)).toBe('');
  });
});
