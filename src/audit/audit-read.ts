// The audit log as the operations API reads it, scoped like every other
// read: an entry lies where its object lies (district and street stored on
// insert); city-level readers see all.

import type { Db } from '../db/connect.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { placeInScope } from '../firms/firms-repo.ts';

export interface AuditQuery {
  object_type?: string | undefined;
  object_id?: string | undefined;
  actor?: string | undefined;
  /** Entries with a smaller id (the next page). */
  before?: number | undefined;
  limit: number;
}

/** Newest first. */
export function listAudit(db: Db, scope: Scope, q: AuditQuery) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where(placeInScope(scope, 'audit_log'))
    .orderBy('id', 'desc')
    .limit(q.limit);
  if (q.object_type) query = query.where('object_type', '=', q.object_type);
  if (q.object_id) query = query.where('object_id', '=', q.object_id);
  if (q.actor) query = query.where('actor_name', '=', q.actor);
  if (q.before) query = query.where('id', '<', q.before);
  return query.execute();
}
