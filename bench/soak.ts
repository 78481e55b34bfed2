// `npm run bench:soak`: delivery under faults, for 10 minutes by default
// (SOAK_SECONDS=180 or --seconds 180 for a shorter run).
//
// Three `serve` replicas (SOAK_REPLICAS) on a PostgreSQL cluster of the
// bench's own (never the shared server) deliver a steady stream of
// messages, each to four loopback receivers: healthy (answers at once),
// slow (2 s), flapping (in every 12 s: 2 s of 500s, 1 s down — the
// connection dropped —, 4 s slow, the rest fine) and hanging (never answers:
// every request runs into the timeout). A petitions file is imported
// through the API every few seconds (SOAK_IMPORT_S), and a scheduled job
// ticks every 5 s on every replica. Meanwhile the database is restarted
// (pg_ctl -m fast) and one replica is killed with SIGKILL and started again.
//
// Reported in bench/results/soak.json: messages sent (committed to the
// outbox), distinct webhook-ids delivered per endpoint, duplicates (a
// second 2xx for one message and endpoint) and those beyond retries (the
// first 2xx outside a fault window: must be 0), lost (no 2xx and no retry
// pending: must be 0), the healthy endpoint's latency p50/p99 (outside
// fault windows: must be ≤ 2 s while the hanging endpoint hangs) and
// recovery times; each 5-second tick ran once (none missing outside the
// database restart), nothing stuck in the outbox (no lapsed claim, no
// counted endpoint's row left pending), /readyz went red on every replica
// during the database restart and back to ready by itself; imports done.

import { sql } from 'kysely';
import { connectPostgres } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { notifyDeliveries } from '../src/delivery/wake.ts';
import { endpointSealer } from '../src/delivery/worker.ts';
import { generateSecret } from '../src/delivery/channels/index.ts';
import { startPgCluster } from '../test/helpers/pg-cluster.ts';
import { BASE_ENV, startServe, type ServerProcess } from '../test/helpers/spawn.ts';
import { startReceiver, type Receiver } from '../test/helpers/receiver.ts';
import { writeResult } from './lib/results.ts';
import { readFileSync } from 'node:fs';
import { createUser } from '../src/users/users.ts';
import { createToken } from '../src/users/tokens.ts';
import { SYSTEM_ACTOR } from '../src/audit/audit.ts';

const arg = process.argv.indexOf('--seconds');
const SECONDS = Number(arg > 0 ? process.argv[arg + 1] : (process.env.SOAK_SECONDS ?? 600));
const RATE = Number(process.env.SOAK_RATE ?? 3); // messages per second
const REPLICAS = Number(process.env.SOAK_REPLICAS ?? 3);
const IMPORT_S = Number(process.env.SOAK_IMPORT_S ?? 5);
const TICK_S = 5; // session-cleanup's overridden schedule: every 5 s
const TIMEOUT_MS = 15_000; // the sender's request timeout (lease 30 s)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : null;
};

const t0 = Date.now();
const say = (msg: string) => process.stderr.write(`soak +${Math.round((Date.now() - t0) / 1000)}s: ${msg}\n`);
const cluster = await startPgCluster();
const url = cluster.url();
const h = await connectPostgres(url, { max: 4 });
await migrateToLatest(h.db);

const names = ['healthy', 'slow', 'flapping', 'hanging'] as const;
/**
 * The flapping receiver's 12-second cycle: 500s for 2 s, down (connection
 * dropped) for 1 s, slow (2.5 s) for the last 4 s. A failure is retried
 * after 5 s ±20 %, which lands outside both failing phases: every message
 * gets through within the run (a second failure would wait 5 minutes).
 */
const flap = (ms: number) =>
  ms < 2_000
    ? { status: 500 }
    : ms >= 3_000 && ms < 4_000
      ? { status: 0, drop: true }
      : ms >= 8_000
        ? { status: 200, delayMs: 2_500 }
        : { status: 200 };
