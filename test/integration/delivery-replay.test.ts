import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog, testApp, userWithToken } from '../helpers/app.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { createDeliverySender } from '../../src/delivery/worker.ts';

// Replay is for dead letters. A message the receiver already acknowledged
// is sent again only when the caller says `force`, and that is audited.

const db = useTestDb();
let t: TestDb;
let r: Receiver;
beforeAll(async () => {
  r = await startReceiver();
});
afterAll(async () => {
  await r.close();
});
beforeEach(() => {
  t = db();
  r.received.length = 0;
  r.respond = () => ({ status: 200 });
});

const app = () => testApp(t.db, { env: { QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' } });
const send = () =>
  createDeliverySender({
    db: t.db,
    log: silentLog,
    secretKey: TEST_SECRET,
    allowPrivateNetworks: ['127.0.0.0/8'],
    publicUrl: 'x',
  }).runOnce();

async function deliveredMessage(headers: Record<string, string>) {
  const reg = await app().request('/api/v1/webhooks', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${r.url}/hook`, kind: 'standard' }),
  });
  const ep = (await reg.json()) as { id: number };
  const row = await t.db
    .insertInto('deliveries')
    .values({
      endpoint_id: ep.id,
      message_id: 'msg_replay_1',
      event_type: 'alert.raised',
      created_at: new Date(),
      next_attempt_at: new Date(Date.now() - 1000),
      event: JSON.stringify({
        id: 'msg_replay_1',
        type: 'alert.raised',
        timestamp: new Date().toISOString(),
        data: {},
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  expect(await send()).toMatchObject({ delivered: 1 });
  return row.id;
}

const replay = (id: number, headers: Record<string, string>, how: { query?: string; body?: unknown } = {}) =>
  app().request(`/api/v1/deliveries/${id}/replay${how.query ?? ''}`, {
    method: 'POST',
    headers: how.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(how.body === undefined ? {} : { body: JSON.stringify(how.body) }),
  });

describe('replaying a delivered message', () => {
  it('is refused (409) without force: nothing is sent again and nothing is audited', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const id = await deliveredMessage(admin.headers);
    const res = await replay(id, admin.headers);
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already delivered.*force/),
    });
    expect((await replay(id, admin.headers, { body: { force: false } })).status).toBe(409);
    expect(await send()).toMatchObject({ claimed: 0 });
    expect(r.received).toHaveLength(1);
    const row = await t.db.selectFrom('deliveries').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('delivered');
    expect(
      await t.db.selectFrom('audit_log').select('action').where('action', '=', 'delivery.replay').execute(),
    ).toEqual([]);
  });

  it('with force (body or query) it is sent again under the same webhook-id, and the audit says forced', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const id = await deliveredMessage(admin.headers);
    expect((await replay(id, admin.headers, { body: { force: true } })).status).toBe(200);
    expect(await send()).toMatchObject({ delivered: 1 });
    expect((await replay(id, admin.headers, { query: '?force=true' })).status).toBe(200);
    expect(await send()).toMatchObject({ delivered: 1 });
    expect(r.received.map((x) => x.headers['webhook-id'])).toEqual(['msg_replay_1', 'msg_replay_1', 'msg_replay_1']);
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'delivery.replay')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details))).toEqual([
      { from: 'delivered', force: true },
      { from: 'delivered', force: true },
    ]);
  });

  it('a dead letter is replayed as before, without force', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const id = await deliveredMessage(admin.headers);
    await t.db.updateTable('deliveries').set({ status: 'dead', delivered_at: null }).where('id', '=', id).execute();
    expect((await replay(id, admin.headers)).status).toBe(200);
    expect(await send()).toMatchObject({ delivered: 1 });
    const audits = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'delivery.replay')
      .execute();
    expect(audits.map((a) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details))).toEqual([
      { from: 'dead' },
    ]);
  });
});
