import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Stands in for DNS, so that names can "resolve" to chosen addresses; every
// other name is handed to the real resolver.
const fakeDns = vi.hoisted(() => new Map<string, string[]>());
const lookups = vi.hoisted(() => [] as string[]);
vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns/promises')>();
  const lookup = async (host: string, opts: any) => {
    lookups.push(host);
    const fake = fakeDns.get(host);
    if (fake) return fake.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    return real.lookup(host, opts);
  };
  return { ...real, lookup, default: { ...real, lookup } };
});

const { safeFetch, FetchFailed, FetchRefused } = await import('../../src/net/safe-fetch.ts');

const seen: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];

function serve(
  handle: (path: string, res: import('node:http').ServerResponse) => void,
): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      handle(req.url ?? '', res);
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      r({ server, url: `http://127.0.0.1:${port}`, port });
    }),
  );
}

let a: Awaited<ReturnType<typeof serve>>;
let b: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  a = await serve((path, res) => {
    const to = /^\/to\?(.*)$/.exec(path);
    if (to) return res.writeHead(302, { location: decodeURIComponent(to[1]!) }).end();
    if (path === '/chunked-big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 8; i++) res.write('y'.repeat(1024));
      return res.end();
    }
    if (path === '/announced-big') return res.writeHead(200, { 'content-length': '999999' }).end();
    if (path === '/exact') return res.writeHead(200).end('z'.repeat(4096));
    if (path === '/bomb')
      return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(1_000_000)));
    if (path === '/gzip') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('压缩的正文'));
    if (path === '/stall') return res.writeHead(200).write('partial');
    if (path === '/echo') return res.writeHead(201, { 'x-a': '1' }).end('ok');
    res.writeHead(404).end();
  });
  b = await serve((_path, res) => res.writeHead(200).end('b'));
});
afterAll(async () => {
  for (const s of [a, b]) {
    s?.server.closeAllConnections();
    await new Promise((r) => s?.server.close(r));
  }
});
beforeEach(() => {
  seen.length = 0;
  lookups.length = 0;
  fakeDns.clear();
});

const loopbackOnly = ['127.0.0.1/32'];
const redirectTo = (target: string) => `${a.url}/to?${encodeURIComponent(target)}`;
async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FetchRefused);
  return e as InstanceType<typeof FetchRefused>;
}

