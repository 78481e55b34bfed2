import { parseArgs } from 'node:util';
import { migrateToLatest } from '../db/migrate.ts';
import { rotateSecretKey } from '../security/rotate-key.ts';
import { emit, readStdin, UsageError, withRuntime } from './runtime.ts';

/**
 * `qianshao rotate-key --old-key-stdin`: re-seals every sealed value from the
 * old key (read from stdin, never from the command line where `ps` shows it)
 * to the key now in QIANSHAO_SECRET_KEY. Stop the service first; start it
 * again with the new key. See docs/security.md.
 */
export async function rotateKeyCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'old-key-stdin': { type: 'boolean' }, json: { type: 'boolean' } } });
  if (!values['old-key-stdin'])
    throw new UsageError(
      'usage: QIANSHAO_SECRET_KEY=<new key> qianshao rotate-key --old-key-stdin  (the old key on stdin)',
    );
  const oldKey = (await readStdin()).trim();
  if (!oldKey) throw new UsageError('the old key must be given on stdin');
  await withRuntime(async ({ handle, config, actor }) => {
    if (!config.secretKey) throw new UsageError('set QIANSHAO_SECRET_KEY to the new key');
    await migrateToLatest(handle.db);
    const r = await rotateSecretKey(handle.db, oldKey, config.secretKey, actor, new Date());
    emit(
      Boolean(values.json),
      r,
      () => `re-sealed ${r.values} values and ${r.versions} stored versions with the new key`,
    );
  });
}
