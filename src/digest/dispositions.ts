// The week's structured dispositions (issue 17, item 7): each action recorded
// on a resolved alert, counted by the week it was done in. Bounded by the end
// of the week (the alert closed before it), so a rebuild gives the same counts.

import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';

export async function loadDispositionCounts(
  db: Db,
  start: Date,
  end: Date,
  inScope: (f: string) => RawBuilder<unknown>,
): Promise<Record<string, number>> {
  const rows = await sql<{ action: string; n: number }>`
    select d->>'action' as action, count(*)::int as n
    from alerts a join firms f on f.id = a.firm_id cross join lateral jsonb_array_elements(a.dispositions) d
    where a.closed_at >= ${start} and a.closed_at < ${end} and jsonb_array_length(a.dispositions) > 0 and ${inScope('f.district')}
      and (d->>'at')::timestamptz >= ${start} and (d->>'at')::timestamptz < ${end}
    group by 1`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.action, Number(r.n)]));
}