describe('safeFetch redirects', () => {
  it('re-checks every hop: an allowed host redirecting to a refused address is refused', async () => {
    for (const [target, what] of [
      [`http://127.0.0.2:${a.port}/`, /127\.0\.0\.2 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
      [`http://[::1]:${a.port}/`, /::1 is a loopback address/],
      ['http://[::ffff:10.0.0.1]/', /is a private \(RFC 1918\) address/],
    ] as const) {
      const e = await refusal(safeFetch(redirectTo(target), { allow: loopbackOnly }));
      expect(e.reason).toBe('private-address');
      expect(e.message).toMatch(what);
    }
    expect(seen.map((s) => s.path.slice(0, 4))).toEqual(['/to?', '/to?', '/to?', '/to?']);
  });

  it('checks every address of a name, and names both in the refusal', async () => {
    fakeDns.set('mixed.test', ['127.0.0.1', '10.0.0.7']);
    const e = await refusal(safeFetch(`http://mixed.test:${a.port}/echo`, { allow: loopbackOnly }));
    expect(e.message).toBe(
      `refused to fetch http://mixed.test:${a.port}/echo: mixed.test resolves to 10.0.0.7, which is a private (RFC 1918) address (not in QIANSHAO_ALLOW_PRIVATE_NETWORKS)`,
    );
    expect(seen).toEqual([]);
  });

  it('connects to the checked address, not to a later DNS answer, keeping the Host header', async () => {
    fakeDns.set('rebind.test', ['127.0.0.1']);
    const first = safeFetch(`http://rebind.test:${a.port}/echo`, { allow: loopbackOnly });
    // Were the socket to resolve again, it would get an address that does not answer.
    fakeDns.set('rebind.test', ['192.0.2.1']);
    const r = await first;
    expect(r).toMatchObject({ status: 201, finalUrl: `http://rebind.test:${a.port}/echo` });
    expect(seen[0]!.headers.host).toBe(`rebind.test:${a.port}`);
    expect(lookups).toEqual(['rebind.test']);
  });

  it('follows up to maxRedirects hops and drops credentials on a change of origin', async () => {
    const r = await safeFetch(redirectTo(`${b.url}/final`), {
      allow: loopbackOnly,
      headers: { Authorization: 'Bearer s3cret', 'X-Keep': 'yes' },
    });
    expect(r).toMatchObject({ status: 200, finalUrl: `${b.url}/final` });
    expect(new TextDecoder().decode(r.body)).toBe('b');
    const last = seen.at(-1)!;
    expect(last.headers.authorization).toBeUndefined();
    expect(last.headers['x-keep']).toBe('yes');
    const chain = redirectTo(redirectTo(redirectTo(`${a.url}/echo`)));
    expect((await safeFetch(chain, { allow: loopbackOnly })).status).toBe(201);
    const e = await refusal(safeFetch(chain, { allow: loopbackOnly, maxRedirects: 2 }));
    expect(e).toMatchObject({
      reason: 'redirects',
      message: expect.stringMatching(/too many redirects \(more than 2/),
    });
  });

  it('refuses other schemes, also as a redirect target', async () => {
    expect(await refusal(safeFetch('ftp://127.0.0.1/x', { allow: loopbackOnly }))).toMatchObject({ reason: 'scheme' });
    expect(await refusal(safeFetch(redirectTo('file:///etc/passwd'), { allow: loopbackOnly }))).toMatchObject({
      reason: 'scheme',
      message: expect.stringMatching(/not file:/),
    });
  });
});

describe('safeFetch limits', () => {
  it('stops reading past maxBytes, announced, streamed or decompressed', async () => {
    for (const path of ['/announced-big', '/chunked-big', '/bomb']) {
      const e = await refusal(safeFetch(`${a.url}${path}`, { allow: loopbackOnly, maxBytes: 4096 }));
      expect(e.reason, path).toBe('too-large');
      expect(e.message, path).toMatch(/response is too large .*the limit is 4096 bytes/);
    }
    expect((await safeFetch(`${a.url}/exact`, { allow: loopbackOnly, maxBytes: 4096 })).body).toHaveLength(4096);
    expect(new TextDecoder().decode((await safeFetch(`${a.url}/gzip`, { allow: loopbackOnly })).body)).toBe(
      '压缩的正文',
    );
  });

  it('times out on a body that stalls, and reports network failures as FetchFailed', async () => {
    const started = Date.now();
    const e = await safeFetch(`${a.url}/stall`, { allow: loopbackOnly, timeoutMs: 300 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(FetchFailed);
    expect(e).toMatchObject({ reason: 'timeout', message: `${a.url}/stall: timed out after 300 ms` });
    expect(Date.now() - started).toBeLessThan(3_000);

    const closed = await serve(() => {});
    closed.server.close();
    await new Promise((r) => setTimeout(r, 20));
    const refused = await safeFetch(`${closed.url}/`, { allow: loopbackOnly }).catch((err: unknown) => err);
    expect(refused).toMatchObject({
      name: 'FetchFailed',
      reason: 'network',
      message: expect.stringMatching(/connection refused \(ECONNREFUSED\)/),
    });
  });

  it('sends a method and body, returning status and headers', async () => {
    const r = await safeFetch(`${a.url}/echo`, {
      allow: loopbackOnly,
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(201);
    expect(r.headers['x-a']).toBe('1');
    expect(seen[0]).toMatchObject({
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'content-length': '7' },
    });
  });
});
