import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { createPlaceClassifier, type PlaceClassifier } from '../../domain/place/classify-place.ts';

// The district's own places are what the registry and the users say they
// are: every district and street a firm or a user is filed under. Built
// once and reused until those change (a cheap signature query), like the
// firm matcher.

let cached: { signature: string; classifier: PlaceClassifier } | undefined;

export async function placeClassifier(db: Db): Promise<PlaceClassifier> {
  const r = await sql<{ districts: string[] | null; streets: string[] | null }>`
    select (select array_agg(distinct d order by d) from (
              select district as d from firms where district is not null
              union select district from users where district is not null) x) as districts,
           (select array_agg(distinct s order by s) from (
              select street as s from firms where street is not null
              union select unnest(streets) from users) y) as streets`.execute(db);
  const districts = r.rows[0]?.districts ?? [];
  const streets = r.rows[0]?.streets ?? [];
  const signature = `${districts.join('|')}#${streets.join('|')}`;
  if (cached?.signature === signature) return cached.classifier;
  cached = { signature, classifier: createPlaceClassifier({ districts, streets }) };
  return cached.classifier;
}
