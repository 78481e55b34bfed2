import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connectPostgres, type DbHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { endpointSealer } from '../../src/delivery/worker.ts';
import { generateSecret } from '../../src/delivery/channels/index.ts';
import { notifyDeliveries } from '../../src/delivery/wake.ts';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster.ts';
import { BASE_ENV, startServe, type ServerProcess } from '../helpers/spawn.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';

// A replica learns of other replicas' deliveries by LISTEN. When that
// connection is cut (a database restart, a terminated backend) it listens
// again, with backoff, and readyz says "degraded" until it does (on a
// PostgreSQL cluster of the test's own, whatever DATABASE_URL says).

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let cluster: PgCluster;
let h: DbHandle;
let server: ServerProcess;
let receiver: Receiver;

async function listeners(): Promise<Array<{ pid: number }>> {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await sql<{
        pid: number;
      }>`select pid from pg_stat_activity where query ilike 'listen %' and pid <> pg_backend_pid()`.execute(h.db);
      return r.rows;
    } catch {
      await sleep(100); // the database is still coming back
    }
  }
  throw new Error('database did not come back');
}

async function waitForListeners(n: number, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let seen = (await listeners()).length;
  while (seen !== n && Date.now() < until) {
    await sleep(100);
    seen = (await listeners()).length;
  }
  return seen;
}

const readyz = async () => {
  const r = await fetch(`http://127.0.0.1:${server.port}/readyz`);
  return { code: r.status, body: (await r.json()) as { status: string; degraded: string[] } };
};

beforeAll(async () => {
  cluster = await startPgCluster();
  h = await connectPostgres(cluster.url(), { max: 2 });
  await migrateToLatest(h.db);
  receiver = await startReceiver();
  server = await startServe({ DATABASE_URL: cluster.url(), QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  await h?.close();
  await cluster?.destroy();
});

describe('the delivery LISTEN connection', () => {
  it('is re-established after its backend is killed, readyz saying degraded meanwhile', async () => {
    expect(await waitForListeners(1, 15_000)).toBe(1);
    expect((await readyz()).body.status).toBe('ready');
    const [{ pid }] = (await listeners()) as [{ pid: number }];
    await sql`select pg_terminate_backend(${pid})`.execute(h.db);
    const seen: string[] = [];
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      const r = await readyz();
      if (seen.at(-1) !== r.body.status) seen.push(r.body.status);
      if (r.body.status === 'degraded') {
        expect(r.code).toBe(200); // still serving: it polls meanwhile
        expect(r.body.degraded.join()).toMatch(/delivery-listen/);
      }
      if (seen.includes('degraded') && r.body.status === 'ready') break;
      await sleep(10);
    }
    expect(seen).toEqual(['degraded', 'ready']);
    expect(await waitForListeners(1, 5_000)).toBe(1);
  }, 60_000);

  it('is re-established after a database restart, and then hears other replicas at once', async () => {
    await cluster.restart();
    let status = '';
    for (let i = 0; i < 300 && status !== 'ready'; i++) {
      status = await readyz().then(
        (r) => r.body.status,
        () => 'down',
      );
      if (status !== 'ready') await sleep(50);
    }
    expect(status).toBe('ready');
    expect(await waitForListeners(1, 5_000)).toBe(1);
    expect(server.child.exitCode).toBeNull();

    // Another replica commits a delivery and notifies: sent well before the 5 s poll.
    const ep = await h.db
      .insertInto('webhook_endpoints')
      .values({
        url: `${receiver.url}/hook`,
        kind: 'standard',
        secret_sealed: endpointSealer(BASE_ENV.QIANSHAO_SECRET_KEY).seal(generateSecret()),
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sleep(6_000); // let the server's poll that follows the restart pass, so only a NOTIFY can explain a quick send
    const committed = Date.now();
    await h.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('deliveries')
        .values({
          endpoint_id: ep.id,
          message_id: 'msg_listen_1',
          event_type: 'alert.raised',
          created_at: new Date(),
          next_attempt_at: new Date(),
          event: JSON.stringify({
            id: 'msg_listen_1',
            type: 'alert.raised',
            timestamp: new Date().toISOString(),
            data: {},
          }),
        })
        .execute();
      await notifyDeliveries(trx);
    });
    while (receiver.received.length === 0 && Date.now() - committed < 10_000) await sleep(20);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.at - committed).toBeLessThan(1_000);
  }, 90_000);
});
