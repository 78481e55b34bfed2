import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths that must never reach a log line, whatever object is logged. */
const REDACT = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'secretKey',
  '*.secretKey',
];

/**
 * One root logger per process. JSON by default; pretty on a TTY. `stream`
 * lets the CLI send logs to stderr so stdout stays one JSON document.
 */
export function createLogger(opts: { level: string; pretty?: boolean; destination?: 1 | 2 }): Logger {
  const fd = opts.destination ?? 1;
  const pretty = opts.pretty ?? Boolean(fd === 1 ? process.stdout.isTTY : process.stderr.isTTY);
  const base = { level: opts.level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (pretty) {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { destination: fd, translateTime: 'SYS:standard', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(base, pino.destination({ fd, sync: true }));
}
