// Test databases on a shared PostgreSQL server are named per vitest run
// (the pid of the process running globalSetup), so two runs at once (two
// developers, or CI beside a local run) never drop each other's databases.

export const TEST_DB_PREFIX = 'qianshao_t_';

/** The template every test database of run `runId` is copied from. */
export const templateDb = (runId: number) => `${TEST_DB_PREFIX}${runId}_tpl`;

/** Runs whose process is gone left these behind; the run id is the second name part. */
export function runIdOf(database: string): number | null {
  const m = new RegExp(`^${TEST_DB_PREFIX}(\\d+)_`).exec(database);
  return m ? Number(m[1]) : null;
}

/** The same server URL with another database name. */
export function adminUrl(url: string, database = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
