import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { AT, FIRM, seedRiskDistrict } from '../helpers/risk-district.ts';
import { createToken } from '../../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';

// The two-person rule cannot be walked around by an admin: no token minted
// for another user, no approval through an account the proposer created,
// and a fresh approver account is flagged on the case (issue 13, item 5).

const db = useTestDb(seedRiskDistrict);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const DAY = 86_400_000;
const app = () => testApp(t.db, { clock: () => AT });
async function call(headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await app().request(`/api/v1${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A case proposed by `proposer` and ready for approval. */
async function readyCase(proposer: { headers: Record<string, string> }) {
  const cands = (await call(proposer.headers, 'GET', '/credit/candidates?refresh=true')).body as any[];
  const id = cands.find((c) => c.firm.name === FIRM.severePartner).id as number;
  for (const [action, body] of [
    ['propose', { basis: '依据' }],
    ['notify', { noticeNo: 'N-1' }],
    ['record-statement', { statement: '无异议' }],
  ] as const) {
    expect((await call(proposer.headers, 'POST', `/credit/cases/${id}/${action}`, body)).status).toBe(200);
  }
  return id;
}

/** An account made through the API by `creator`, old enough or not, with a token of its own. */
async function accountBy(creator: { headers: Record<string, string> }, name: string, role: string, ageDays = 0) {
  const made = await call(creator.headers, 'POST', '/users', {
    name,
    role,
    district: '示范区',
    password: 'correct-horse-battery',
  });
  expect(made.status).toBe(201);
  await sql`update users set created_at = ${new Date(AT.getTime() - ageDays * DAY)} where id = ${made.body.id}`.execute(
    t.db,
  );
  const { token } = await createToken(t.db, SYSTEM_ACTOR, name, AT);
  return { id: made.body.id as number, headers: { authorization: `Bearer ${token}` } };
}

describe('two-person rule bypasses', () => {
  it('an admin cannot mint a token for another user, only for themself', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const approver = await userWithToken(t.db, 'approver', { district: '示范区' });
    const before = await t.db.selectFrom('api_tokens').select('id').execute();
    const r = await call(admin.headers, 'POST', `/users/${approver.user.name}/tokens`, {});
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('owner');
    expect(await t.db.selectFrom('api_tokens').select('id').execute()).toHaveLength(before.length);
    const own = await call(admin.headers, 'POST', `/users/${admin.user.name}/tokens`, { label: 'script' });
    expect(own.status).toBe(201);
    const me = await app().request('/api/v1/me', { headers: { authorization: `Bearer ${own.body.token}` } });
    expect(((await me.json()) as any).name).toBe(admin.user.name);
    // Any user may mint their own.
    expect((await call(approver.headers, 'POST', `/users/${approver.user.name}/tokens`, {})).status).toBe(201);
  });

  it('an approver whose account the proposer created may not approve; an independent one may, and the decision records how they authenticated', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const id = await readyCase(admin);
    const puppet = await accountBy(admin, 'sock_puppet', 'approver', 30);
    const refused = await call(puppet.headers, 'POST', `/credit/cases/${id}/approve`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('created by the proposer');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'credit.refused')
      .execute();
    expect(audit).toEqual([
      {
        actor_id: puppet.id,
        details: expect.objectContaining({ by: { userId: puppet.id, name: 'sock_puppet', auth: 'token' } }),
      },
    ]);

    const otherAdmin = await userWithToken(t.db, 'admin');
    const real = await accountBy(otherAdmin, 'real_approver', 'approver', 30);
    const ok = await call(real.headers, 'POST', `/credit/cases/${id}/approve`, { note: '同意' });
    expect(ok.status).toBe(200);
    expect(ok.body.approver_account).toEqual({ age_days: 30, new: false });
    const event = await t.db
      .selectFrom('credit_events')
      .select(['actor_id', 'details'])
      .where('case_id', '=', id)
      .where('action', '=', 'approve')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      actor_id: real.id,
      details: expect.objectContaining({ by: { userId: real.id, name: 'real_approver', auth: 'token' } }),
    });
  });

  it('an approver account younger than 7 days is flagged on the case, in the API and the console', async () => {
    const inspector = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const id = await readyCase(inspector);
    const admin = await userWithToken(t.db, 'admin');
    const fresh = await accountBy(admin, 'fresh_approver', 'approver', 2);
    expect((await call(fresh.headers, 'POST', `/credit/cases/${id}/approve`, {})).status).toBe(200);
    expect((await call(inspector.headers, 'GET', `/credit/cases/${id}`)).body.approver_account).toEqual({
      age_days: 2,
      new: true,
    });

    // In the console, logged in with a session: the flag shows, and a session decision records "session".
    const form = (fields: Record<string, string>, cookie = '') => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    });
    const login = await app().request('/login', form({ name: 'fresh_approver', password: 'correct-horse-battery' }));
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    for (const [lang, text] of [
      ['zh', '不足 7 天'],
      ['en', 'under 7 days'],
    ] as const) {
      const page = await (await app().request(`/credit/cases/${id}?lang=${lang}`, { headers: { cookie } })).text();
      expect(page).toContain('data-new-approver');
      expect(page).toContain(text);
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(
      await (await app().request(`/credit/cases/${id}`, { headers: { cookie } })).text(),
    )![1]!;
    const listed = await app().request(
      `/credit/cases/${id}/list`,
      form({ _csrf: csrf, decisionNo: 'D-9', authority: '示范区人社局' }, cookie),
    );
    expect(listed.status).toBeLessThan(400);
    const event = await t.db
      .selectFrom('credit_events')
      .select(['details'])
      .where('case_id', '=', id)
      .where('action', '=', 'list')
      .executeTakeFirstOrThrow();
    expect((event.details as any).by).toMatchObject({ name: 'fresh_approver', auth: 'session' });
  });
});
