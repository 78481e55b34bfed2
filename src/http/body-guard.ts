import type { Context, MiddlewareHandler } from 'hono';
import { TooLarge, Unauthorized } from '../domain/errors.ts';
import type { AppDeps, AppEnv } from './context.ts';

// Request bodies are read only by the handler that needs them, after the
// caller is known: nothing here reads a byte. The body is wrapped in a
// counting stream that fails once the limit is passed (chunked or not), a
// declared Content-Length over the limit is refused at once, and an API
// request with a body but no credentials is refused before any of it is
// read. Import bodies flow through the counter into the importer; nothing
// buffers them.

/** Most bodies are small JSON or form posts. */
export const JSON_LIMIT = 1024 * 1024;
/** Routes that take a body without a login (the login form itself, the demo's inbox). */
const ANONYMOUS_BODY = /^\/(login|logout|demo\/inbox\/[^/]+|api\/v1\/feishu\/card-callback)$/;

const tripped = new WeakMap<Request, number>();

export const isImportPath = (path: string) => path.startsWith('/api/v1/imports/');

/** The limit for a request's body: imports get the configured one, everything else JSON_LIMIT. */
export const bodyLimitFor = (deps: AppDeps, path: string) =>
  isImportPath(path) ? deps.config.bodyLimitBytes : JSON_LIMIT;

function tooLarge(limit: number) {
  return new TooLarge(`request body over ${limit} bytes`);
}

function declaredLength(c: Context<AppEnv>): number | null {
  if (c.req.header('transfer-encoding')) return null;
  const v = c.req.header('content-length');
  return v === undefined || !/^\d+$/.test(v) ? null : Number(v);
}

/**
 * Before authentication: wraps the body in a byte counter (reads nothing).
 * Whoever reads past the limit gets a TooLarge error from the stream, and
 * the request is remembered as tripped so the answer is 413 even where a
 * reader turns read errors into a 400 of its own.
 */
export function countBody(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limit = bodyLimitFor(deps, c.req.path);
    let seen = 0;
    // A pull source, not pipeThrough: a pipe would start reading at once.
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(ctrl) {
          reader ??= body.getReader();
          const { done, value } = await reader.read();
          if (done) return ctrl.close();
          seen += value.byteLength;
          if (seen > limit) {
            tripped.set(req, limit);
            void reader.cancel().catch(() => undefined);
            return ctrl.error(tooLarge(limit));
          }
          ctrl.enqueue(value);
        },
        cancel: (reason) => (reader ?? body).cancel(reason),
      },
      { highWaterMark: 0 },
    );
    const req: Request = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    c.req.raw = req;
    await next();
    // A reader that swallowed the stream's error must not turn it into success or a 400.
    if (tripped.has(req) && c.res.status !== 413) {
      c.res = c.json({ error: { code: 'payload_too_large', message: tooLarge(limit).message } }, 413);
    }
  };
}

/**
 * After authentication, before any route: an API body needs a caller, and
 * a declared length over the limit is refused; both without reading it.
 * The server then discards a bounded part of the upload (so the client can
 * read the answer: closing at once would reset the connection and lose it)
 * and closes the connection; see @hono/node-server's drainIncoming.
 */
export function guardBody(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.req.raw.body || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const path = c.req.path;
    if (!c.get('principal') && !ANONYMOUS_BODY.test(path) && path.startsWith('/api/')) {
      throw new Unauthorized(
        'authentication required before sending a body: send "Authorization: Bearer <token>" or log in',
      );
    }
    const limit = bodyLimitFor(deps, path);
    const length = declaredLength(c);
    if (length !== null && length > limit) throw tooLarge(limit);
    return next();
  };
}
