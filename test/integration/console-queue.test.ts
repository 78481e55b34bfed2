import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testApp, testConfig, userWithToken } from '../helpers/app.ts';
import { createUser } from '../../src/users/users.ts';
import { login } from '../../src/users/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { listAlerts, listAlertsPage } from '../../src/alerts/alerts-read.ts';
import { activeContent, seedSanitizeCorpus } from './support/sanitize-corpus.ts';

// The console's alert queue: keyset pagination, filters, counts per level;
// and the XSS proof on the alert detail and the firm profile.

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

const config = testConfig();
const AT = new Date('2026-11-20T04:00:00Z');

async function sessionCookie(role: 'inspector' | 'admin', district: string | null) {
  const name = `console_${role}_${Math.random().toString(36).slice(2, 8)}`;
  await createUser(
    t.db,
    SYSTEM_ACTOR,
    { name, role, district, streets: [], password: 'correct-horse-battery' },
    new Date(),
  );
  const s = await login(
    t.db,
    { name, password: 'correct-horse-battery', ip: null, userAgent: null },
    new Date(),
    config.login,
    config.sessionTtlMs,
  );
  return `qs_session=${s.sessionId}`;
}

/** 130 alerts over 3 firms, with ties on every key but the id. */
async function seedQueue() {
  const a = await insertFirm(t.db, { name: '甲配送有限公司', district: '示范区', street: '东街' });
  const b = await insertFirm(t.db, { name: '乙快递有限公司', district: '示范区', street: '西街' });
  await t.db.updateTable('firms').set({ sector: 'courier' }).where('id', '=', b.id).execute();
  const c = await insertFirm(t.db, { name: '丙邻区有限公司', district: '邻区', street: '北街' });
  const levels = ['red', 'orange', 'yellow', 'blue'];
  const rows = Array.from({ length: 130 }, (_, i) => {
    const raised = new Date(AT.getTime() - (i % 7) * 3_600_000);
    return {
      firm_id: [a.id, b.id, c.id][i % 3]!,
      rule: `r${i}`,
      category: i % 2 ? 'opinion' : 'labor',
      level: levels[i % 4]!,
      status: (i % 10 === 9 ? 'resolved' : 'open') as 'open',
      title: `alert ${i}`,
      fingerprint: `f${i}`,
      score: 50,
      raised_at: raised,
      updated_at: raised,
      overdue: i % 5 === 0,
      ack_due_at: i % 6 === 0 ? null : new Date(raised.getTime() + (i % 3) * 1_800_000),
      handle_due_at: i % 4 === 0 ? new Date(raised.getTime() + 86_400_000) : null,
    };
  });
  await t.db.insertInto('alerts').values(rows).execute();
  return { a, b, c };
}

