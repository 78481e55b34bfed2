import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { seedFirms } from '../helpers/ingest.ts';
import { poll, rss, STORY_TEXT, STORY_TITLE } from '../helpers/incidents.ts';
import { testApp, testConfig } from '../helpers/app.ts';
import { createUser } from '../../src/users/users.ts';
import { login } from '../../src/users/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// Issue 17 item 3: the queue shows incidents as well as alerts. One story
// reprinted by two feeds naming a station and its platform is one incident
// of two alerts; the incident view lists it with its level, title, member
// count, lead alert and deadline, in the reader's language and district.

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const AT = new Date('2026-11-20T06:00:00Z'); // 14:00 Shanghai
const config = testConfig();

async function session(name: string, district: string | null) {
  await createUser(
    t.db,
    SYSTEM_ACTOR,
    { name, role: 'inspector', district, streets: [], password: 'correct-horse-battery' },
    AT,
  );
  const s = await login(
    t.db,
    { name, password: 'correct-horse-battery', ip: null, userAgent: null },
    new Date(),
    config.login,
    config.sessionTtlMs,
  );
  return { cookie: `qs_session=${s.sessionId}` };
}

async function oneIncident() {
  await poll(
    t,
    'news-a',
    rss([{ guid: 'a1', title: STORY_TITLE, text: STORY_TEXT, date: 'Fri, 20 Nov 2026 05:50:00 GMT' }]),
    AT,
  );
  await poll(
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
    new Date(AT.getTime() + 20 * 60_000),
  );
  const [inc] = await t.db.selectFrom('incidents').selectAll().execute();
  const members = await t.db
    .selectFrom('alerts')
    .select(['id', 'title', 'ack_due_at', 'handle_due_at'])
    .where('incident_id', '=', inc!.id)
    .orderBy('id')
    .execute();
  return { inc: inc!, members };
}

describe('queue: incident view', () => {
  it('lists each incident with its level, title, member count, lead alert, deadline and member alerts', async () => {
    const { inc, members } = await oneIncident();
    expect(members.length).toBeGreaterThanOrEqual(2);
    const app = testApp(t.db, { clock: () => new Date(AT.getTime() + 30 * 60_000) });
    const me = await session('shifanqu_inspector', '示范区');

    const res = await app.request('/?view=incidents', { headers: me });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`data-incident-id="${inc.id}"`);
    expect(html).toContain(`data-members="${members.length}"`);
    expect(html).toContain(`${members.length} 条预警`);
    expect(html).toContain('首发预警');
    expect(html).toContain(`href="/alerts/${inc.lead_alert_id}"`);
    for (const m of members) expect(html).toContain(`data-alert-id="${m.id}"`);
    expect(html).toContain('晨光路配送站有限公司');
    expect(html).toContain('快兔跑腿（上海）网络科技有限公司');
    expect(html).toContain('lvl-red');
    // The deadline: the nearest one among its open alerts, counting down.
    const due = members
      .map((m) => m.handle_due_at ?? m.ack_due_at)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0]!;
    expect(html).toContain(`data-due="${due.toISOString()}"`);
    expect(html).toContain('aria-current="page">按事件');

    // The toggle back, and the English labels.
    expect(await (await app.request('/', { headers: me })).text()).toContain('href="/?view=incidents"');
    const en = await (await app.request('/?view=incidents&lang=en', { headers: me })).text();
    expect(en).toContain('By incident');
    expect(en).toContain(`${members.length} alert(s)`);
    expect(en).toContain('Lead alert');

    // Another district sees neither the incident nor its alerts.
    const other = await session('linqu_inspector', '邻区');
    const theirs = await (await app.request('/?view=incidents', { headers: other })).text();
    expect(theirs).not.toContain('data-incident-id');
    expect(theirs).toContain('暂无事件。');
  });

  it('a closed incident leaves the default view and stays under "include closed"', async () => {
    const { inc } = await oneIncident();
    await t.db
      .updateTable('alerts')
      .set({ status: 'resolved', closed_at: AT })
      .where('incident_id', '=', inc.id)
      .execute();
    await t.db.updateTable('incidents').set({ status: 'closed', closed_at: AT }).where('id', '=', inc.id).execute();
    const app = testApp(t.db, { clock: () => AT });
    const me = await session('shifanqu_inspector2', '示范区');
    expect(await (await app.request('/?view=incidents', { headers: me })).text()).not.toContain(
      `data-incident-id="${inc.id}"`,
    );
    const all = await (await app.request('/?view=incidents&status=all', { headers: me })).text();
    expect(all).toContain(`data-incident-id="${inc.id}"`);
    expect(all).toContain('已结束');
  });
});
