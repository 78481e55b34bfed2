import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { AT, FIRM, firmId } from '../helpers/risk-district.ts';
import { importText } from '../helpers/ingest.ts';
import { alertsKit } from './support/alerts-kit.ts';

// Alert lifecycle, routing to the roster, escalation and silences, with
// `now` passed in. Deliveries are checked in the outbox (what would be sent).

const { db, MIN, at, scoreAndAlert, staff, outbox, byNumber, allIds, groupedIds } = alertsKit();
let t: TestDb;
beforeEach(() => {
  t = db();
});

describe('alerts from scores', () => {
  it('raises one alert per firm and rule, routed to the officer on duty, with the SLA clock of its level', async () => {
    const { duty } = await staff();
    const out = await scoreAndAlert(AT);
    const alerts = await t.db
      .selectFrom('alerts')
      .innerJoin('firms', 'firms.id', 'alerts.firm_id')
      .select([
        'firms.name',
        'alerts.rule',
        'alerts.level',
        'alerts.assignee_id',
        'alerts.ack_due_at',
        'alerts.handle_due_at',
        'alerts.raised_at',
      ])
      .orderBy('firms.name')
      .orderBy('alerts.rule')
      .execute();
    expect(out.raised).toBe(alerts.length);
    const news = alerts.find((a) => a.name === FIRM.inTheNews)!;
    expect(news).toMatchObject({ rule: 'major_opinion', level: 'red', assignee_id: duty.user.id });
    // 重大舆情不过夜: raised Friday 12:00 Shanghai → acknowledge in 30 min, handle by midnight the same day.
    expect(news.ack_due_at!.toISOString()).toBe(new Date(AT.getTime() + 30 * MIN).toISOString());
    expect(news.handle_due_at!.toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(alerts.map((a) => `${a.name}:${a.rule}`)).toEqual(
      expect.arrayContaining([
        `${FIRM.severePartner}:collective_wage_petition`,
        `${FIRM.severePartner}:overdue_wage_order`,
        `${FIRM.severe}:collective_wage_petition`,
      ]),
    );
    expect(alerts.every((a) => a.raised_at.getTime() === AT.getTime())).toBe(true);
    // The moderate and clean firms raise nothing.
    expect(alerts.some((a) => [FIRM.moderate, FIRM.clean, FIRM.futureOnly].includes(a.name as never))).toBe(false);
    const raised = (await outbox()).filter((d) => d.type === 'alert.raised');
    // One event pages once (issue 17): alerts grouped into an incident send nothing of their own.
    const grouped = await groupedIds();
    expect(grouped.length).toBeGreaterThan(0);
    expect(raised.map((d) => d.data.alert.id as number).sort(byNumber)).toEqual(
      (await allIds()).filter((id) => !grouped.includes(id)),
    );
    expect(raised.find((d) => d.data.alert.rule === 'major_opinion')!.mentions).toEqual({
      mobiles: ['13800000001'],
      userIds: [],
    });
  });

  it('a change the database refuses costs only itself: the other alerts of its group land whole, and the run reports the failure', async () => {
    await staff();
    const news = await firmId(t.db, FIRM.inTheNews);
    await sql`create function refuse_alert() returns trigger language plpgsql as $$ begin raise exception 'refused (simulated)'; end $$`.execute(
      t.db,
    );
    await sql
      .raw(
        `create trigger refuse_alert before insert on alerts for each row when (new.firm_id = ${news}) execute function refuse_alert()`,
      )
      .execute(t.db);
    await expect(scoreAndAlert(AT)).rejects.toThrow(
      new RegExp(`alert change\\(s\\) failed \\(raise major_opinion for firm ${news}`),
    );
    const alerts = await t.db.selectFrom('alerts').select(['id', 'firm_id']).execute();
    expect(alerts.length).toBeGreaterThan(1);
    expect(alerts.some((a) => a.firm_id === news)).toBe(false);
    // Each stored alert has its timeline and its delivery: nothing half-written.
    const events = await t.db.selectFrom('alert_events').select('alert_id').where('kind', '=', 'raised').execute();
    expect(events.map((e) => e.alert_id).sort()).toEqual(alerts.map((a) => a.id).sort());
    const grouped = await groupedIds();
    expect(
      (await outbox())
        .filter((d) => d.type === 'alert.raised')
        .map((d) => d.data.alert.id as number)
        .sort(byNumber),
    ).toEqual((await allIds()).filter((id) => !grouped.includes(id)));

    // Once the database takes it, the next run that sees the firm's result change raises it.
    await sql`drop trigger refuse_alert on alerts`.execute(t.db);
    await t.db.deleteFrom('firm_risk').where('firm_id', '=', news).execute();
    const again = await scoreAndAlert(AT);
    expect(again.raised).toBeGreaterThanOrEqual(1);
    expect(await t.db.selectFrom('alerts').select('id').where('firm_id', '=', news).execute()).not.toHaveLength(0);
  });

  it('the same data again raises nothing; a higher level updates the open alert and escalates it', async () => {
    await staff();
    await scoreAndAlert(AT);
    const before = await t.db.selectFrom('alerts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect((await scoreAndAlert(AT)).raised).toBe(0);
    const after = await t.db.selectFrom('alerts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    // The clean firm: a collective wage petition (orange), then a second one that takes the score to red.
    const petition = (id: string) =>
      `${JSON.stringify({ record_id: id, firm: FIRM.clean, received: '2026-11-20', category: 'wage_arrears', petitioners: 14 })}\n`;
    await importText(t.db, 'petitions', petition('P-C-1'), { format: 'ndjson', source: 'a.ndjson' });
    await scoreAndAlert(new Date(AT.getTime() + MIN));
    await importText(t.db, 'petitions', petition('P-C-2'), { format: 'ndjson', source: 'b.ndjson' });
    await scoreAndAlert(new Date(AT.getTime() + 2 * MIN));
    const clean = await t.db
      .selectFrom('alerts')
      .select(['id', 'rule', 'level', 'status'])
      .where('firm_id', '=', await firmId(t.db, FIRM.clean))
      .execute();
    expect(clean).toEqual([{ id: expect.any(Number), rule: 'collective_wage_petition', level: 'red', status: 'open' }]);
    const kinds = (
      await t.db.selectFrom('alert_events').select('kind').where('alert_id', '=', clean[0]!.id).orderBy('id').execute()
    ).map((e) => e.kind);
    expect(kinds).toContain('level_raised');
    const sent = (await outbox())
      .filter((d) => d.data.alert.id === clean[0]!.id)
      .map((d) => [d.type, d.data.reason ?? null]);
    expect(sent).toEqual([
      ['alert.raised', null],
      ['alert.escalated', 'level_raised'],
    ]);
  });

  it('an alert raised in the evening is due by midnight of the same day, never later (不过夜)', async () => {
    await staff();
    await scoreAndAlert(at('2026-11-19T12:30:00Z')); // 20:30 Shanghai, the item (18:00 Shanghai) already out
    const news = await t.db
      .selectFrom('alerts')
      .select(['raised_at', 'handle_due_at'])
      .where('rule', '=', 'major_opinion')
      .executeTakeFirstOrThrow();
    expect(news.handle_due_at!.toISOString()).toBe('2026-11-19T16:00:00.000Z'); // 24:00 that day, Shanghai, not 00:30
  });
});

describe('lifecycle', () => {
  it('ack → start → resolve through the API, each step on the timeline and in the audit log; illegal moves are 409', async () => {
    const { duty } = await staff();
    await scoreAndAlert(AT);
    const id = (
      await t.db.selectFrom('alerts').select('id').where('rule', '=', 'major_opinion').executeTakeFirstOrThrow()
    ).id;
    const app = testApp(t.db, { clock: () => new Date(AT.getTime() + 10 * MIN) });
    const post = (path: string, body?: unknown) =>
      app.request(`/api/v1/alerts/${id}/${path}`, {
        method: 'POST',
        headers: { ...duty.headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // The 5-hour milestone (国办发〔2016〕61号): marked once, on the timeline.
    expect(
      (await t.db.selectFrom('alerts').select('info_due_at').where('id', '=', id).executeTakeFirstOrThrow())
        .info_due_at,
    ).toEqual(new Date(AT.getTime() + 5 * 60 * MIN));
    expect((await post('info-published', { note: '区政府网站发布通报' })).status).toBe(200);
    expect((await post('info-published')).status).toBe(409);
    // A major-opinion alert is resolved with what was done (issue 17 item 7).
    expect((await post('resolve', {})).status).toBe(400);
    const resolved = await post('resolve', {
      note: '已处置',
      actions: [{ action: 'verified' }, { action: 'response_published' }],
    });
    expect(resolved.status).toBe(200);
    const stored = await t.db
      .selectFrom('alerts')
      .select('dispositions')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.dispositions).toEqual([
      { action: 'verified', at: new Date(AT.getTime() + 10 * MIN).toISOString(), by: duty.user.name },
      { action: 'response_published', at: new Date(AT.getTime() + 10 * MIN).toISOString(), by: duty.user.name },
    ]);
    expect((await post('ack')).status).toBe(409);
    const list = (await (await app.request('/api/v1/alerts?status=all', { headers: duty.headers })).json()) as any[];
    expect(list.find((a) => a.id === id).status).toBe('resolved');

    const other = (
      await t.db.selectFrom('alerts').select('id').where('rule', '=', 'overdue_wage_order').executeTakeFirstOrThrow()
    ).id;
    const post2 = (path: string, body?: unknown) =>
      app.request(`/api/v1/alerts/${other}/${path}`, {
        method: 'POST',
        headers: { ...duty.headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await (await post2('ack', { note: '已联系企业' })).json()) as any).toMatchObject({
      status: 'acknowledged',
      assignee: { name: duty.user.name },
    });
    expect((await post2('start')).status).toBe(200);
    expect((await post2('notes', { note: '约谈定于周一' })).status).toBe(200);
    expect((await post2('dismiss', {})).status).toBe(400);
    expect((await (await post2('dismiss', { reason: 'false_positive', note: '已整改' })).json()) as any).toMatchObject({
      status: 'dismissed',
      dismiss_reason: 'false_positive',
    });
    const detail = (await (await app.request(`/api/v1/alerts/${other}`, { headers: duty.headers })).json()) as any;
    // The firm's collective wage petition was raised first: this alert joined its incident and paged nobody.
    expect(detail.timeline.map((e: any) => e.kind)).toEqual([
      'raised',
      'grouped',
      'acknowledged',
      'in_progress',
      'note',
      'dismissed',
    ]);
    expect(detail.timeline[2]).toMatchObject({ actor: duty.user.name, details: { note: '已联系企业' } });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'alert')
      .where('object_id', '=', String(other))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'alert.raised',
      'alert.acknowledged',
      'alert.in_progress',
      'alert.note',
      'alert.dismissed',
    ]);
    const types = (await outbox()).filter((d) => d.data.alert.id === other).map((d) => d.type);
    expect(types).toEqual(['alert.acknowledged', 'alert.resolved']);
  });

  it('resolving straight from open records the implied acknowledgement on the timeline (issue 15 item 14)', async () => {
    const { duty } = await staff();
    await scoreAndAlert(AT);
    const id = (
      await t.db.selectFrom('alerts').select('id').where('rule', '=', 'major_opinion').executeTakeFirstOrThrow()
    ).id;
    const when = new Date(AT.getTime() + 10 * MIN);
    const app = testApp(t.db, { clock: () => when });
    const res = await app.request(`/api/v1/alerts/${id}/resolve`, {
      method: 'POST',
      headers: { ...duty.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ actions: [{ action: 'verified' }] }),
    });
    expect(res.status).toBe(200);
    const detail = (await (await app.request(`/api/v1/alerts/${id}`, { headers: duty.headers })).json()) as any;
    expect(detail.acknowledged_at).toBe(when.toISOString());
    const tail = detail.timeline.slice(-2);
    expect(tail.map((e: any) => e.kind)).toEqual(['acknowledged', 'resolved']);
    expect(tail[0]).toMatchObject({
      actor: duty.user.name,
      details: { from: 'open', to: 'acknowledged', implied_by: 'resolve' },
    });
    expect(tail[1].details).toMatchObject({ from: 'acknowledged', to: 'resolved' });
  });

  it("assignment only to someone who may work alerts in that firm's jurisdiction; other districts see 404", async () => {
    const { duty, admin } = await staff();
    await scoreAndAlert(AT);
    const id = (
      await t.db.selectFrom('alerts').select('id').where('rule', '=', 'major_opinion').executeTakeFirstOrThrow()
    ).id;
    const elsewhere = await userWithToken(t.db, 'inspector', { district: '邻区' });
    const app = testApp(t.db);
    const assign = (user: string) =>
      app.request(`/api/v1/alerts/${id}/assign`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ user }),
      });
    expect((await assign(elsewhere.user.name)).status).toBe(400);
    expect(((await (await assign(duty.user.name)).json()) as any).assignee.name).toBe(duty.user.name);
    expect((await app.request(`/api/v1/alerts/${id}`, { headers: elsewhere.headers })).status).toBe(404);
    expect((await app.request(`/api/v1/alerts/${id}/ack`, { method: 'POST', headers: elsewhere.headers })).status).toBe(
      404,
    );
  });
});
