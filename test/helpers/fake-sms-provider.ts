// A fake Alibaba Cloud / Tencent Cloud API gateway on loopback. It checks
// every request's signature the way the provider documents it, written
// here independently of src/ (parsing the request as it arrived on the
// wire), and answers with the provider's response shapes. A request whose
// signature does not verify gets the provider's own refusal.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProviderCall {
  provider: 'aliyun' | 'tencent';
  action: string;
  /** Aliyun: the query parameters; Tencent: the JSON body. */
  params: Record<string, any>;
  verified: boolean;
  headers: IncomingHttpHeaders;
}

export interface FakeProvider {
  url: string;
  calls: ProviderCall[];
  /** Business code to answer with (default success). */
  answer: (call: ProviderCall, n: number) => { code: string; message?: string } | null;
  close(): Promise<void>;
}

export const ALIYUN_KEY = { id: 'LTAI5tFakeKeyId00000001', secret: 'FakeAliyunSecret0000000000000001' };
export const TENCENT_KEY = { id: 'AKIDFakeSecretId000000000000000001', secret: 'FakeTencentSecretKey00000000001' };

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
const hex = (s: string) => createHash('sha256').update(s).digest('hex');

function verifyAliyun(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string): boolean {
  const auth = String(headers['authorization'] ?? '');
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m || m[1] !== ALIYUN_KEY.id) return false;
  if (headers['x-acs-content-sha256'] !== hex(body)) return false;
  const url = new URL(rawUrl, 'http://x');
  const pairs: Array<[string, string]> = [];
  url.searchParams.forEach((v, k) => {
    pairs.push([enc(k), enc(v)]);
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const names = m[2]!.split(';');
  if (!names.includes('host') || !names.includes('x-acs-date') || !names.includes('x-acs-signature-nonce'))
    return false;
  const canon = [
    method,
    url.pathname,
    pairs.map(([k, v]) => `${k}=${v}`).join('&'),
    names.map((n) => `${n}:${String(headers[n] ?? '').trim()}\n`).join(''),
    m[2],
    hex(body),
  ].join('\n');
  const expected = createHmac('sha256', ALIYUN_KEY.secret)
    .update(`ACS3-HMAC-SHA256\n${hex(canon)}`)
    .digest('hex');
  return expected === m[3];
}

function verifyTencent(headers: IncomingHttpHeaders, body: string): boolean {
  const auth = String(headers['authorization'] ?? '');
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m || m[1] !== TENCENT_KEY.id) return false;
  const ts = Number(headers['x-tc-timestamp']);
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== m[2]) return false;
  const canon = `POST\n/\n\ncontent-type:${String(headers['content-type']).toLowerCase()}\nhost:${String(headers['host']).toLowerCase()}\n\ncontent-type;host\n${hex(body)}`;
  const sts = `TC3-HMAC-SHA256\n${ts}\n${m[2]}/${m[3]}/tc3_request\n${hex(canon)}`;
  const h = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
  const key = h(h(h(`TC3${TENCENT_KEY.secret}`, m[2]!), m[3]!), 'tc3_request');
  return createHmac('sha256', key).update(sts).digest('hex') === m[4];
}

export async function startFakeProvider(): Promise<FakeProvider> {
  let server: Server;
  const f: FakeProvider = {
    url: '',
    calls: [],
    answer: () => null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (String(req.headers['authorization'] ?? '').startsWith('TC3-')) {
        const call: ProviderCall = {
          provider: 'tencent',
          action: String(req.headers['x-tc-action']),
          params: JSON.parse(body || '{}'),
          verified: verifyTencent(req.headers, body),
          headers: req.headers,
        };
        f.calls.push(call);
        if (!call.verified)
          return json(200, {
            Response: {
              Error: {
                Code: 'AuthFailure.SignatureFailure',
                Message: 'The provided credentials could not be validated.',
              },
              RequestId: 'r',
            },
          });
        const a = f.answer(call, f.calls.length) ?? { code: 'Ok' };
        if (a.code.startsWith('AuthFailure') || a.code === 'RequestLimitExceeded')
          return json(200, { Response: { Error: { Code: a.code, Message: a.message ?? '' }, RequestId: 'r' } });
        return json(200, {
          Response: {
            SendStatusSet: [
              {
                SerialNo: 's1',
                PhoneNumber: call.params['PhoneNumberSet']?.[0],
                Fee: 1,
                Code: a.code,
                Message: a.message ?? 'send success',
              },
            ],
            RequestId: 'r',
          },
        });
      }
      const url = new URL(req.url ?? '/', 'http://x');
      const call: ProviderCall = {
        provider: 'aliyun',
        action: String(req.headers['x-acs-action']),
        params: Object.fromEntries(url.searchParams),
        verified: verifyAliyun(req.method ?? 'POST', req.url ?? '/', req.headers, body),
        headers: req.headers,
      };
      f.calls.push(call);
      if (!call.verified)
        return json(400, {
          Code: 'SignatureDoesNotMatch',
          Message: 'Specified signature does not match our calculation.',
          RequestId: 'r',
        });
      const a = f.answer(call, f.calls.length) ?? { code: 'OK', message: 'OK' };
      return json(200, {
        Code: a.code,
        Message: a.message ?? '',
        RequestId: 'r',
        ...(a.code === 'OK'
          ? call.action === 'SendSms'
            ? { BizId: '9006197469364984^0' }
            : { CallId: '116012354148^10281378' }
          : {}),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  f.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return f;
}
