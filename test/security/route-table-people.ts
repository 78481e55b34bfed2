import { createToken } from '../../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../../src/audit/audit.ts';
import { HOME, type Entry, alertIn, throwawayUser, endpointIn } from './route-fixtures.ts';

// Who may call the routes of people, firms, alerts and webhooks (the route matrix's table, part 1).
export const PEOPLE_ROUTES: Record<string, Entry> = {
  'GET /healthz': { perm: 'public', ok: [200] },
  'GET /readyz': { perm: 'public', ok: [200] },
  'GET /api/v1/me': { perm: 'any', ok: [200] },
  'GET /api/v1/users': { perm: 'users:manage', ok: [200] },
  'POST /api/v1/users': {
    perm: 'users:manage',
    ok: [200, 201],
    body: (c) => ({ name: `u${c.seq()}`, role: 'inspector', district: HOME, password: 'correct-horse-battery' }),
  },
  // Tokens are created by their owner only (issue 13, item 5): the caller asks for one of their own.
  'POST /api/v1/users/{name}/tokens': {
    perm: 'any',
    ok: [200, 201],
    params: (c, role) => ({ name: c.self[role] }),
    body: () => ({ label: 'matrix' }),
  },
  'GET /api/v1/users/{name}/tokens': { perm: 'any', ok: [200], params: (c, role) => ({ name: c.self[role] }) },
  'POST /api/v1/tokens/{id}/revoke': {
    perm: 'any',
    ok: [200],
    body: () => ({}),
    params: async (c, role) => ({
      id: (await createToken(c.t.db, SYSTEM_ACTOR, c.self[role], new Date(), 'to revoke')).id,
    }),
  },
  'POST /api/v1/users/{name}/disable': {
    perm: 'users:manage',
    ok: [200],
    body: () => ({}),
    params: async (c) => ({ name: await throwawayUser(c) }),
  },
  'POST /api/v1/users/{name}/enable': {
    perm: 'users:manage',
    ok: [200],
    body: () => ({}),
    params: async (c) => ({ name: await throwawayUser(c) }),
  },
  'GET /api/v1/firms': { perm: 'firms:read', ok: [200] },
  'GET /api/v1/firms/{id}': { perm: 'firms:read', ok: [200], scoped: async (c, w) => ({ id: c.firm[w] }) },
  'POST /api/v1/firms/{id}/aliases': {
    perm: 'firms:write',
    ok: [200],
    scoped: async (c, w) => ({ id: c.firm[w] }),
    body: (c) => ({ alias: `别名${c.seq()}` }),
  },
  'GET /api/v1/firms/{id}/risk': { perm: 'firms:read', ok: [200, 404], scoped: async (c, w) => ({ id: c.firm[w] }) },
  'GET /api/v1/firms/{id}/risk/history': { perm: 'firms:read', ok: [200], scoped: async (c, w) => ({ id: c.firm[w] }) },
  'GET /api/v1/risk': { perm: 'firms:read', ok: [200] },
  'GET /api/v1/alerts': { perm: 'alerts:read', ok: [200] },
  'GET /api/v1/alerts/{id}': { perm: 'alerts:read', ok: [200], scoped: alertIn },
  'POST /api/v1/alerts/{id}/ack': { perm: 'alerts:write', ok: [200], scoped: alertIn, body: () => ({}) },
  'POST /api/v1/alerts/{id}/start': { perm: 'alerts:write', ok: [200], scoped: alertIn, body: () => ({}) },
  'POST /api/v1/alerts/{id}/resolve': {
    perm: 'alerts:write',
    ok: [200],
    scoped: alertIn,
    body: () => ({ note: '已处理' }),
  },
  'POST /api/v1/alerts/{id}/info-published': {
    perm: 'alerts:write',
    ok: [200, 409],
    scoped: alertIn,
    body: () => ({ note: '已发布通报' }),
  },
  'POST /api/v1/alerts/{id}/dismiss': {
    perm: 'alerts:write',
    ok: [200],
    scoped: alertIn,
    body: () => ({ reason: 'false_positive' }),
  },
  'POST /api/v1/alerts/{id}/assign': {
    perm: 'alerts:write',
    ok: [200, 400],
    scoped: alertIn,
    body: (c) => ({ user: c.self.inspector }),
  },
  'POST /api/v1/alerts/{id}/notes': {
    perm: 'alerts:write',
    ok: [200],
    scoped: alertIn,
    body: () => ({ note: '备注' }),
  },
  'POST /api/v1/webhooks': {
    perm: 'webhooks:manage',
    ok: [200, 201],
    body: (c) => ({ url: `https://hooks.example.cn/new${c.seq()}`, kind: 'standard' }),
  },
  'GET /api/v1/webhooks': { perm: 'webhooks:manage', ok: [200] },
  'POST /api/v1/webhooks/{id}/enable': {
    perm: 'webhooks:manage',
    ok: [200],
    scoped: async (c, w) => ({ id: await endpointIn(c, w) }),
    body: () => ({}),
  },
  'POST /api/v1/webhooks/{id}/disable': {
    perm: 'webhooks:manage',
    ok: [200],
    scoped: async (c, w) => ({ id: await endpointIn(c, w) }),
    body: () => ({}),
  },
  'GET /api/v1/deliveries': { perm: 'webhooks:manage', ok: [200] },
  'POST /api/v1/deliveries/{id}/replay': {
    perm: 'webhooks:manage',
    ok: [200, 409],
    body: () => ({}),
    scoped: async (c, w) => {
      const endpoint = await endpointIn(c, w);
      const r = await c.t.db
        .insertInto('deliveries')
        .values({
          endpoint_id: endpoint,
          message_id: `msg_${c.seq()}`,
          event_type: 'alert.raised',
          event: JSON.stringify({ type: 'alert.raised' }),
          alert_id: null,
          status: 'dead',
          next_attempt_at: new Date(),
          created_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: r.id };
    },
  },
};