type Name = (typeof names)[number];
const receivers = {} as Record<Name, Receiver>;
const answers = new Map<string, Array<{ at: number; status: number }>>(); // `${endpoint}|${id}` → answers
for (const n of names) {
  const r = await startReceiver();
  r.respond = (req) => {
    const id = String(req.headers['webhook-id']);
    const a: ReturnType<Receiver['respond']> =
      n === 'hanging'
        ? { status: 200, delayMs: 3_600_000 }
        : n === 'slow'
          ? { status: 200, delayMs: 2_000 }
          : n === 'flapping'
            ? flap((Date.now() - t0) % 12_000)
            : { status: 200 };
    if (n !== 'hanging') {
      const key = `${n}|${id}`;
      // Recorded when the answer is sent (the slow one's after its delay).
      if (!a.drop)
        setTimeout(
          () => answers.set(key, [...(answers.get(key) ?? []), { at: Date.now(), status: a.status }]),
          a.delayMs ?? 0,
        );
    }
    return a;
  };
  receivers[n] = r;
}
const endpointIds = {} as Record<Name, number>;
for (const n of names) {
  const row = await h.db
    .insertInto('webhook_endpoints')
    .values({
      url: `${receivers[n].url}/${n}`,
      kind: 'standard',
      secret_sealed: endpointSealer(BASE_ENV.QIANSHAO_SECRET_KEY).seal(generateSecret()),
      created_by: 'soak',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  endpointIds[n] = row.id;
}

// An importer's API token, and firms for its petitions to name.
await createUser(
  h.db,
  SYSTEM_ACTOR,
  { name: 'soak_importer', role: 'admin', district: null, streets: [], password: 'correct-horse-battery' },
  new Date(),
);
const { token } = await createToken(h.db, SYSTEM_ACTOR, 'soak_importer', new Date());

// LOG_LEVEL stays info: startServe waits for the "qianshao serving" line.
const env = {
  DATABASE_URL: url,
  QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8',
  QIANSHAO_SCHEDULE_OVERRIDES: JSON.stringify({ 'session-cleanup': `*/${TICK_S} * * * * *` }),
};
const replicas: ServerProcess[] = await Promise.all(Array.from({ length: REPLICAS }, () => startServe(env)));
say(`cluster, receivers and ${REPLICAS} replicas up; producing`);
const tProd = Date.now(); // the fault schedule counts from here (start-up time varies)

// The producer: one message a 1/RATE s, to all four endpoints, committed with a NOTIFY (as alerts are).
const sent = new Map<string, number>(); // message id → commit time
let producing = true;
const producer = (async () => {
  for (let i = 0; producing; i++) {
    const id = `msg_soak_${i}`;
    for (;;) {
      try {
        await h.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('deliveries')
            .values(
              names.map((n) => ({
                endpoint_id: endpointIds[n],
                message_id: id,
                event_type: 'alert.raised',
                created_at: new Date(),
                next_attempt_at: new Date(),
                event: JSON.stringify({
                  id,
                  type: 'alert.raised',
                  timestamp: new Date().toISOString(),
                  data: { n: i },
                }),
              })),
            )
            .execute();
          await notifyDeliveries(trx);
        });
        sent.set(id, Date.now());
        break;
      } catch {
        await sleep(100); // the database is restarting: the alert pipeline would retry too
      }
    }
    await sleep(1000 / RATE);
  }
})();