describe('alert queue', () => {
  it('keyset pages walk the same order as one big page, without gaps or repeats', async () => {
    await seedQueue();
    for (const status of ['open', 'all']) {
      const all = await listAlerts(t.db, null, { status, limit: 500 }, '');
      const walked: number[] = [];
      let after: string | undefined;
      for (let i = 0; i < 50; i++) {
        const page = await listAlertsPage(t.db, null, { status, limit: 7, after }, '');
        walked.push(...page.alerts.map((x) => x.id));
        if (!page.next) break;
        after = page.next;
      }
      expect(walked).toEqual(all.map((x) => x.id));
      // The order: level, overdue first, nearest deadline (none last), newest, highest id.
      const rank = (l: string) => ['red', 'orange', 'yellow', 'blue'].indexOf(l);
      for (let i = 1; i < all.length; i++) {
        const [p, q] = [all[i - 1]!, all[i]!];
        const key = (x: typeof p) => [
          rank(x.level),
          x.overdue ? 0 : 1,
          x.due_at ? Date.parse(x.due_at) : Infinity,
          -Date.parse(x.raised_at),
          -x.id,
        ];
        const [kp, kq] = [key(p), key(q)];
        const j = kp.findIndex((v, n) => v !== kq[n]);
        expect(j === -1 ? 0 : Math.sign(kp[j]! - kq[j]!)).toBe(-1);
      }
    }
  });

  it('the API keeps offset, adds after and the x-next-cursor header, with sector/street/source filters', async () => {
    const { b } = await seedQueue();
    const admin = await userWithToken(t.db, 'admin');
    const app = testApp(t.db);
    const first = await app.request('/api/v1/alerts?limit=10', { headers: admin.headers });
    expect(first.status).toBe(200);
    const cursor = first.headers.get('x-next-cursor')!;
    expect(cursor).toBeTruthy();
    const byCursor: Array<{ id: number }> = (await (
      await app.request(`/api/v1/alerts?limit=10&after=${cursor}`, { headers: admin.headers })
    ).json()) as Array<{ id: number }>;
    const byOffset: Array<{ id: number }> = (await (
      await app.request('/api/v1/alerts?limit=10&offset=10', { headers: admin.headers })
    ).json()) as Array<{ id: number }>;
    expect(byCursor.map((x: { id: number }) => x.id)).toEqual(byOffset.map((x: { id: number }) => x.id));
    expect((await app.request('/api/v1/alerts?after=bogus', { headers: admin.headers })).status).toBe(400);
    const last = await app.request('/api/v1/alerts?limit=500', { headers: admin.headers });
    expect(last.headers.get('x-next-cursor')).toBeNull();

    const courier: Array<{ firm: { id: number }; category: string }> = (await (
      await app.request('/api/v1/alerts?sector=courier&street=%E8%A5%BF%E8%A1%97&source=opinion', {
        headers: admin.headers,
      })
    ).json()) as Array<{ firm: { id: number }; category: string }>;
    expect(courier.length).toBeGreaterThan(0);
    expect(
      courier.every((x: { firm: { id: number }; category: string }) => x.firm.id === b.id && x.category === 'opinion'),
    ).toBe(true);
  });

  it('the page shows counts per level in scope, filters from the URL and a next link that continues the queue', async () => {
    await seedQueue();
    const cookie = await sessionCookie('inspector', '示范区');
    const app = testApp(t.db, { clock: () => AT });
    const res = await app.request('/', { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    // In scope (示范区: firms a and b), open: ids i with i % 3 != 2 and i % 10 != 9.
    const expected = { red: 0, orange: 0, yellow: 0, blue: 0 } as Record<string, number>;
    for (let i = 0; i < 130; i++)
      if (i % 3 !== 2 && i % 10 !== 9) expected[['red', 'orange', 'yellow', 'blue'][i % 4]!]!++;
    const shown = Object.fromEntries(
      [...html.matchAll(/<span class="lvl lvl-(\w+)">[^<]*<\/span> (\d+)<\/a>/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(shown).toEqual(expected);
    expect(html.match(/data-alert-id=/g)).toHaveLength(50);
    const next = html.match(/href="(\/\?after=[^"]+)" rel="next"/)![1]!.replace(/&amp;/g, '&');
    const page2 = await (await app.request(next, { headers: { cookie } })).text();
    const ids1 = [...html.matchAll(/data-alert-id="(\d+)"/g)].map((m) => m[1]);
    const ids2 = [...page2.matchAll(/data-alert-id="(\d+)"/g)].map((m) => m[1]);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids1.filter((id) => ids2.includes(id))).toEqual([]);

    const filtered = await (
      await app.request('/?sector=courier&source=opinion&street=%E8%A5%BF%E8%A1%97', { headers: { cookie } })
    ).text();
    expect(filtered).toContain('<option value="courier" selected="">');
    expect(filtered).toContain('value="西街"');
    const titles = [...filtered.matchAll(/href="\/alerts\/\d+">alert (\d+)</g)].map((m) => Number(m[1]));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((i) => i % 3 === 1 && i % 2 === 1)).toBe(true);
  });
});

describe('XSS: feed items from the sanitize corpus render inert', () => {
  it('on the alert detail (highlighted, sanitized) and on the firm profile', async () => {
    const seeded = await seedSanitizeCorpus(t.db, '示范区');
    expect(seeded.files).toBeGreaterThan(700);
    expect(seeded.items).toBeGreaterThan(500);
    const cookie = await sessionCookie('inspector', '示范区');
    const app = testApp(t.db, { clock: () => AT });
    // The page's own scripts, from a page with no feed content.
    const plain = await insertFirm(t.db, { name: '无舆情有限公司', district: '示范区' });
    const own = activeContent(await (await app.request(`/firms/${plain.id}`, { headers: { cookie } })).text()).scripts;
    const [ownAlert] = await t.db
      .insertInto('alerts')
      .values({
        firm_id: plain.id,
        rule: 'risk_level',
        category: 'labor',
        level: 'blue',
        title: 'plain',
        fingerprint: 'plain',
        score: 10,
        raised_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .execute();
    const ownDetail = activeContent(
      await (await app.request(`/alerts/${ownAlert!.id}`, { headers: { cookie } })).text(),
    ).scripts;
    let marks = 0;
    for (const f of seeded.firms) {
      for (const [path, baseline] of [
        [`/alerts/${f.alertId}`, ownDetail],
        [`/firms/${f.id}`, own],
      ] as const) {
        const res = await app.request(path, { headers: { cookie } });
        expect(res.status, path).toBe(200);
        const html = await res.text();
        const found = activeContent(html);
        expect(found.scripts, path).toEqual(baseline);
        expect((html.match(/<script/gi) ?? []).length, path).toBe(baseline.length);
        expect(found.handlers, path).toEqual([]);
        expect(found.badUrls, path).toEqual([]);
        expect(html, path).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
        expect(html, path).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
        if (path.startsWith('/alerts/')) {
          expect(html).toContain(`<mark class="hl-alias">${f.alias}</mark>`);
          marks += (html.match(/<mark class="hl-term">拖欠工资<\/mark>/g) ?? []).length;
          expect((html.match(/data-feed-item=/g) ?? []).length).toBe(Math.min(20, f.itemIds.length));
        }
      }
    }
    expect(marks).toBeGreaterThan(seeded.items);
  });
});

describe('the credit page over years of cases', () => {
  it('shows every case still going, however many closed ones came before it, and the latest closed ones with their count', async () => {
    const firms = await Promise.all(
      Array.from({ length: 3 }, (_, i) => insertFirm(t.db, { name: `信用测试${i}有限公司`, district: '示范区' })),
    );
    const closed = Array.from({ length: 620 }, (_, i) => ({
      firm_id: firms[i % 3]!.id,
      state: 'withdrawn',
      evidence_key: `old-${i}`,
      reason: '历史案件',
      closed_reason: `撤回 ${i}`,
      updated_at: AT,
    }));
    await t.db.insertInto('credit_cases').values(closed).execute();
    const active = await t.db
      .insertInto('credit_cases')
      .values({
        firm_id: firms[0]!.id,
        state: 'proposed',
        evidence_key: 'new',
        reason: '逾期未支付工资',
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await testApp(t.db).request('/credit', { headers: { cookie: await sessionCookie('admin', null) } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`/credit/cases/${active.id}`);
    expect(html).toContain('已结束的案件（620）');
    expect(html).toContain('显示最近 100 件');
    expect(html.match(/<tr data-case-id="/g)).toHaveLength(100);
    // Newest first: the last closed case is listed, the first one is not.
    expect(html).toContain('撤回 619');
    expect(html).not.toContain('撤回 0<');
  });
});
