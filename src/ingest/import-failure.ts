// What an import does when it fails part-way: its `imports` row says
// `failed` with the reason (never `running` forever), and the caller gets
// one clear error. When the database itself went away (a restart), the row
// can only be written once it is back, so the write is retried for a
// while; what is still unwritten then is left to the start-up sweep of
// stale runs.

import type { Db } from '../db/connect.ts';
import { isConnectionLoss, oneLine } from '../db/connection-loss.ts';
import { Unavailable } from '../domain/errors.ts';
import type { Logger } from '../log/logger.ts';

/** How long a failed import keeps trying to record its failure (a fast restart takes a few seconds). */
export const FAILURE_RECORD_WAIT_MS = 20_000;

/** The error the caller sees: a lost database is "unavailable, re-run the file", anything else unchanged. */
export function importFailure(err: unknown, storedRows: number): unknown {
  if (!isConnectionLoss(err)) return err;
  return new Unavailable(
    `import stopped: the database connection was lost (${oneLine(err)}); ${storedRows} rows were stored, re-run the same file to complete it`,
  );
}

/** Marks the import failed with its reason, retrying while the database is unreachable. */
export async function recordImportFailure(
  db: Db,
  importId: number,
  reason: string,
  summary: unknown,
  log: Logger | undefined,
  waitMs = FAILURE_RECORD_WAIT_MS,
): Promise<boolean> {
  const until = Date.now() + waitMs;
  let delay = 250;
  for (;;) {
    try {
      await db
        .updateTable('imports')
        .set({
          status: 'failed',
          finished_at: new Date(),
          error: reason.slice(0, 2000),
          summary: JSON.stringify(summary),
        })
        .where('id', '=', importId)
        .where('status', '=', 'running')
        .execute();
      return true;
    } catch (err) {
      if (!isConnectionLoss(err) || Date.now() + delay > until) {
        log?.warn({ err, importId }, 'could not mark the failed import; the stale-run sweep will');
        return false;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2_000);
    }
  }
}