// The importer: a small petitions file every IMPORT_S seconds through the API, to the replicas in turn.
const importFailures: number[] = [];
const imports = { ok: 0, failed: 0, failedOutsideFaults: 0, rows: 0, statuses: {} as Record<string, number> };
const importer = (async () => {
  await fetch(`http://127.0.0.1:${replicas[0]!.port}/api/v1/imports/firms?source=soak-firms.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: readFileSync('test/fixtures/imports/firms.csv'),
  });
  for (let i = 0; producing; i++) {
    const at = Date.now();
    const body = `${Array.from({ length: 20 }, (_, k) =>
      JSON.stringify({
        record_id: `SOAK-${i}-${k}`,
        received: '2026-11-20',
        uscc: '91310115MA1FL0A199',
        category: 'wage_arrears',
        petitioners: 2,
        name: '张示例',
      }),
    ).join('\n')}\n`;
    const r = replicas[i % replicas.length]!;
    const status = await fetch(`http://127.0.0.1:${r.port}/api/v1/imports/petitions?source=soak-${i}.ndjson`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body,
    }).then(
      async (x) => {
        if (x.ok) imports.rows += ((await x.json()) as { accepted: number }).accepted;
        return String(x.status);
      },
      () => 'down',
    );
    imports.statuses[status] = (imports.statuses[status] ?? 0) + 1;
    if (status === '200') imports.ok++;
    else {
      imports.failed++;
      importFailures.push(at);
    }
    await sleep(Math.max(0, IMPORT_S * 1000 - (Date.now() - at)));
  }
})();

const readyz = (r: ServerProcess) =>
  fetch(`http://127.0.0.1:${r.port}/readyz`).then(
    async (x) => ((await x.json()) as { status: string }).status,
    () => 'down',
  );
const faults: Array<{ kind: string; from: number; to: number }> = [];
let killedRunner = '';
let readyzAroundRestart: Array<{ red: boolean; greenAfterRed: number | null; samples: number }> = [];
const recovery: Record<string, number | string | null> = {};

async function waitReady(r: ServerProcess[], since: number): Promise<number | null> {
  for (let i = 0; i < 600; i++) {
    if ((await Promise.all(r.map(readyz))).every((s) => s === 'ready')) return Date.now() - since;
    await sleep(100);
  }
  return null;
}

await sleep(SECONDS * 300); // 30 %: restart the database
{
  const from = Date.now();
  say('restarting the database');
  // Every replica's /readyz, each sampled on its own every 25 ms: it must go red (503 or no answer) and come back by itself.
  const seen = replicas.map(() => ({ red: false, greenAfterRed: null as number | null, samples: 0 }));
  let watching = true;
  const watch = Promise.all(
    replicas.map(async (r, k) => {
      while (watching) {
        const st = await readyz(r);
        seen[k]!.samples++;
        if (st !== 'ready' && st !== 'degraded') seen[k]!.red = true;
        else if (seen[k]!.red && seen[k]!.greenAfterRed === null) seen[k]!.greenAfterRed = Date.now() - from;
        await sleep(25);
      }
    }),
  );
  await cluster.restart();
  const back = Date.now();
  recovery.dbRestartMs = back - from;
  recovery.dbRestartToReadyMs = await waitReady(replicas, from);
  await sleep(500);
  watching = false;
  await watch;
  readyzAroundRestart = seen;
  // First healthy answer for a message committed after the database came back.
  const firstAfter = async () => {
    for (let i = 0; i < 600; i++) {
      const ids = [...sent].filter(([, at]) => at >= back).map(([id]) => id);
      const got = ids.map((id) => answers.get(`healthy|${id}`)?.[0]?.at).filter((x): x is number => x !== undefined);
      if (got.length) return Math.min(...got) - from;
      await sleep(100);
    }
    return null;
  };
  recovery.dbRestartToDeliveryMs = await firstAfter();
  faults.push({ kind: 'db-restart', from, to: back });
  say(`database back: ${JSON.stringify(recovery)}`);
}

await sleep(Math.max(0, SECONDS * 600 - (Date.now() - tProd))); // 60 %: kill a replica
{
  const from = Date.now();
  say('kill -9 one replica');
  const victim = replicas.shift()!;
  killedRunner = `:${victim.child.pid}`;
  victim.child.kill('SIGKILL');
  await new Promise((r) => victim.child.once('close', r));
  const survivorReady = await readyz(replicas[0]!);
  await sleep(5_000);
  replicas.push(await startServe(env));
  recovery.replicaRestartToReadyMs = await waitReady(replicas, from);
  recovery.survivorStatusAtKill = survivorReady;
  // The killed replica's rows come back once their lease (30 s) ends.
  faults.push({ kind: 'replica-kill', from, to: from + 30_000 + TIMEOUT_MS });
}

