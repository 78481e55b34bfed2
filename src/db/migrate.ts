import { sql } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { migrations } from '../../migrations/index.ts';
import type { Db } from './connect.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider });
}

/**
 * True when every known migration is recorded as applied: one catalogue
 * look-up and one small read, where Kysely's migrator takes a lock and runs
 * several statements (it matters for short CLI commands on the embedded
 * database, which all call migrateToLatest first).
 */
async function schemaIsCurrent(db: Db): Promise<boolean> {
  const table = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!table.rows[0]?.t) return false;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => names.has(name));
}

/** Applies pending migrations; returns their names. Throws on the first failure. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  if (await schemaIsCurrent(db)) return [];
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}
