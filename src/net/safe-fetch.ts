import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { checkAddress, compileAllowList, type AllowList } from '../domain/ip-policy.ts';

// Outgoing HTTP for URLs that users type in (feeds, webhooks). The URL is
// untrusted: it may name, or redirect to, a host that resolves to the
// metadata service or the database. So every hop is resolved here, every
// address is checked, and the socket is pinned to the checked addresses, so a
// DNS answer that changes between check and connect (rebinding) cannot move it.

export interface SafeFetchOptions {
  /** CIDRs that may be reached although private (Config.allowPrivateNetworks). */
  allow: readonly string[];
  /** For the whole exchange: every hop, and the body. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  method?: string;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

export interface SafeFetchResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
  finalUrl: string;
}

/** We would not send (or keep reading) this request: policy, not the network. */
export class FetchRefused extends Error {
  override name = 'FetchRefused';
  constructor(
    message: string,
    readonly reason: 'bad-url' | 'scheme' | 'private-address' | 'redirects' | 'too-large',
    readonly url: string,
  ) {
    super(message);
  }
}

/** The network let us down: resolution, connection, TLS, timeout or abort. */
export class FetchFailed extends Error {
  override name = 'FetchFailed';
  constructor(
    message: string,
    readonly reason: 'dns' | 'network' | 'timeout' | 'aborted',
    readonly url: string,
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALLOW_HINT = 'not in QIANSHAO_ALLOW_PRIVATE_NETWORKS';

export async function safeFetch(url: string, opts: SafeFetchOptions): Promise<SafeFetchResponse> {
  const { timeoutMs = 10_000, maxBytes = 5 * 1024 * 1024, maxRedirects = 3 } = opts;
  const allow = compileAllowList(opts.allow);
  const ctl = new AbortController();
  const timer = setTimeout(
    () => ctl.abort(new FetchFailed(`${url}: timed out after ${timeoutMs} ms`, 'timeout', url)),
    timeoutMs,
  );
  const onAbort = () => ctl.abort(new FetchFailed(`${url}: request aborted`, 'aborted', url));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  let current = parseTarget(url, url);
  let method = (opts.method ?? 'GET').toUpperCase();
  let body = opts.body;
  const headers: Record<string, string> = { 'user-agent': 'qianshao', 'accept-encoding': 'gzip, deflate, br' };
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await resolveChecked(current, allow, ctl.signal);
      const res = await send(current, addresses, { method, headers, body, signal: ctl.signal });
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.destroy();
        if (hop >= maxRedirects) {
          throw new FetchRefused(
            `${url}: too many redirects (more than ${maxRedirects}; the last one pointed to ${location})`,
            'redirects',
            url,
          );
        }
        const next = parseTarget(safeResolve(location, current), url);
        // What browsers do: 303, and 301/302 after a POST, turn into a body-less GET.
        if (res.statusCode === 303 || (method === 'POST' && res.statusCode !== 307 && res.statusCode !== 308)) {
          method = 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        // Credentials meant for one origin must not follow a redirect to another.
        if (next.origin !== current.origin) for (const h of ['authorization', 'cookie']) delete headers[h];
        current = next;
        continue;
      }
      const bytes = await readBody(res, maxBytes, ctl.signal, current.href);
      return { status: res.statusCode ?? 0, headers: flatHeaders(res), body: bytes, finalUrl: current.href };
    }
  } catch (e) {
    // Whatever the socket reported after our abort, the abort's reason is the story.
    if (ctl.signal.aborted) throw ctl.signal.reason;
    if (e instanceof FetchRefused || e instanceof FetchFailed) throw e;
    throw networkFailure(e, current.href);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

function parseTarget(href: string, original: string): URL {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    throw new FetchRefused(`${original}: not a valid URL: ${href}`, 'bad-url', original);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchRefused(
      `${original}: only http and https URLs can be fetched, not ${u.protocol}`,
      'scheme',
      original,
    );
  }
  return u;
}

function safeResolve(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

const bareHost = (u: URL) => u.hostname.replace(/^\[|\]$/g, '');

async function resolveChecked(u: URL, allow: AllowList, signal: AbortSignal): Promise<LookupAddress[]> {
  const host = bareHost(u);
  const literal = isIP(host);
  let addresses: LookupAddress[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await abortable(dnsLookup(host, { all: true, verbatim: true }), signal);
    } catch (e) {
      if (signal.aborted) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new FetchFailed(`${u.href}: could not resolve host ${host}${code ? ` (${code})` : ''}`, 'dns', u.href);
    }
    if (addresses.length === 0) throw new FetchFailed(`${u.href}: host ${host} has no addresses`, 'dns', u.href);
  }
  // Every address, not just the first: the socket may fall back to any of them.
  for (const a of addresses) {
    const v = checkAddress(a.address, allow);
    if (!v.allowed) {
      const subject = literal ? `${a.address} is` : `${host} resolves to ${a.address}, which is`;
      throw new FetchRefused(
        `refused to fetch ${u.href}: ${subject} ${v.what} (${ALLOW_HINT})`,
        'private-address',
        u.href,
      );
    }
  }
  return addresses;
}

/** A resolver that can only answer with the addresses already checked. */
function pinned(addresses: LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const fit = options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    if (fit.length === 0) {
      const err: NodeJS.ErrnoException = Object.assign(
        new Error(`no checked IPv${options.family} address for ${hostname}`),
        { code: 'ENOTFOUND' },
      );
      callback(err, '', 0);
    } else if (options.all) callback(null, fit);
    else callback(null, fit[0]!.address, fit[0]!.family);
  };
}

interface SendOptions {
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  signal: AbortSignal;
}

function send(u: URL, addresses: LookupAddress[], o: SendOptions): Promise<IncomingMessage> {
  const host = bareHost(u);
  const headers: Record<string, string> = { ...o.headers, host: u.host };
  if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
  return new Promise((resolve, reject) => {
    const req = (u.protocol === 'https:' ? https : http).request({
      protocol: u.protocol,
      hostname: host,
      port: u.port || undefined,
      path: `${u.pathname}${u.search}`,
      method: o.method,
      headers,
      auth: u.username ? `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}` : undefined,
      // Certificates are still checked against the name, not the pinned IP.
      servername: isIP(host) ? undefined : host,
      lookup: pinned(addresses),
      // A pooled keep-alive socket could have been opened by someone who never checked.
      agent: false,
      signal: o.signal,
    });
    req.once('response', resolve);
    req.on('error', reject);
    req.end(o.body);
  });
}

async function readBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal, url: string): Promise<Uint8Array> {
  const tooLarge = (n: string) =>
    new FetchRefused(`${url}: response is too large (${n}; the limit is ${maxBytes} bytes)`, 'too-large', url);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(`${declared} bytes announced`);
  }
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const inflate =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : null;
  // The limit counts decoded bytes, so a small compressed bomb is stopped too.
  const source: Readable = inflate ? pipeline(res, inflate, () => {}) : res;
  const stop = () => source.destroy(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        res.destroy();
        source.destroy();
        throw tooLarge(`more than ${maxBytes} bytes received`);
      }
      chunks.push(chunk);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
};

function networkFailure(e: unknown, url: string): FetchFailed {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code;
  const what = (code && NETWORK_WORDS[code]) ?? (err instanceof Error ? err.message : String(e));
  return new FetchFailed(`${url}: ${what}${code ? ` (${code})` : ''}`, 'network', url);
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