await sleep(Math.max(0, SECONDS * 1000 - (Date.now() - tProd)));
producing = false;
await producer;
await importer;
const tEnd = Date.now();

// Drain: every message reaches the healthy, slow and flapping endpoints.
const counted: Name[] = ['healthy', 'slow', 'flapping'];
const ok2xx = (n: Name, id: string) => (answers.get(`${n}|${id}`) ?? []).filter((a) => a.status < 300);
say(`stopped producing (${sent.size} messages); draining`);
const drainFrom = Date.now();
while (
  Date.now() - drainFrom < 120_000 &&
  counted.some((n) => [...sent.keys()].some((id) => ok2xx(n, id).length === 0))
)
  await sleep(500);
await sleep(3_000);

const rows = await sql<{ endpoint_id: number; message_id: string; status: string; attempts: number }>`
  select endpoint_id, message_id, status, attempts from deliveries`.execute(h.db);
const rowOf = new Map(rows.rows.map((r) => [`${r.endpoint_id}|${r.message_id}`, r]));
const inFault = (at: number) => faults.some((f) => at >= f.from - TIMEOUT_MS && at <= f.to + 1_000);

// Each tick once: session-cleanup every TICK_S s; a missing tick is excused only around the database restart.
const runs = await sql<{ tick: Date; n: number; statuses: string[] }>`
  select tick, count(*)::int as n, array_agg(status) as statuses from job_runs where job = 'session-cleanup' group by tick order by tick`.execute(
  h.db,
);
const dbFault = faults.find((f) => f.kind === 'db-restart');
const tickSet = new Set(runs.rows.map((r) => new Date(r.tick).getTime()));
const firstTick = Math.ceil((tProd + 10_000) / (TICK_S * 1000)) * TICK_S * 1000;
let expectedTicks = 0;
let missingTicks = 0;
let missingOutsideFaults = 0;
for (let at = firstTick; at <= tEnd - TICK_S * 1000; at += TICK_S * 1000) {
  expectedTicks++;
  if (tickSet.has(at)) continue;
  missingTicks++;
  const excused =
    dbFault && at >= dbFault.from - 2_000 && at <= dbFault.from + Number(recovery.dbRestartToReadyMs ?? 0) + 2_000;
  if (!excused) missingOutsideFaults++;
}
const ticks = {
  everySeconds: TICK_S,
  expected: expectedTicks,
  recordedInWindow: expectedTicks - missingTicks,
  recordedInAll: runs.rows.length,
  missing: missingTicks,
  missingOutsideFaults,
  ranTwice: runs.rows.filter((r) => r.n > 1).length,
  failed: runs.rows.filter((r) => r.statuses.includes('failed')).length,
  stillRunning: runs.rows.filter((r) => r.statuses.includes('running')).length,
};

// Nothing stuck: no claim whose lease lapsed (45 s: lease + poll), and no
// row of an answering endpoint due over a minute ago and not taken. The
// hanging endpoint's due rows are a backlog (8 requests of 15 s at a time
// cannot keep up with 3 messages a second), reported apart.
const stuckRows = await sql<{ endpoint_id: number; status: string; n: number }>`
  select endpoint_id, status, count(*)::int as n from deliveries
  where (status = 'sending' and locked_until < now() - interval '45 seconds')
     or (status = 'pending' and next_attempt_at < now() - interval '60 seconds' and endpoint_id = any(${counted.map((n) => endpointIds[n])}::int[]))
  group by endpoint_id, status`.execute(h.db);
