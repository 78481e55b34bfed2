// The harness of the credit-list scenario tests: a receiver for the pushed
// webhooks, a clock the test moves (noon in Shanghai on a date), the API on
// that clock, the delivery sender, and the common start: an admin registers
// a Standard Webhooks endpoint for the credit events, an inspector and an
// approver of 示范区 refresh the candidates.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { TestDb } from '../../helpers/db.ts';
import { silentLog, testApp, userWithToken } from '../../helpers/app.ts';
import { startReceiver, type Receiver } from '../../helpers/receiver.ts';
import { TEST_SECRET } from '../../helpers/ingest.ts';
import { createDeliverySender } from '../../../src/delivery/worker.ts';

export const LOOPBACK = { QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' };

export interface CreditHarness {
  /** This test's database and the receiver (set before each test). */
  t: TestDb;
  rx: Receiver;
  clock: Date;
}

export function creditHarness(db: () => TestDb, start: Date) {
  const h = { clock: start } as CreditHarness;
  beforeAll(async () => {
    h.rx = await startReceiver();
  });
  afterAll(async () => {
    await h.rx.close();
  });
  beforeEach(() => {
    h.t = db();
    h.rx.received.length = 0;
    h.rx.respond = () => ({ status: 200, body: '{}' });
  });
  /** Noon in Shanghai on the date. */
  const on = (d: string) => {
    h.clock = new Date(`${d}T04:00:00Z`);
  };
  const app = () => testApp(h.t.db, { env: LOOPBACK, clock: () => h.clock });
  const sender = () =>
    createDeliverySender({
      db: h.t.db,
      log: silentLog,
      secretKey: TEST_SECRET,
      allowPrivateNetworks: ['127.0.0.0/8'],
      publicUrl: 'http://console.test',
      random: () => 0.5,
    });
  async function call(headers: Record<string, string>, method: string, path: string, body?: unknown) {
    const res = await app().request(`/api/v1${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }
  async function setup() {
    on('2026-02-02');
    const admin = await userWithToken(h.t.db, 'admin');
    const hook = await call(admin.headers, 'POST', '/webhooks', {
      url: `${h.rx.url}/credit`,
      kind: 'standard',
      events: ['credit.proposed', 'credit.listed', 'credit.removed'],
    });
    const inspector = await userWithToken(h.t.db, 'inspector', { district: '示范区' });
    const approver = await userWithToken(h.t.db, 'approver', { district: '示范区' });
    const cands = (await call(inspector.headers, 'GET', '/credit/candidates?refresh=true')).body as any[];
    const candOf = (name: string) => cands.find((x) => x.firm.name === name);
    return { admin, inspector, approver, secret: hook.body.secret as string, candOf };
  }
  return { h, on, app, sender, call, setup };
}
