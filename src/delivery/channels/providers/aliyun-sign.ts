// Alibaba Cloud request signing, both schemes the OpenAPI gateway accepts:
// V3 (ACS3-HMAC-SHA256: a canonical request over method, path, query,
// signed headers and the body's SHA-256, HMAC-SHA256 with the raw secret,
// lower-case hex) and the older RPC scheme (HMAC-SHA1 over
// "METHOD&%2F&" + the encoded canonical query, keyed with secret + "&",
// base64). Both use RFC 3986 percent-encoding: space → %20, * → %2A, ~ kept.
// Pure: the caller passes the date and the nonce.
import { createHash, createHmac } from 'node:crypto';

export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Sorted by name (code unit order), names and values encoded, joined with &. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

export interface Acs3Input {
  method: 'GET' | 'POST';
  host: string;
  path?: string;
  query: Record<string, string>;
  body: string;
  action: string;
  version: string;
  /** yyyy-MM-ddTHH:mm:ssZ (UTC) */
  date: string;
  nonce: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface Acs3Signed {
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** ACS3-HMAC-SHA256: the headers to send (host included, as signed). */
export function signAcs3(input: Acs3Input): Acs3Signed {
  const signed: Record<string, string> = {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-content-sha256': sha256Hex(input.body),
    'x-acs-date': input.date,
    'x-acs-signature-nonce': input.nonce,
    'x-acs-version': input.version,
  };
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((n) => `${n}:${signed[n]!.trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    input.method,
    input.path ?? '/',
    canonicalQuery(input.query),
    canonicalHeaders,
    signedHeaders,
    signed['x-acs-content-sha256'],
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', input.accessKeySecret).update(stringToSign, 'utf8').digest('hex');
  return {
    headers: {
      ...signed,
      authorization: `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
    canonicalRequest,
    stringToSign,
    signature,
  };
}

/** RPC (signature version 1.0) over all parameters but Signature itself; returns the base64 signature. */
export function signRpc(
  method: 'GET' | 'POST',
  params: Record<string, string>,
  accessKeySecret: string,
): { stringToSign: string; signature: string } {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  const signature = createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
  return { stringToSign, signature };
}
