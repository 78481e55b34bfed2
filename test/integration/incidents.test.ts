import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { seedFirms } from '../helpers/ingest.ts';
import { endpoint, onDutyOfficer, poll, rss, STORY_TEXT, STORY_TITLE } from '../helpers/incidents.ts';

// Issue 17 item 3: one event pages once. A story reprinted by two feeds
// that names a station and its platform raises alerts for both firms; they
// form one incident, and each recipient (endpoint, person on duty) is
// notified once.

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const AT = new Date('2026-11-20T06:00:00Z'); // 14:00 Shanghai

describe('incidents', () => {
  it('a story reprinted by two feeds naming a station and its platform: one incident, one notification per recipient', async () => {
    await onDutyOfficer(t, AT, '13900000001');
    const hooks = [await endpoint(t, 'opinion-group'), await endpoint(t, 'bureau-system')];

    await poll(
      t,
      'news-a',
      rss([{ guid: 'a1', title: STORY_TITLE, text: STORY_TEXT, date: 'Fri, 20 Nov 2026 05:50:00 GMT' }]),
      AT,
    );
    const later = new Date(AT.getTime() + 20 * 60_000);
    const r = await poll(
      t,
      'portal-b',
      rss([
        {
          guid: 'b1',
          title: `${STORY_TITLE}（转载）`,
          text: `来源：某某新闻网。${STORY_TEXT}`,
          date: 'Fri, 20 Nov 2026 06:10:00 GMT',
        },
      ]),
      later,
    );
    expect(r.copies).toBe(1);

    const alerts = await t.db
      .selectFrom('alerts')
      .innerJoin('firms', 'firms.id', 'alerts.firm_id')
      .select([
        'alerts.id',
        'alerts.rule',
        'alerts.level',
        'alerts.incident_id',
        'alerts.escalation_next_at',
        'firms.name',
      ])
      .orderBy('alerts.id')
      .execute();
    // Both firms are alerted (the station and its platform), red for the 跳楼 story.
    const firms = new Set(alerts.map((a) => a.name));
    expect(firms).toEqual(new Set(['晨光路配送站有限公司', '快兔跑腿（上海）网络科技有限公司']));
    expect(alerts.filter((a) => a.rule === 'major_opinion')).toHaveLength(2);
    expect(alerts.every((a) => a.level === 'red')).toBe(true);

    const incidents = await t.db.selectFrom('incidents').selectAll().execute();
    expect(incidents).toHaveLength(1);
    const inc = incidents[0]!;
    expect(alerts.every((a) => a.incident_id === inc.id)).toBe(true);
    expect(inc.lead_alert_id).toBe(alerts[0]!.id);
    expect(inc.group_keys.some((k) => k.startsWith('story:'))).toBe(true);
    // Only the lead carries an escalation chain.
    expect(alerts.filter((a) => a.escalation_next_at !== null).map((a) => a.id)).toEqual([inc.lead_alert_id]);

    // One notification per recipient: each endpoint got one alert.raised, and the officer is @-mentioned once.
    const sent = await t.db.selectFrom('deliveries').select(['endpoint_id', 'event_type', 'event']).execute();
    for (const h of hooks)
      expect(sent.filter((d) => d.endpoint_id === h && d.event_type === 'alert.raised')).toHaveLength(1);
    const eventOf = (e: unknown) => (typeof e === 'string' ? JSON.parse(e) : e) as { mentions?: { mobiles: string[] } };
    const mentioned = sent
      .filter((d) => d.endpoint_id === hooks[0])
      .flatMap((d) => eventOf(d.event).mentions?.mobiles ?? []);
    expect(mentioned).toEqual(['13900000001']);
    // The other alerts say where they went.
    const grouped = await t.db
      .selectFrom('alert_events')
      .select(['alert_id', 'details'])
      .where('kind', '=', 'grouped')
      .execute();
    expect(grouped.map((g) => g.alert_id).sort()).toEqual(
      alerts
        .filter((a) => a.id !== inc.lead_alert_id)
        .map((a) => a.id)
        .sort(),
    );
  });
});
