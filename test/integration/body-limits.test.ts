import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openChildDb, useTestDb, type TestDb } from '../helpers/db.ts';
import { testApp, userWithToken } from '../helpers/app.ts';
import { seedFirms } from '../helpers/ingest.ts';
import { startServe, type ServerProcess } from '../helpers/spawn.ts';

// Bodies are read only after the caller is known and allowed, counted as
// they stream, and never buffered whole (issue 13, item 2).

const db = useTestDb(seedFirms);
let t: TestDb;
beforeEach(() => {
  t = db();
});

const CHUNK = 64 * 1024;

/** A chunked body of `total` bytes of CSV that records how much of it was pulled. */
function meteredBody(total: number) {
  // Rows with a bad date: quarantined in batches, so a test measures the limit, not the import.
  const line = new TextEncoder().encode(`${'I-1,快兔晨光路站,not-a-date,wage_arrears'.padEnd(63, ' ')}\n`);
  const chunk = new Uint8Array(CHUNK);
  for (let i = 0; i < CHUNK; i += line.length) chunk.set(line.subarray(0, Math.min(line.length, CHUNK - i)), i);
  const meter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        c.enqueue(new TextEncoder().encode('record_id,firm,date,violations\n'));
      },
      pull(c) {
        if (meter.pulled >= total) return c.close();
        meter.pulled += CHUNK;
        c.enqueue(chunk.slice());
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, meter };
}

const upload = (app: ReturnType<typeof testApp>, headers: Record<string, string>, body: ReadableStream) =>
  app.request('/api/v1/imports/inspections', {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body,
    duplex: 'half',
  } as RequestInit);

describe('request bodies in process', () => {
  it('an anonymous chunked upload is refused with 401 before any of it is read', async () => {
    const { stream, meter } = meteredBody(50 * 1024 * 1024);
    const r = await upload(testApp(t.db), {}, stream);
    expect(r.status).toBe(401);
    expect(((await r.json()) as any).error.code).toBe('unauthorized');
    expect(meter.pulled).toBeLessThanOrEqual(CHUNK);
    expect(await t.db.selectFrom('imports').select('id').where('kind', '=', 'inspections').execute()).toEqual([]);
  });

  it('a caller without imports:write is refused with 403 before the body is read', async () => {
    const manager = await userWithToken(t.db, 'manager', { district: '示范区' });
    const { stream, meter } = meteredBody(50 * 1024 * 1024);
    const r = await upload(testApp(t.db), manager.headers, stream);
    expect(r.status).toBe(403);
    expect(meter.pulled).toBeLessThanOrEqual(CHUNK);
  });

  it('an authenticated chunked upload over the limit stops at the limit with 413, streamed not buffered', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db, { env: { QIANSHAO_BODY_LIMIT_MB: '1' } });
    const { stream, meter } = meteredBody(40 * 1024 * 1024);
    const r = await upload(app, headers, stream);
    expect(r.status).toBe(413);
    expect(((await r.json()) as any).error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('1048576'),
    });
    // Read up to the limit plus what the pipe holds, not the 40 MB.
    expect(meter.pulled).toBeLessThan(2 * 1024 * 1024);
    expect(
      (await t.db.selectFrom('imports').select('status').where('kind', '=', 'inspections').execute()).map(
        (i) => i.status,
      ),
    ).toEqual(['failed']);
  });

  it('a declared Content-Length over the limit is refused with 413 without reading, and a body that lies about it is counted', async () => {
    const { headers } = await userWithToken(t.db, 'inspector', { district: '示范区' });
    const app = testApp(t.db, { env: { QIANSHAO_BODY_LIMIT_MB: '1' } });
    const { stream, meter } = meteredBody(40 * 1024 * 1024);
    const r = await upload(app, { ...headers, 'content-length': String(3 * 1024 * 1024) }, stream);
    expect(r.status).toBe(413);
    expect(meter.pulled).toBeLessThanOrEqual(CHUNK);
    const small = `record_id,firm,date\n${'I-1,快兔,2026-11-03\n'.repeat(100_000)}`;
    const lying = await app.request('/api/v1/imports/inspections', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv', 'content-length': '10' },
      body: small,
    });
    expect(lying.status).toBe(413);
  });

  it('JSON routes keep their 1 MB limit for chunked bodies too, and an anonymous JSON body is refused first', async () => {
    const admin = await userWithToken(t.db, 'admin');
    const big = () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"name":"'));
          for (let i = 0; i < 40; i++) c.enqueue(new Uint8Array(CHUNK).fill(0x61));
          c.enqueue(new TextEncoder().encode('"}'));
          c.close();
        },
      });
    const post = (headers: Record<string, string>) =>
      testApp(t.db).request('/api/v1/users', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: big(),
        duplex: 'half',
      } as RequestInit);
    expect((await post(admin.headers)).status).toBe(413);
    expect((await post({})).status).toBe(401);
  });
});

describe('request bodies against a running server', () => {
  let server: ServerProcess | undefined;
  let child: Awaited<ReturnType<typeof openChildDb>> | undefined;
  afterAll(async () => {
    await server?.stop();
    await child?.db?.close();
  });

  const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

  /** Sends `total` bytes chunked without credentials; resolves with the status and how much was written before the server stopped it. */
  function anonymousUpload(
    port: number,
    total: number,
  ): Promise<{ status: number | null; written: number; cut: boolean }> {
    return new Promise((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/imports/inspections',
        headers: { 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
        agent: false,
      });
      const chunk = Buffer.alloc(CHUNK, 0x61);
      let written = 0;
      let status: number | null = null;
      let stopped = false;
      let cut = false;
      const finish = () => {
        if (!stopped) {
          stopped = true;
          resolve({ status, written, cut });
        }
      };
      req.on('response', (res) => {
        status = res.statusCode ?? null;
        res.resume();
        res.on('end', () => setTimeout(finish, 200));
      });
      // The server closes the connection on an upload it refused; a client
      // still writing may see that (EPIPE/ECONNRESET) before the 401 it was sent.
      req.on('error', () => {
        cut = true;
        finish();
      });
      req.on('close', () => setTimeout(finish, 200));
      const pump = () => {
        while (!stopped && written < total) {
          written += CHUNK;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (written >= total) req.end();
      };
      pump();
    });
  }

  it('an unauthenticated 200 MB chunked upload gets 401 and the server RSS grows by less than 20 MB', async () => {
    child = await openChildDb();
    server = await startServe(child.env, ['--no-scheduler']);
    const pid = server.child.pid!;
    // Warm the route (module loading, JIT) before taking the baseline.
    for (let i = 0; i < 3; i++) await anonymousUpload(server.port, 4 * CHUNK);
    const before = rssKb(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssKb(pid));
    }, 25);
    const result = await anonymousUpload(server.port, 200 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(sampler);
    peak = Math.max(peak, rssKb(pid));
    expect(result.status === 401 || result.cut).toBe(true);
    // The server closed the connection instead of swallowing the upload.
    expect(result.written).toBeLessThan(100 * 1024 * 1024);
    expect(peak - before).toBeLessThan(20 * 1024);
  }, 120_000);
});
