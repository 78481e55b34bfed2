import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPglite, connectPostgres } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { alive } from '../../src/db/data-dir-lock.ts';
import { adminUrl, runIdOf, TEST_DB_PREFIX, templateDb } from './pg-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory to copy per test file (embedded mode). */
    pgliteTemplate: string | null;
    /** The PostgreSQL server URL (server mode), or null. */
    databaseUrl: string | null;
    /** This run's id: test databases are named qianshao_t_<runId>_... */
    testRunId: number;
  }
}

/**
 * Builds one migrated template per run: a PGlite directory (a fresh PGlite
 * takes ~10 s to initialise, a copy opens in ~1 s) or a PostgreSQL template
 * database (CREATE DATABASE ... TEMPLATE is a file copy). Each test file then
 * gets its own database made from it.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = await connectPostgres(adminUrl(url), { max: 1 });
    const { sql } = await import('kysely');
    const ours = (
      await sql<{
        datname: string;
      }>`select datname from pg_database where starts_with(datname, ${TEST_DB_PREFIX})`.execute(admin.db)
    ).rows.map((r) => r.datname);
    // Leftovers of runs whose process died; live runs keep theirs.
    for (const name of ours) {
      const run = runIdOf(name);
      if (run !== null && !alive(run)) await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
    }
    const template = templateDb(process.pid);
    await sql.raw(`drop database if exists ${template} with (force)`).execute(admin.db);
    await sql.raw(`create database ${template}`).execute(admin.db);
    const tpl = await connectPostgres(adminUrl(url, template), { max: 1 });
    await migrateToLatest(tpl.db);
    await tpl.close();
    project.provide('databaseUrl', url);
    project.provide('pgliteTemplate', null);
    project.provide('testRunId', process.pid);
    return async () => {
      const rows = await sql<{
        datname: string;
      }>`select datname from pg_database where starts_with(datname, ${`${TEST_DB_PREFIX}${process.pid}_`})`.execute(
        admin.db,
      );
      for (const r of rows.rows) await sql.raw(`drop database if exists ${r.datname} with (force)`).execute(admin.db);
      await admin.close();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'qianshao-tpl-'));
  const h = await connectPglite(dir, { lock: false });
  await migrateToLatest(h.db);
  await h.close();
  project.provide('pgliteTemplate', dir);
  project.provide('databaseUrl', null);
  project.provide('testRunId', process.pid);
  return () => rmSync(dir, { recursive: true, force: true });
}
