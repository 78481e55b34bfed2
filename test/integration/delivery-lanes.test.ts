import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDb, type TestDb } from '../helpers/db.ts';
import { silentLog } from '../helpers/app.ts';
import { startReceiver, type Receiver } from '../helpers/receiver.ts';
import { TEST_SECRET } from '../helpers/ingest.ts';
import { endpointSealer } from '../../src/delivery/worker.ts';
import { startDeliveryRunner, type DeliveryRunner } from '../../src/delivery/runner.ts';
import { generateSecret } from '../../src/delivery/channels/index.ts';
import { wakeDeliveries } from '../../src/delivery/wake.ts';

// Without any fault, nothing is sent twice: a row is settled the moment its
// answer arrives and its lease covers one request, so a second worker never
// takes a row whose request is still in flight. And endpoints do not share
// fate: one that hangs fills only its own lane.

const db = useTestDb();
let t: TestDb;
const receivers: Receiver[] = [];
const runners: DeliveryRunner[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
beforeAll(async () => {
  for (let i = 0; i < 3; i++) receivers.push(await startReceiver());
});
afterAll(async () => {
  for (const r of receivers) await r.close();
});
beforeEach(() => {
  t = db();
  for (const r of receivers) {
    r.received.length = 0;
    r.respond = () => ({ status: 200 });
  }
});

const deps = () => ({
  db: t.db,
  log: silentLog,
  secretKey: TEST_SECRET,
  allowPrivateNetworks: ['127.0.0.0/8'],
  publicUrl: 'x',
  random: () => 0.5,
});
const runner = (opts: Parameters<typeof startDeliveryRunner>[1]) => {
  const r = startDeliveryRunner(deps(), opts);
  runners.push(r);
  return r;
};
async function stopRunners() {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
}

async function endpoint(r: Receiver): Promise<number> {
  const row = await t.db
    .insertInto('webhook_endpoints')
    .values({
      url: `${r.url}/hook`,
      kind: 'standard',
      secret_sealed: endpointSealer(TEST_SECRET).seal(generateSecret()),
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function enqueue(endpointId: number, ids: string[]): Promise<void> {
  await t.db
    .insertInto('deliveries')
    .values(
      ids.map((id) => ({
        endpoint_id: endpointId,
        message_id: id,
        event_type: 'alert.raised',
        created_at: new Date(),
        next_attempt_at: new Date(),
        event: JSON.stringify({ id, type: 'alert.raised', timestamp: new Date().toISOString(), data: {} }),
      })),
    )
    .execute();
  wakeDeliveries();
}

const idsOf = (r: Receiver) => r.received.map((x) => String(x.headers['webhook-id']));

describe('delivery lanes and leases', () => {
  it('a receiver slower than the lease is not at risk: two workers, no message sent twice, no attempt beyond the first', async () => {
    const ep = await endpoint(receivers[0]!);
    const slow = receivers[0]!;
    slow.respond = () => ({ status: 200, delayMs: 1_000 });
    const ids = Array.from({ length: 150 }, (_, i) => `msg_slow_${i}`);
    await enqueue(ep, ids);
    // Lease 8 s, requests up to 4 s: a pass of 150 rows over 16 lanes would take ~10 s.
    runner({ leaseMs: 8_000, timeoutMs: 4_000, pollMs: 200 });
    runner({ leaseMs: 8_000, timeoutMs: 4_000, pollMs: 200 });
    const deadline = Date.now() + 60_000;
    while (new Set(idsOf(slow)).size < ids.length && Date.now() < deadline) await sleep(100);
    await sleep(9_000); // long enough for any lapsed lease to be taken again
    await stopRunners();
    const rows = await t.db.selectFrom('deliveries').select(['status', 'attempts', 'last_error']).execute();
    expect(rows.filter((r) => r.status !== 'delivered' || r.attempts !== 1 || r.last_error !== null)).toEqual([]);
    expect(new Set(idsOf(slow)).size).toBe(ids.length);
    expect(idsOf(slow)).toHaveLength(ids.length);
  }, 90_000);

  it('one hanging endpoint slows only itself: the healthy one stays fast, retries keep their schedule', async () => {
    const [hangR, okR, flakyR] = receivers as [Receiver, Receiver, Receiver];
    hangR.respond = () => ({ status: 200, delayMs: 600_000 });
    let flakyCalls = 0;
    flakyR.respond = () => ({ status: ++flakyCalls === 1 ? 500 : 200 });
    const [hang, ok, flaky] = [await endpoint(hangR), await endpoint(okR), await endpoint(flakyR)];
    await enqueue(
      hang,
      Array.from({ length: 30 }, (_, i) => `msg_hang_${i}`),
    );
    await enqueue(flaky, ['msg_flaky']);
    runner({ leaseMs: 10_000, timeoutMs: 5_000 });
    // A healthy message every 250 ms while the hanging endpoint's requests time out.
    const sentAt = new Map<string, number>();
    for (let i = 0; i < 32; i++) {
      const id = `msg_ok_${i}`;
      sentAt.set(id, Date.now());
      await enqueue(ok, [id]);
      await sleep(250);
    }
    await sleep(1_000);
    await stopRunners();
    // Every healthy message arrived well within the hanging requests' 5 s timeout (a shared pass would hold them that long).
    expect(new Set(idsOf(okR))).toEqual(new Set(sentAt.keys()));
    const latencies = okR.received.map((x) => x.at - sentAt.get(String(x.headers['webhook-id']))!);
    expect(Math.max(...latencies)).toBeLessThan(2_500);
    // The failed first try is retried after 5 s (the schedule, jitter pinned), not when a pass happens to end.
    expect(flakyR.received).toHaveLength(2);
    const gap = flakyR.received[1]!.at - flakyR.received[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(4_900);
    expect(gap).toBeLessThan(7_000);
    // The hanging endpoint timed out (5 s) and was retried by its schedule: never more attempts than that.
    const hung = await t.db
      .selectFrom('deliveries')
      .select(['attempts', 'status'])
      .where('endpoint_id', '=', hang)
      .execute();
    expect(hung.every((r) => r.attempts <= 2)).toBe(true);
    expect(hangR.received.length).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
