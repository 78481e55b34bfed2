import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { insertFirm } from '../helpers/app.ts';
import { loadPolicies } from '../../src/alerts/duty.ts';
import { defaultEscalationPolicy } from '../../src/domain/alerts/index.ts';

// Escalation policies belong to a district (the city default is inherited),
// and only an admin edits them: a district's admin its own, a city admin
// the default (issue 13, item 4).

const db = useTestDb(async (t) => {
  await insertFirm(t.db, { name: '示范配送站', district: '示范区' });
  await insertFirm(t.db, { name: '邻区配送站', district: '邻区' });
});
let t: TestDb;
beforeEach(() => {
  t = db();
});

const OFF = {
  levels: ['red'],
  policy: { steps: [{ target: { kind: 'on_duty', tier: 1 }, waitMinutes: 10080 }], repeat: 0, ackTimeoutMinutes: 60 },
};
const FAST = {
  levels: ['red'],
  policy: {
    steps: [
      { target: { kind: 'on_duty', tier: 1 }, waitMinutes: 5 },
      { target: { kind: 'on_duty', tier: 2 }, waitMinutes: 5 },
    ],
    repeat: 2,
    ackTimeoutMinutes: 30,
  },
};
const put = async (headers: Record<string, string>, name: string, body: unknown) => {
  const r = await testApp(t.db).request(`/api/v1/escalation-policies/${name}`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as any };
};
const list = async (headers: Record<string, string>) =>
  (await (await testApp(t.db).request('/api/v1/escalation-policies', { headers })).json()) as any[];

describe('escalation policies per district', () => {
  it('a district duty officer cannot change any policy: 403, nothing stored', async () => {
    const officer = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    const cityOfficer = await userWithToken(t.db, 'duty_officer', { district: null });
    expect((await put(officer.headers, 'default', OFF)).status).toBe(403);
    expect((await put(cityOfficer.headers, 'default', OFF)).status).toBe(403);
    expect(
      (await put((await userWithToken(t.db, 'manager', { district: '示范区' })).headers, 'default', OFF)).status,
    ).toBe(403);
    expect(await t.db.selectFrom('escalation_policies').select('id').execute()).toEqual([]);
  });

  it("a district admin edits only their district's policy; the other district keeps the city default", async () => {
    const homeAdmin = await userWithToken(t.db, 'admin', { district: '示范区' });
    const cityAdmin = await userWithToken(t.db, 'admin', { district: null });
    const r = await put(homeAdmin.headers, 'default', OFF);
    expect(r.status).toBe(200);
    expect(r.body.district).toBe('示范区');
    expect((await put(homeAdmin.headers, 'default', { ...OFF, district: '邻区' })).status).toBe(403);
    expect((await put(cityAdmin.headers, 'default', FAST)).body.district).toBeNull();

    const policyFor = await loadPolicies(t.db);
    expect(policyFor('red', '示范区').steps[0]!.waitMinutes).toBe(10080);
    expect(policyFor('red', '邻区').steps[0]!.waitMinutes).toBe(5);
    expect(policyFor('red', null).steps[0]!.waitMinutes).toBe(5);
    expect(policyFor('orange', '示范区')).toEqual(defaultEscalationPolicy);

    // Each district reads the default and its own; a city-level reader sees both.
    const nextOfficer = await userWithToken(t.db, 'duty_officer', { district: '邻区' });
    expect((await list(nextOfficer.headers)).map((p) => p.district)).toEqual([null]);
    expect((await list(homeAdmin.headers)).map((p) => p.district)).toEqual([null, '示范区']);

    // A city admin may set a district's policy explicitly.
    expect((await put(cityAdmin.headers, 'default', { ...FAST, district: '邻区' })).body.district).toBe('邻区');
    expect((await list(nextOfficer.headers)).map((p) => p.district)).toEqual([null, '邻区']);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'object_id'])
      .where('action', '=', 'escalation.policy')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor_id: homeAdmin.user.id, object_id: '示范区/default' },
      { actor_id: cityAdmin.user.id, object_id: 'default' },
      { actor_id: cityAdmin.user.id, object_id: '邻区/default' },
    ]);
  });
});
