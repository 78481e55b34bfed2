// Firms whose records are stored but not yet scored. An import marks its
// batch's firms in the batch's own transaction; a stored scoring run reads
// the marks of its firms before it reads their evidence and deletes exactly
// those marks in the transaction that stores the scores (a firm marked again
// meanwhile keeps its newer mark). So a process killed between storing
// records and rescoring them leaves the work written down, and the next
// rescoring (a re-run of the import, any other import, start-up) or the next
// sweep finishes it. Alerts for what was scored but never evaluated follow
// from standing state (src/alerts/standing.ts, and every sweep).

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

export interface PendingMark {
  firmId: number;
  mark: number;
}

export async function markPending(trx: Db, firmIds: readonly number[]): Promise<void> {
  if (firmIds.length === 0) return;
  await sql`insert into rescore_pending (firm_id) select unnest(${[...new Set(firmIds)]}::int[]) order by 1
    on conflict (firm_id) do update set mark = nextval('rescore_pending_mark'), marked_at = now()`.execute(trx);
}

export async function pendingMarks(db: Db, firmIds: 'all' | readonly number[] = 'all'): Promise<PendingMark[]> {
  let q = db.selectFrom('rescore_pending').select(['firm_id', 'mark']);
  if (firmIds !== 'all') {
    if (firmIds.length === 0) return [];
    q = q.where('firm_id', '=', sql<number>`any(${[...firmIds]}::int[])`);
  }
  const rows = await q.orderBy('firm_id').execute();
  return rows.map((r) => ({ firmId: r.firm_id, mark: Number(r.mark) }));
}

/** Clears the marks read before a scoring run's evidence, in the transaction storing its scores. */
export async function clearPending(trx: Db, marks: readonly PendingMark[]): Promise<void> {
  if (marks.length === 0) return;
  await sql`delete from rescore_pending p using unnest(${marks.map((m) => m.firmId)}::int[], ${marks.map((m) => m.mark)}::bigint[]) as d(firm_id, mark)
    where p.firm_id = d.firm_id and p.mark = d.mark`.execute(trx);
}
