import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './env.ts';

/**
 * The key for encrypting personal data and endpoint secrets. Outside
 * production a missing key is generated once into the data directory, so a
 * demo works out of the box; losing that file makes encrypted data unreadable.
 */
export function resolveSecretKey(config: Config, log: Logger): string {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  log.warn(
    { file },
    'QIANSHAO_SECRET_KEY is not set: generated a local key into the data directory (set it in production)',
  );
  return key;
}
