import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { connectPglite, connectPostgres, type Db, type DbHandle } from '../../src/db/connect.ts';
import { adminUrl, TEST_DB_PREFIX, templateDb } from './pg-admin.ts';

export interface TestDb extends DbHandle {
  /** The env that points a child process (CLI, serve) at this same database. */
  env: Record<string, string>;
  /** Empties every table except the role catalogue and migration state. */
  reset(): Promise<void>;
}

let counter = 0;

/**
 * A database of this test file's own, made from the migrated template:
 * on a server `qianshao_t_<run>_<pool>_<pid>_<n>`, else a copied PGlite directory.
 */
export async function openTestDb(): Promise<TestDb> {
  const url = inject('databaseUrl');
  if (url) {
    const run = inject('testRunId');
    const name = `${TEST_DB_PREFIX}${run}_${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}_${counter++}`;
    const admin = await connectPostgres(adminUrl(url), { max: 1 });
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
    await sql.raw(`create database ${name} template ${templateDb(run)}`).execute(admin.db);
    await admin.close();
    const dbUrl = adminUrl(url, name);
    const h = await connectPostgres(dbUrl, { max: 5 });
    return {
      ...h,
      env: { DATABASE_URL: dbUrl },
      reset: () => resetTables(h.db),
      close: async () => {
        await h.close();
        const a = await connectPostgres(adminUrl(url), { max: 1 });
        await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db);
        await a.close();
      },
    };
  }
  const dataDir = copyTemplateDataDir();
  const h = await connectPglite(dataDir);
  return {
    ...h,
    env: { QIANSHAO_DATA_DIR: dataDir },
    reset: () => resetTables(h.db),
    close: async () => {
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A database for tests that run the CLI or `serve` in child processes. On a
 * server the test may keep a connection of its own (`db`); the embedded
 * database is single-process, so then only the environment that points a
 * child at a fresh data directory is returned.
 */
export async function openChildDb(): Promise<{ db: TestDb | undefined; env: Record<string, string> }> {
  if (inject('databaseUrl')) {
    const db = await openTestDb();
    return { db, env: db.env };
  }
  return { db: undefined, env: { QIANSHAO_DATA_DIR: copyTemplateDataDir() } };
}

/** A fresh data directory holding a migrated embedded database (for child processes). */
export function copyTemplateDataDir(): string {
  const template = inject('pgliteTemplate');
  const dataDir = mkdtempSync(join(tmpdir(), 'qianshao-test-'));
  if (template) cpSync(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return dataDir;
}

const KEEP = new Set(['roles', 'kysely_migration', 'kysely_migration_lock']);

/**
 * Truncation between tests. Replica mode switches user triggers off for this
 * session only, which is how the append-only audit log lets a test reset it;
 * an application connection cannot do the same without superuser rights.
 */
export async function resetTables(db: Db): Promise<void> {
  const rows = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(
    db,
  );
  const tables = rows.rows.map((r) => r.tablename).filter((t) => !KEEP.has(t));
  if (tables.length === 0) return;
  await db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn);
    try {
      await sql.raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')} restart identity cascade`).execute(conn);
    } finally {
      await sql`set session_replication_role = origin`.execute(conn);
    }
  });
}

/**
 * The usual lifecycle for a test file: its own database, emptied before
 * each test and then given `seed` (e.g. the firm registry); closed at the end.
 * Returns a getter, since the database exists only once beforeAll ran.
 */
export function useTestDb(seed?: (t: TestDb) => Promise<unknown>): () => TestDb {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t!.reset();
    await seed?.(t!);
  });
  return () => t!;
}

/**
 * Runs `fn` on a child process's database (see openChildDb): the test's own
 * connection on a server, else the embedded data directory, opened only for
 * the call because the embedded database serves one process at a time.
 */
export async function withChildDb<T>(
  db: TestDb | undefined,
  env: Record<string, string>,
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  if (db) return fn(db.db);
  const h = await connectPglite(env.QIANSHAO_DATA_DIR!);
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}
