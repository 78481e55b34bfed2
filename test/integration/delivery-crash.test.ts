import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';
import { endpointSealer } from '../../src/delivery/worker.ts';
import { generateSecret } from '../../src/delivery/channels/index.ts';
import { openChildDb, type TestDb, withChildDb } from '../helpers/db.ts';
import { BASE_ENV, startServe } from '../helpers/spawn.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';

// At-least-once across a crash: `serve` is killed with SIGKILL while a batch
// of deliveries is in flight, then started again. Every message arrives;
// a message sent twice carries the same webhook-id both times.

let t: TestDb | undefined;
let env: Record<string, string>;
let receiver: Receiver;
const N = 40;

/** The database, opened only while no child holds it (the embedded one is single-process). */
const withDb = <T>(fn: (db: Db) => Promise<T>): Promise<T> => withChildDb(t, env, fn);

beforeAll(async () => {
  receiver = await startReceiver();
  ({ db: t, env } = await openChildDb());
  // A short lease (its request timeout is half of it), so the second process takes the crashed one's rows soon.
  env = { ...env, QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8', QIANSHAO_DELIVERY_LEASE_S: '6' };
  await withDb(async (db) => {
    const secret = endpointSealer(BASE_ENV.QIANSHAO_SECRET_KEY).seal(generateSecret());
    const ep = await db
      .insertInto('webhook_endpoints')
      .values({ url: `${receiver.url}/hook`, kind: 'standard', secret_sealed: secret, created_by: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('deliveries')
      .values(
        Array.from({ length: N }, (_, i) => ({
          endpoint_id: ep.id,
          message_id: `msg_crash_${i}`,
          event_type: 'alert.raised',
          created_at: new Date(),
          next_attempt_at: new Date(Date.now() - 1000),
          event: JSON.stringify({
            id: `msg_crash_${i}`,
            type: 'alert.raised',
            timestamp: new Date().toISOString(),
            data: { n: i },
          }),
        })),
      )
      .execute();
  });
}, 60_000);
afterAll(async () => {
  await receiver.close();
  await t?.close();
});

describe('delivery across a crash', () => {
  it('SIGKILL mid-batch loses nothing; redelivered messages keep their webhook-id', async () => {
    // Slow answers, so the first batch is still in flight when the process dies.
    receiver.respond = () => ({ status: 200, delayMs: 400 });
    const first = await startServe(env);
    const deadline = Date.now() + 30_000;
    while (receiver.received.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.received.length).toBeGreaterThanOrEqual(5);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('close', r));
    const beforeRestart = receiver.received.length;
    expect(beforeRestart).toBeLessThan(N); // the crash really interrupted the work

    receiver.respond = () => ({ status: 200 });
    const second = await startServe(env);
    const ids = () => new Set(receiver.received.map((r) => String(r.headers['webhook-id'])));
    const until = Date.now() + 60_000;
    while (ids().size < N && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    // Rows the crash cut off after their request was answered are sent again once their lease (6 s) ends.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(await second.stop()).toBe(0);

    expect(ids().size).toBe(N);
    // Every request for one message carried the same id; duplicates are only those the crash cut off.
    const counts = new Map<string, number>();
    for (const r of receiver.received)
      counts.set(String(r.headers['webhook-id']), (counts.get(String(r.headers['webhook-id'])) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: N }, (_, i) => `msg_crash_${i}`).sort());
    expect(receiver.received.length - N).toBeLessThanOrEqual(beforeRestart);
    const rows = await withDb((db) =>
      sql<{ status: string; n: number }>`select status, count(*)::int as n from deliveries group by status`.execute(db),
    );
    expect(rows.rows).toEqual([{ status: 'delivered', n: N }]);
  }, 120_000);
});
