// Stored digests as the console reads them: the list (a district user sees
// their district's, a city-level user all) and one week's document.

import type { Db } from '../db/connect.ts';
import type { Scope } from '../domain/jurisdiction.ts';
import { scopeKey } from './build.ts';

/** The latest 200 stored digests within the reader's jurisdiction, newest week first. */
export function listDigests(db: Db, scope: Scope) {
  let q = db
    .selectFrom('digests')
    .select(['week', 'district', 'built_at', 'published_at', 'emailed_at'])
    .orderBy('week_start', 'desc')
    .orderBy('scope')
    .limit(200);
  if (scope.kind === 'district') q = q.where('scope', '=', scope.district);
  return q.execute();
}

/** The stored HTML of a week's digest for a district (null: the whole deployment), if built. The caller checks jurisdiction. */
export async function storedDigest(
  db: Db,
  week: string,
  district: string | null,
): Promise<{ html: string; content: unknown } | undefined> {
  return db
    .selectFrom('digests')
    .select(['html', 'content'])
    .where('week', '=', week)
    .where('scope', '=', scopeKey(district))
    .executeTakeFirst();
}
