import { Kysely, PGliteDialect } from 'kysely';
import { join } from 'node:path';
import type { Database } from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { initPgliteDir, pgliteStartParams } from './pglite-setup.ts';
import { copyingPglite } from './copy-in.ts';

import { connectPostgres, type DbHandle } from './connect-postgres.ts';

export { connectPostgres, type Db, type DbHandle } from './connect-postgres.ts';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export async function connectPglite(dataDir: string, opts: { lock?: boolean } = {}): Promise<DbHandle> {
  const release = opts.lock === false ? () => {} : lockDataDir(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const dir = join(dataDir, 'pglite');
    await initPgliteDir(dir);
    const pglite = await PGlite.create(dir, {
      parsers: { [INT8]: Number, [NUMERIC]: Number, [DATE]: (v: string) => v },
      startParams: pgliteStartParams(PGlite.defaultStartParams),
    });
    // Wrapped so bulk imports' COPY statements run as COPY FROM '/dev/blob' (copy-in.ts).
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: copyingPglite(pglite) as typeof pglite }) });
    return {
      db,
      kind: 'pglite',
      close: async () => {
        try {
          await db.destroy();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** PostgreSQL when a URL is given, otherwise the embedded database. */
export function connect(opts: { databaseUrl: string | undefined; dataDir: string }): Promise<DbHandle> {
  return opts.databaseUrl ? connectPostgres(opts.databaseUrl) : connectPglite(opts.dataDir);
}
