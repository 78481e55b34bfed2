import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When the request arrived (ms since the epoch). */
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Decides the answer to each request (default 200 '{}'). */
  respond: (
    r: Received,
    n: number,
  ) => {
    status: number;
    body?: string;
    headers?: Record<string, string>;
    delayMs?: number /** Drop the connection without an answer (a receiver that is down). */;
    drop?: boolean;
  };
  close(): Promise<void>;
}

/** A real HTTP receiver on loopback that records every request. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let server: Server;
  const r: Receiver = {
    url: '',
    received,
    respond: () => ({ status: 200, body: '{}' }),
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
      const rec = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(rec);
      const a = r.respond(rec, received.length);
      if (a.drop) {
        req.socket.destroy();
        return;
      }
      const send = () =>
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body ?? '{}');
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return r;
}
