import type { Db } from '../db/connect.ts';

/** Who did it and from where; the HTTP layer and the CLI each build one. */
export interface Actor {
  id: number | null;
  name: string;
  ip?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export interface AuditInput {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  details?: Record<string, unknown>;
}

/**
 * Appends entries, in order, in one statement. Takes the caller's
 * transaction so the entries commit or roll back with the changes they
 * describe. The table refuses UPDATE/DELETE.
 */
export async function auditMany(
  db: Db,
  entries: ReadonlyArray<{ actor: Actor; entry: AuditInput; at: Date }>,
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map(({ actor, entry, at }) => ({
        at,
        actor_id: actor.id,
        actor_name: actor.name,
        action: entry.action,
        object_type: entry.objectType,
        object_id: entry.objectId == null ? null : String(entry.objectId),
        ip: actor.ip ?? null,
        request_id: actor.requestId ?? null,
        details: JSON.stringify(entry.details ?? {}),
      })),
    )
    .execute();
}

/** Appends one entry (see auditMany). */
export async function audit(db: Db, actor: Actor, entry: AuditInput, at: Date = new Date()): Promise<void> {
  await auditMany(db, [{ actor, entry, at }]);
}
