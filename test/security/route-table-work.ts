import { HOME, SECRET, type Entry, d, firmIn, feedIn } from './route-fixtures.ts';

// Who may call the routes of rosters, silences, audit, jobs, imports, records, feeds and credit (part 2).
export const WORK_ROUTES: Record<string, Entry> = {
  'POST /api/v1/roster/import': { perm: 'roster:manage', ok: [200], type: 'text/csv', body: () => 'user,start,end\n' },
  'GET /api/v1/roster/shifts': { perm: 'roster:read', ok: [200] },
  'DELETE /api/v1/roster/shifts/{id}': {
    perm: 'roster:manage',
    ok: [200],
    scoped: async (c, w) => {
      const user = await c.t.db
        .selectFrom('users')
        .select('id')
        .where('name', '=', c.self.duty_officer)
        .executeTakeFirstOrThrow();
      const r = await c.t.db
        .insertInto('roster_shifts')
        .values({
          user_id: user.id,
          starts_at: new Date(),
          ends_at: new Date(Date.now() + 3_600_000),
          district: d(w),
          note: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
  'POST /api/v1/roster/rotations': { perm: 'roster:manage', ok: [200, 400], body: (c) => ({ name: `轮值${c.seq()}` }) },
  'GET /api/v1/roster/on-duty': {
    perm: 'roster:read',
    ok: [200],
    scoped: async (_c, _w) => ({}),
    query: 'firm=__FIRM__',
  },
  'GET /api/v1/escalation-policies': { perm: 'roster:read', ok: [200] },
  // Item 4: policies are edited by the admin-level role only (a district's admin: its district's), never by a duty officer.
  'PUT /api/v1/escalation-policies/{name}': {
    perm: 'escalation:manage',
    ok: [200],
    params: () => ({ name: 'default' }),
    body: () => ({
      levels: [],
      policy: { steps: [{ target: { kind: 'on_duty', tier: 1 }, waitMinutes: 30 }], repeat: 1, ackTimeoutMinutes: 30 },
    }),
  },
  'GET /api/v1/silences': { perm: 'alerts:read', ok: [200] },
  'POST /api/v1/silences': {
    perm: 'silences:manage',
    ok: [200, 201],
    body: () => ({ level: 'blue', endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: '演练' }),
  },
  'POST /api/v1/silences/{id}/cancel': {
    perm: 'silences:manage',
    ok: [200],
    body: () => ({}),
    scoped: async (c, w) => {
      const r = await c.t.db
        .insertInto('silences')
        .values({
          firm_id: null,
          rule: null,
          level: 'blue',
          starts_at: new Date(),
          ends_at: new Date(Date.now() + 3_600_000),
          reason: `${w === 'out' ? SECRET : ''}静默`,
          district: d(w),
          created_by: 't',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
  'GET /api/v1/audit': { perm: 'audit:read', ok: [200] },
  'GET /api/v1/jobs': { perm: 'jobs:run', ok: [200] },
  'POST /api/v1/jobs/{name}/run': {
    perm: 'jobs:run',
    ok: [200],
    params: () => ({ name: 'session-cleanup' }),
    body: () => ({}),
  },
  'POST /api/v1/imports/{kind}': {
    perm: 'imports:write',
    ok: [200],
    params: () => ({ kind: 'inspections' }),
    type: 'text/csv',
    body: (c) => `record_id,firm,date\nM-${c.seq()},本区配送站有限公司,2026-11-03\n`,
  },
  'GET /api/v1/records/unresolved': { perm: 'records:read', ok: [200] },
  'POST /api/v1/records/unresolved/link': {
    perm: 'firms:write',
    ok: [200],
    body: async (c) => {
      const n = c.seq();
      await c.t.db
        .insertInto('inspections')
        .values({
          source: 'matrix',
          record_id: `i${n}`,
          firm_id: null,
          firm_name: `无名站${n}`,
          firm_name_norm: `无名站${n}`,
          firm_uscc: null,
          resolution: 'unresolved',
          district: HOME,
          street: null,
          extra: '{}',
          row_hash: `h${n}`,
          created_at: new Date(),
          updated_at: new Date(),
          date: '2026-11-01',
          kind: null,
          violations: [],
          workers: null,
          amount: null,
          order: null,
          due: null,
          rectified: null,
          status: null,
          inspector: null,
          notes: null,
        })
        .execute();
      return { name: `无名站${n}`, firm: String(c.firm.in) };
    },
  },
  'GET /api/v1/petitions/{id}': {
    perm: 'records:read',
    ok: [200],
    scoped: async (c, w) => {
      const n = c.seq();
      const r = await c.t.db
        .insertInto('petitions')
        .values({
          source: 'matrix',
          record_id: `p${n}`,
          firm_id: c.firm[w],
          firm_name: 'x',
          firm_name_norm: 'x',
          firm_uscc: null,
          resolution: 'resolved',
          district: d(w),
          street: null,
          extra: '{}',
          row_hash: `h${n}`,
          created_at: new Date(),
          updated_at: new Date(),
          received: '2026-11-01',
          channel: null,
          categories: [],
          petitioners: 1,
          summary_masked: w === 'out' ? `${SECRET}诉求` : null,
          summary_sealed: null,
          name_masked: null,
          name_sealed: null,
          phone_masked: null,
          phone_sealed: null,
          id_number_masked: null,
          id_number_sealed: null,
          id_number_valid: null,
          status: null,
          closed: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
  'GET /api/v1/feeds': { perm: 'records:read', ok: [200] },
  // Issue 17 item 5: feed-level alerts, listed within the reader's district.
  'GET /api/v1/feed-alerts': { perm: 'alerts:read', ok: [200] },
  'POST /api/v1/feeds': {
    perm: 'feeds:manage',
    ok: [200, 201],
    body: (c) => ({ name: `源${c.seq()}`, url: `https://news.example.cn/${c.seq()}.xml` }),
  },
  // Item 15: a feed belongs to its district; a district user switches only their district's.
  'POST /api/v1/feeds/{id}/{action}': {
    perm: 'feeds:manage',
    ok: [200],
    body: () => ({}),
    scoped: async (c, w) => ({ id: await feedIn(c, d(w)), action: 'disable' }),
  },
  'GET /api/v1/quarantine': { perm: 'imports:write', ok: [200] },
  'GET /api/v1/imports': { perm: 'imports:write', ok: [200] },
  'GET /api/v1/credit/candidates': { perm: 'credit:read', ok: [200] },
  'GET /api/v1/credit/cases': { perm: 'credit:read', ok: [200] },
  'GET /api/v1/credit/cases/{id}': {
    perm: 'credit:read',
    ok: [200],
    scoped: async (c, w) => ({
      id: (
        await c.t.db
          .insertInto('credit_cases')
          .values({
            firm_id: await firmIn(c, w),
            state: 'proposed',
            evidence_key: `k${c.seq()}`,
            reason: '逾期未支付工资',
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    }),
  },
  'POST /api/v1/credit/cases/{id}/{action}': {
    perm: 'credit:propose',
    ok: [200],
    body: () => ({ reason: '证据不足，撤回' }),
    scoped: async (c, w) => ({
      id: (
        await c.t.db
          .insertInto('credit_cases')
          .values({
            firm_id: await firmIn(c, w),
            state: 'proposed',
            evidence_key: `k${c.seq()}`,
            reason: '逾期未支付工资',
            updated_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
      action: 'withdraw',
    }),
  },
  'GET /api/v1/credit-list': { perm: 'credit:read', ok: [200] },
};
