import { beforeEach, describe, expect, it } from 'vitest';
import type { TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { AT, FIRM, firmId } from '../helpers/risk-district.ts';
import { runEscalation } from '../../src/alerts/escalate.ts';
import { alertsKit } from './support/alerts-kit.ts';
// Escalation when nobody acknowledges, escalation policies and silences,
// with `now` passed in. Deliveries are checked in the outbox (what would be sent).
// `now` passed in. Deliveries are checked in the outbox (what would be sent).

const { db, deps, MIN, scoreAndAlert, staff, outbox } = alertsKit();
let t: TestDb;
beforeEach(() => {
  t = db();
});

describe('escalation', () => {
  it('an unacknowledged red alert reaches tier 2 after the wait, then the section chief; acknowledging stops it', async () => {
    const { backup, chief } = await staff();
    await scoreAndAlert(AT);
    const id = (
      await t.db.selectFrom('alerts').select('id').where('rule', '=', 'major_opinion').executeTakeFirstOrThrow()
    ).id;
    const escalated = async () =>
      (await outbox()).filter((d) => d.type === 'alert.escalated' && d.data.alert.id === id);
    await runEscalation(deps(), new Date(AT.getTime() + 14 * MIN));
    expect(await escalated()).toHaveLength(0);
    await runEscalation(deps(), new Date(AT.getTime() + 15 * MIN));
    const first = await escalated();
    expect(first).toHaveLength(1);
    expect(first[0]!.data.notified).toEqual([backup.user.name]);
    expect(first[0]!.mentions).toEqual({ mobiles: ['13800000002'], userIds: [] });
    // Tier 2 waits 30 min, but the 30-minute acknowledgement deadline passed: flagged overdue and the chain moves on at once.
    await runEscalation(deps(), new Date(AT.getTime() + 31 * MIN));
    const second = await escalated();
    expect(second.at(-1)!.data.notified).toEqual([chief.user.name]);
    expect(
      (await t.db.selectFrom('alerts').select('overdue').where('id', '=', id).executeTakeFirstOrThrow()).overdue,
    ).toBe(true);

    const app = testApp(t.db, { clock: () => new Date(AT.getTime() + 32 * MIN) });
    expect((await app.request(`/api/v1/alerts/${id}/ack`, { method: 'POST', headers: chief.headers })).status).toBe(
      403,
    ); // managers may not work alerts
    const duty2 = await userWithToken(t.db, 'duty_officer', { district: '示范区' });
    expect((await app.request(`/api/v1/alerts/${id}/ack`, { method: 'POST', headers: duty2.headers })).status).toBe(
      200,
    );
    const count = (await escalated()).length;
    await runEscalation(deps(), new Date(AT.getTime() + 59 * MIN));
    expect(await escalated()).toHaveLength(count);
    // Acknowledged but never taken up: after the 60-minute timeout the chain starts again from tier 1.
    await runEscalation(deps(), new Date(AT.getTime() + 93 * MIN));
    const a = await t.db.selectFrom('alerts').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(a.status).toBe('open');
    expect((await escalated()).length).toBeGreaterThan(count);
    const kinds = (
      await t.db.selectFrom('alert_events').select('kind').where('alert_id', '=', id).orderBy('id').execute()
    ).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['escalated', 'overdue', 'acknowledged', 'ack_lapsed']));
  });
});

describe('escalation policies', () => {
  it('a stored policy for red replaces the default chain; a bad policy is refused naming the field', async () => {
    const { chief, admin } = await staff();
    const app = testApp(t.db);
    const put = (body: unknown) =>
      app.request('/api/v1/escalation-policies/red-fast', {
        method: 'PUT',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await put({ levels: ['red'], policy: { steps: [], repeat: 0, ackTimeoutMinutes: 30 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.message).toMatch(/steps/);
    const ok = await put({
      levels: ['red'],
      policy: {
        steps: [
          { target: { kind: 'on_duty', tier: 1 }, waitMinutes: 5 },
          { target: { kind: 'on_duty', tier: 3 }, waitMinutes: 5 },
        ],
        repeat: 0,
        ackTimeoutMinutes: 30,
      },
    });
    expect(ok.status).toBe(200);
    await scoreAndAlert(AT);
    const id = (
      await t.db.selectFrom('alerts').select('id').where('rule', '=', 'major_opinion').executeTakeFirstOrThrow()
    ).id;
    await runEscalation(deps(), new Date(AT.getTime() + 5 * MIN));
    const sent = (await outbox()).filter((d) => d.type === 'alert.escalated' && d.data.alert.id === id);
    expect(sent.map((d) => d.data.notified)).toEqual([[chief.user.name]]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'escalation.policy')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('silences', () => {
  it('a silenced alert is recorded but not delivered; when the silence ends it goes out', async () => {
    const { admin } = await staff();
    const news = await firmId(t.db, FIRM.inTheNews);
    const app = testApp(t.db, { clock: () => new Date(AT.getTime() - 60 * MIN) });
    const res = await app.request('/api/v1/silences', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        firmId: news,
        endsAt: new Date(AT.getTime() + 2 * 60 * MIN).toISOString(),
        reason: '已约谈，等待企业回应',
      }),
    });
    expect(res.status).toBe(200);
    await scoreAndAlert(AT);
    const alert = await t.db
      .selectFrom('alerts')
      .select(['id', 'silence_id', 'escalation_next_at'])
      .where('firm_id', '=', news)
      .executeTakeFirstOrThrow();
    expect(alert.silence_id).not.toBeNull();
    expect((await outbox()).some((d) => d.data.alert.id === alert.id)).toBe(false);
    await runEscalation(deps(), new Date(AT.getTime() + 60 * MIN));
    expect((await outbox()).some((d) => d.data.alert.id === alert.id)).toBe(false);
    await runEscalation(deps(), new Date(AT.getTime() + 121 * MIN));
    const sent = (await outbox()).filter((d) => d.data.alert.id === alert.id);
    expect(sent.map((d) => d.type)).toEqual(['alert.raised']);
    expect(
      await t.db.selectFrom('audit_log').select('action').where('action', '=', 'silence.create').execute(),
    ).toHaveLength(1);
  });
});