const backlog = await sql<{ n: number }>`
  select count(*)::int as n from deliveries where status = 'pending' and next_attempt_at < now() and endpoint_id = ${endpointIds.hanging}`.execute(
  h.db,
);
const outbox = {
  stuck: stuckRows.rows.reduce((a, r) => a + r.n, 0),
  byEndpoint: stuckRows.rows,
  hangingEndpointDueBacklog: backlog.rows[0]?.n ?? 0,
};

const perEndpoint: Record<string, unknown> = {};
let lost = 0;
let duplicatesBeyondRetries = 0;
for (const n of counted) {
  let delivered = 0;
  let dup = 0;
  let dupBeyond = 0;
  let pending = 0;
  let missing = 0;
  for (const id of sent.keys()) {
    const ok = ok2xx(n, id);
    if (ok.length > 0) delivered++;
    if (ok.length > 1) {
      dup++;
      if (!inFault(ok[0]!.at)) dupBeyond++;
    }
    if (ok.length === 0) {
      const row = rowOf.get(`${endpointIds[n]}|${id}`);
      if (row && (row.status === 'pending' || row.status === 'sending')) pending++;
      else missing++;
    }
  }
  lost += missing;
  duplicatesBeyondRetries += dupBeyond;
  perEndpoint[n] = {
    distinctDelivered: delivered,
    duplicates: dup,
    duplicatesBeyondRetries: dupBeyond,
    retryPending: pending,
    lost: missing,
  };
}
const hangRows = rows.rows.filter((r) => r.endpoint_id === endpointIds.hanging);
perEndpoint.hanging = {
  requests: receivers.hanging.received.length,
  rows: Object.fromEntries(
    ['pending', 'sending', 'delivered', 'dead'].map((s) => [s, hangRows.filter((r) => r.status === s).length]),
  ),
  maxAttempts: Math.max(0, ...hangRows.map((r) => r.attempts)),
};

const lat = [...sent]
  .map(([id, at]) => ({ at, first: ok2xx('healthy', id)[0]?.at }))
  .filter((x) => x.first !== undefined)
  .map((x) => ({ at: x.at, ms: x.first! - x.at }));
const calm = lat.filter((x) => !inFault(x.at)).map((x) => x.ms);
const all = lat.map((x) => x.ms);
const result = {
  seconds: SECONDS,
  rate: RATE,
  messagesSent: sent.size,
  distinctWebhookIdsDelivered: new Set(counted.flatMap((n) => [...sent.keys()].filter((id) => ok2xx(n, id).length > 0)))
    .size,
  lost,
  duplicatesBeyondRetries,
  perEndpoint,
  healthyLatencyMs: {
    p50: pct(calm, 50),
    p99: pct(calm, 99),
    max: pct(calm, 100),
    p99IncludingFaultWindows: pct(all, 99),
    maxIncludingFaultWindows: pct(all, 100),
  },
  recovery,
  readyzAroundRestart,
  ticks,
  outbox,
  imports: {
    ...imports,
    failedOutsideFaults: importFailures.filter((at) => !inFault(at)).length,
    everySeconds: IMPORT_S,
  },
  replicas: REPLICAS,
  killedRunner,
  faults: faults.map((f) => ({ kind: f.kind, atS: Math.round((f.from - tProd) / 1000) })),
  ok:
    lost === 0 &&
    duplicatesBeyondRetries === 0 &&
    (pct(calm, 99) ?? Infinity) <= 2_000 &&
    ticks.missingOutsideFaults === 0 &&
    ticks.ranTwice === 0 &&
    ticks.stillRunning === 0 &&
    outbox.stuck === 0 &&
    readyzAroundRestart.length > 0 &&
    readyzAroundRestart.every((x) => x.red && x.greenAfterRed !== null) &&
    imports.ok > 0 &&
    importFailures.filter((at) => !inFault(at)).length === 0,
};

await Promise.all(replicas.map((r) => r.stop()));
for (const n of names) await receivers[n].close();
await h.close();
await cluster.destroy();
writeResult('soak', result);
process.exit(result.ok ? 0 : 1);
