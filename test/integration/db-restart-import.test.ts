import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connectPostgres, type DbHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { startPgCluster, type PgCluster } from '../helpers/pg-cluster.ts';
import { runCli, startServe, type ServerProcess } from '../helpers/spawn.ts';
import { userWithToken } from '../helpers/app.ts';
import { seedFirms } from '../helpers/ingest.ts';

// A PostgreSQL stop and start in the middle of an import (a database of
// the test's own, whatever DATABASE_URL says). The server stays up, the
// import fails with one clear error, its `imports` row says failed with the
// reason, and the server answers again once the database is back. The CLI
// fails the same way with one line on stderr.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let cluster: PgCluster;
let h: DbHandle;
let server: ServerProcess;
let headers: Record<string, string>;
const work = mkdtempSync(join(tmpdir(), 'qianshao-restart-'));

/** Endless inspection rows (the test ends the stream when it has seen enough). */
function* rows(prefix: string): Generator<string> {
  yield 'record_id,firm,date,violations,workers\n';
  for (let i = 0; ; i++)
    yield `${prefix}-${i},快兔晨光路站,2026-11-${String(1 + (i % 28)).padStart(2, '0')},wage_arrears,${1 + (i % 9)}\n`;
}

/** Rows in chunks of 500 until `stop` says so, at most 10,000 a second. */
async function* chunks(gen: Generator<string>, stop: () => boolean): AsyncGenerator<string> {
  while (!stop()) {
    let chunk = '';
    for (let i = 0; i < 500; i++) chunk += gen.next().value;
    yield chunk;
    await sleep(50);
  }
}

/** The parts of a body at most 10,000 rows a second, until `stop` says so. */
async function* throttled(parts: string[], stop: () => boolean): AsyncGenerator<string> {
  for (const p of parts) {
    if (stop()) return;
    yield p;
    await sleep(50);
  }
}

/** Rows stored by imports whose source is `source` (a new connection each time: the database comes and goes). */
async function storedRows(source: string): Promise<number> {
  try {
    const r = await sql<{ n: number }>`select count(*)::int as n from inspections where source = ${source}`.execute(
      h.db,
    );
    return r.rows[0]!.n;
  } catch {
    return -1;
  }
}

/** Stops the database for a moment once the import has stored `after` rows, then starts it again. */
async function outageDuring(source: string, after: number, onStop: () => void = () => {}): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await storedRows(source)) < after && Date.now() < deadline) await sleep(100);
  expect(await storedRows(source)).toBeGreaterThanOrEqual(after);
  onStop();
  await cluster.stop();
  await sleep(1_500);
  await cluster.start();
}

async function importRow(source: string) {
  for (let i = 0; i < 50; i++) {
    try {
      return await h.db
        .selectFrom('imports')
        .select(['status', 'error'])
        .where('source', '=', source)
        .executeTakeFirst();
    } catch {
      await sleep(200);
    }
  }
  throw new Error('database did not come back');
}

beforeAll(async () => {
  cluster = await startPgCluster();
  h = await connectPostgres(cluster.url(), { max: 2 });
  await migrateToLatest(h.db);
  await seedFirms(h);
  headers = (await userWithToken(h.db, 'admin')).headers;
  server = await startServe({ DATABASE_URL: cluster.url(), QIANSHAO_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await h?.close();
  await cluster?.destroy();
  rmSync(work, { recursive: true, force: true });
});

describe('a database restart during an import', () => {
  it('over HTTP: the server survives, answers 503 with a clear reason, marks the import failed and serves again', async () => {
    const source = 'restart-http.csv';
    // A sized body, as curl --data-binary sends a file.
    const gen = rows('H');
    const parts: string[] = [];
    for (let i = 0; i < 600; i++) parts.push([...Array(500)].map(() => gen.next().value).join(''));
    const total = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
    let ended = false;
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: `/api/v1/imports/inspections?source=${source}`,
          headers: { ...headers, 'content-type': 'text/csv', 'content-length': String(total) },
        },
        (res) => {
          ended = true;
          let body = '';
          res.on('data', (b) => (body += b));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // Feeds rows as fast as the server takes them (pipe keeps to backpressure), until it answers.
      Readable.from(throttled(parts, () => ended)).pipe(req);
    });
    // An answer before the outage began would be a failure of the test's own
    // making: show it. One during the outage is the point (the server answers
    // as soon as it loses the database, before the database is back).
    let stopping = false;
    const outage = outageDuring(source, 4_000, () => {
      stopping = true;
    });
    const first = await Promise.race([answer.then((a) => ({ ...a, stopping })), outage.then(() => null)]);
    if (first) expect(first).toMatchObject({ stopping: true });
    await outage;
    const r = await answer;
    expect(server.child.exitCode).toBeNull();
    expect(r.status).toBe(503);
    const body = JSON.parse(r.body);
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/database connection was lost .*re-run the same file/);

    const row = await importRow(source);
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/database connection was lost/);

    // Ready and serving again once the database is back.
    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      ready = (await fetch(`http://127.0.0.1:${server.port}/readyz`)).status;
      if (ready !== 200) await sleep(100);
    }
    expect(ready).toBe(200);
    const list = await fetch(`http://127.0.0.1:${server.port}/api/v1/imports`, { headers });
    expect(list.status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  }, 120_000);

  it('from the CLI: exits 1 with one line on stderr and no stack trace; the import is marked failed', async () => {
    const source = 'restart-cli.csv';
    const fifo = join(work, source);
    execFileSync('mkfifo', [fifo]);
    const cli = runCli(['import', 'inspections', fifo, '--source', source], { DATABASE_URL: cluster.url() });
    const out = createWriteStream(fifo);
    out.on('error', () => {}); // the reader goes away when the import fails
    let done = false;
    void cli.then(() => {
      done = true;
      out.destroy();
    });
    Readable.from(chunks(rows('C'), () => done)).pipe(out);
    await outageDuring(source, 4_000);
    const r = await cli;
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^qianshao import: import stopped: the database connection was lost/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const row = await importRow(source);
    expect(row?.status).toBe('failed');
  }, 120_000);
});
