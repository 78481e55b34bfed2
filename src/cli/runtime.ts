import { loadConfig, type Config } from '../config/env.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import { connect, type DbHandle } from '../db/connect.ts';
import type { Actor } from '../audit/audit.ts';
import { userInfo } from 'node:os';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Runtime {
  config: Config;
  log: Logger;
  handle: DbHandle;
  /** CLI changes are audited as the operating-system user who ran them. */
  actor: Actor;
}

/** Logs go to stderr so that stdout holds nothing but the command's result. */
export function cliLogger(config: Config): Logger {
  return createLogger({ level: config.logLevel, destination: 2 });
}

export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, env = process.env): Promise<T> {
  const config = loadConfig(env);
  const log = cliLogger(config);
  const handle = await connect(config);
  try {
    return await fn({ config, log, handle, actor: { id: null, name: `cli:${safeUser()}` } });
  } finally {
    await handle.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The one writer of command results: JSON for scripts, lines for people. */
export function emit(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** An ISO 8601 instant given as an option; a usage error otherwise. */
export function parseInstant(value: string, option: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime()))
    throw new UsageError(`${option} must be an ISO 8601 date or instant, got ${JSON.stringify(value)}`);
  return at;
}

/** An enumerated option's value, or a usage error naming the allowed ones (exit 2). */
export function oneOf<T extends string>(
  value: string | undefined,
  option: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

/** A whole-number option within [min, max], or a usage error. */
export function intOption(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
