import type { Db } from '../db/connect.ts';
import type { Principal } from '../domain/jurisdiction.ts';

// Reading what imports left behind: the quarantined rows and the imports'
// summaries. The visibility rule is stated here once, for the API and the
// console alike (issue 21 item 6): rejected rows are raw input, so an
// importer sees the rows and imports of their own, an admin all.

/** Whether `p` sees every import's rows, or only the imports they ran. */
const seesAll = (p: Pick<Principal, 'role'>) => p.role === 'admin';

export interface QuarantineQuery {
  importId?: number | undefined;
  before?: number | undefined;
  limit: number;
}

export async function listQuarantine(db: Db, p: Pick<Principal, 'role' | 'name'>, q: QuarantineQuery) {
  let query = db.selectFrom('quarantine').selectAll('quarantine').orderBy('quarantine.id', 'desc').limit(q.limit);
  if (!seesAll(p))
    query = query.innerJoin('imports', 'imports.id', 'quarantine.import_id').where('imports.actor_name', '=', p.name);
  if (q.importId) query = query.where('quarantine.import_id', '=', q.importId);
  if (q.before) query = query.where('quarantine.id', '<', q.before);
  return query.execute();
}

export async function listImports(db: Db, p: Pick<Principal, 'role' | 'name'>, limit: number) {
  let query = db.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(limit);
  if (!seesAll(p)) query = query.where('actor_name', '=', p.name);
  return query.execute();
}

/** The unknown columns an import's stored summary names (none for imports before issue 15). */
export function unknownColumnsOf(summary: unknown): string[] {
  const u = (summary as { unknown_columns?: unknown } | null)?.unknown_columns;
  return Array.isArray(u) ? u.filter((x): x is string => typeof x === 'string') : [];
}
