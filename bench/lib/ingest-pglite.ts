// PGlite for the import benchmark: a data directory holding the firm
// registry for the CLI, and COPY FROM '/dev/blob' into a bare text table
// as PGlite's own yardstick.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPglite } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { BenchFirm } from './ingest-firms.ts';
import type { CopyFile } from './ingest-pg.ts';
import { seedFirms } from './ingest-run.ts';

/** A PGlite data directory holding the firm registry, for the CLI (env) while `fn` runs. */
export async function withPgliteRegistry<T>(
  registry: readonly BenchFirm[],
  fn: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qianshao-ingest-cli-'));
  try {
    const h = await connectPglite(dataDir);
    try {
      await migrateToLatest(h.db);
      await seedFirms(h.db, registry);
    } finally {
      await h.close();
    }
    return await fn({ QIANSHAO_DATA_DIR: dataDir, DATABASE_URL: '' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** COPY of a CSV file into a bare text table of a fresh in-memory PGlite, timed. */
export async function pgliteCopy(f: CopyFile): Promise<{ seconds: number }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create();
  try {
    await pg.exec(
      `create table ${f.table} (${Array.from({ length: f.columns }, (_, i) => `c${i + 1} text`).join(', ')})`,
    );
    const blob = new Blob([readFileSync(f.path)]);
    const t0 = performance.now();
    await pg.query(`copy ${f.table} from '/dev/blob' (format csv, header)`, [], { blob });
    return { seconds: (performance.now() - t0) / 1000 };
  } finally {
    await pg.close();
  }
}
