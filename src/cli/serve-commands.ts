import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env.ts';
import { startServer } from '../runtime/node-server.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { sealLegacyValues } from '../security/seal-legacy.ts';
import { resolveSecretKey } from '../config/secret-key.ts';
import { cliLogger, emit, UsageError, withRuntime } from './runtime.ts';

export async function migrateCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  await withRuntime(async ({ handle, config, log }) => {
    const applied = await migrateToLatest(handle.db);
    await sealLegacyValues(handle.db, resolveSecretKey(config, log), log);
    emit(Boolean(values.json), { applied }, () =>
      applied.length ? `applied: ${applied.join(', ')}` : 'schema is current',
    );
  });
}

/** `serve` and `start` (= serve with the demo data set when the database is empty). */
export async function serveCommand(args: string[], mode: 'serve' | 'start'): Promise<void> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'no-scheduler': { type: 'boolean' } } });
  const env = mode === 'start' ? { QIANSHAO_DEMO: '1', ...process.env } : process.env;
  const config = loadConfig(env);
  const port = values.port !== undefined ? Number(values.port) : config.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, got ${values.port}`);
  const log = cliLogger(config);
  const server = await startServer(config, log, { port, scheduler: !values['no-scheduler'] });
  await new Promise<void>((resolve) => {
    const onSignal = (signal: string) => {
      void server.stop(signal).then(resolve, (err) => {
        log.error({ err }, 'shutdown failed');
        process.exitCode = 1;
        resolve();
      });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
}
