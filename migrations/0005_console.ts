import { sql, type Kysely } from 'kysely';

// The console's alert queue at 100,000 alerts: one btree over the queue's
// sort key (the expressions of src/alerts/alerts-read.ts, verbatim, so the
// planner matches them), partial for the open queue the console opens on
// and full for "all"; it serves both ORDER BY … LIMIT and the keyset
// cursor's row comparison. The per-level counts read a small partial index.

const KEY = sql.raw(`(array_position(array['red','orange','yellow','blue']::text[], level)), (not overdue),
  (coalesce(handle_due_at, ack_due_at, 'infinity'::timestamptz)), ('2000-01-01 00:00:00+00'::timestamptz - raised_at), (- id)`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index alerts_queue_open_key on alerts (${KEY}) where status in ('open','acknowledged','in_progress')`.execute(
    db,
  );
  await sql`create index alerts_queue_key on alerts (${KEY})`.execute(db);
  await sql`create index alerts_open_level on alerts (level, firm_id) where status in ('open','acknowledged','in_progress')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['alerts_open_level', 'alerts_queue_key', 'alerts_queue_open_key'])
    await db.schema.dropIndex(name).ifExists().execute();
}
