// The `running` state of an import tells the truth: the process running it
// beats a heartbeat into its row; a row whose owner is gone (a process on
// this host that no longer exists) or whose heartbeat lapsed (any host:
// killed, or cut off from the database) is marked failed with the reason,
// at start-up and by the job runner. A live replica's import keeps beating,
// so it is never marked failed by another.

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log/logger.ts';
import { ownerGone } from '../runtime/process-id.ts';

/** How often a running import shows life, and after how long without it it counts as dead. */
export const IMPORT_HEARTBEAT_MS = 10_000;
export const IMPORT_STALE_MS = 60_000;

/** Beats the heartbeat of an import until the returned function is called. */
export function startImportHeartbeat(db: Db, importId: number, log: Logger, everyMs = IMPORT_HEARTBEAT_MS): () => void {
  const timer = setInterval(() => {
    db.updateTable('imports')
      .set({ heartbeat_at: new Date() })
      .where('id', '=', importId)
      .where('status', '=', 'running')
      .execute()
      .catch((err) => log.warn({ err, importId }, 'import heartbeat failed'));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Marks failed the imports still `running` whose owner is gone or whose
 * heartbeat (else start) is older than `staleMs` before `now`. Returns
 * their ids.
 */
export async function failStaleImports(db: Db, now: Date, staleMs = IMPORT_STALE_MS): Promise<number[]> {
  const running = await db
    .selectFrom('imports')
    .select(['id', 'runner', 'started_at', 'heartbeat_at'])
    .where('status', '=', 'running')
    .execute();
  const cutoff = now.getTime() - staleMs;
  const failed: number[] = [];
  for (const r of running) {
    const last = r.heartbeat_at ?? r.started_at;
    const reason = ownerGone(r.runner)
      ? `interrupted: the process that ran it (${r.runner}) is gone`
      : last.getTime() < cutoff
        ? `interrupted: no heartbeat since ${last.toISOString()} (process killed or cut off from the database)`
        : null;
    if (reason === null) continue;
    // Conditional on the same heartbeat, so a run that just beat again is left alone.
    const u = await db
      .updateTable('imports')
      .set({ status: 'failed', finished_at: now, error: reason })
      .where('id', '=', r.id)
      .where('status', '=', 'running')
      .where(sql<boolean>`heartbeat_at is not distinct from ${r.heartbeat_at}`)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) > 0) failed.push(r.id);
  }
  return failed;
}

/** failStaleImports with a log line; never throws (it runs beside other work). */
export async function reapStaleImports(db: Db, log: Logger, now: Date): Promise<void> {
  try {
    const ids = await failStaleImports(db, now);
    if (ids.length > 0) log.warn({ imports: ids }, 'imports left running by a dead process marked failed');
  } catch (err) {
    log.warn({ err }, 'checking for stale imports failed');
  }
}
