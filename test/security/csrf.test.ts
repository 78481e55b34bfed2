import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { insertFirm, testApp, testConfig } from '../helpers/app.ts';
import { createUser } from '../../src/users/users.ts';
import { login } from '../../src/users/sessions.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// CSRF on every console form: the console's POST routes are read from the
// app itself, so a new form is covered without being listed here. A session
// cookie without the session's token (or with a wrong one) is refused
// before the handler runs, and nothing changes.

const db = useTestDb();
let t: TestDb;
beforeEach(() => {
  t = db();
});

const config = testConfig();

async function adminSession() {
  const name = `csrf_admin_${Math.random().toString(36).slice(2, 8)}`;
  await createUser(
    t.db,
    SYSTEM_ACTOR,
    { name, role: 'admin', district: null, streets: [], password: 'correct-horse-battery' },
    new Date(),
  );
  const s = await login(
    t.db,
    { name, password: 'correct-horse-battery', ip: null, userAgent: null },
    new Date(),
    config.login,
    config.sessionTtlMs,
  );
  return { cookie: `qs_session=${s.sessionId}`, csrf: s.csrfToken };
}

/** POST routes of the console (everything outside /api/), with parameters filled in. */
function consoleForms(app: ReturnType<typeof testApp>, id: number): string[] {
  const paths = app.routes.filter((r) => r.method === 'POST' && !r.path.startsWith('/api/')).map((r) => r.path);
  return [...new Set(paths)].map((p) =>
    p
      .replace(/:id(\{[^}]*\})?/g, String(id))
      .replace(/:action\{([a-z]+)\|[^}]*\}/g, '$1')
      .replace(/:action/g, 'ack')
      .replace(/:[a-z]+(\{[^}]*\})?/gi, 'x'),
  );
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const auditCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('CSRF on every console form', () => {
  it('finds the console forms', () => {
    const forms = consoleForms(testApp(t.db), 1);
    expect(forms.length).toBeGreaterThanOrEqual(15);
    for (const known of [
      '/alerts/1/ack',
      '/silences',
      '/admin/users',
      '/webhooks',
      '/feeds',
      '/logout',
      '/roster/import',
      '/credit/cases/1/ack',
    ])
      expect(forms).toContain(known);
  });

  it('a form post with the session cookie but without the token, or with a wrong one, is refused with 403 and changes nothing', async () => {
    const firm = await insertFirm(t.db, { name: '示范配送站', district: '示范区' });
    const alert = await t.db
      .insertInto('alerts')
      .values({
        firm_id: firm.id,
        rule: 'r',
        category: 'labor',
        level: 'red',
        status: 'open',
        title: 'a',
        fingerprint: 'f',
        score: 80,
        evidence: '[]',
        raised_at: new Date(),
        updated_at: new Date(),
        ack_due_at: null,
        handle_due_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { cookie, csrf } = await adminSession();
    const app = testApp(t.db);
    const forms = consoleForms(app, alert.id);
    const before = await auditCount();
    const wrong: string[] = [];
    const attempts: [string, Record<string, string>, string | undefined][] = [
      ['no token', { 'content-type': 'application/x-www-form-urlencoded' }, form({ note: 'x' })],
      [
        'wrong form token',
        { 'content-type': 'application/x-www-form-urlencoded' },
        form({ _csrf: `${csrf.slice(0, -2)}zz`, note: 'x' }),
      ],
      ['token of another length', { 'content-type': 'application/x-www-form-urlencoded' }, form({ _csrf: 'a' })],
      [
        'wrong header token',
        { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': 'forged' },
        form({ _csrf: csrf }),
      ],
      ['JSON body, no token', { 'content-type': 'application/json' }, JSON.stringify({ _csrf: csrf })],
      [
        'multipart, no token',
        { 'content-type': 'multipart/form-data; boundary=b' },
        '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--b--\r\n',
      ],
    ];
    for (const path of forms) {
      for (const [what, headers, body] of attempts) {
        const r = await app.request(path, {
          method: 'POST',
          headers: { cookie, origin: 'http://localhost', ...headers },
          body,
        });
        const text = await r.text();
        // The console's error page says it in the reader's language (zh by default), the API in English.
        if (r.status !== 403 || !/CSRF|表单已过期/.test(text))
          wrong.push(`${path} (${what}): ${r.status} ${text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await auditCount()).toBe(before);
    expect((await t.db.selectFrom('alerts').select('status').executeTakeFirstOrThrow()).status).toBe('open');

    // The control: with the right token the same post gets past the check.
    const ok = await app.request(`/alerts/${alert.id}/ack`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ _csrf: csrf }),
    });
    expect(ok.status).not.toBe(403);
    expect((await t.db.selectFrom('alerts').select('status').executeTakeFirstOrThrow()).status).toBe('acknowledged');
  });
});
